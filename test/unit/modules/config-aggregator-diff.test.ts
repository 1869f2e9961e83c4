import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Desired } from '../../../src/engine/desired.ts'
import {
  type AggregatorView,
  diffAggregator,
  serviceLinkedRoleArn,
} from '../../../src/modules/config-aggregator/index.ts'

const test = suite('config-aggregator diff')

const TOOLING = '222222222222'
const desired = {
  config: {
    homeRegion: 'us-east-1',
    config: { enabled: true, aggregator: { enabled: true, name: 'org-baseline' } },
  },
  securityTooling: { id: TOOLING, name: 'Security Tooling' },
} as unknown as Desired

const wanted: AggregatorView = {
  name: 'org-baseline',
  source: 'organization',
  roleArn: serviceLinkedRoleArn(TOOLING),
  allAwsRegions: true,
  awsRegions: [],
}

const cases: { reason: string; observed: AggregatorView | null; expect: string[] }[] = [
  { reason: 'absent: created', observed: null, expect: ['create config-aggregator[org-baseline]'] },
  { reason: 'as configured: no change', observed: wanted, expect: [] },
  {
    reason: 'a listed set of regions instead of all regions: updated in place',
    observed: { ...wanted, allAwsRegions: false, awsRegions: ['us-east-1'] },
    expect: ['update config-aggregator[org-baseline]'],
  },
  {
    reason: 'another role: updated to the service-linked role',
    observed: { ...wanted, roleArn: `arn:aws:iam::${TOOLING}:role/custom` },
    expect: ['update config-aggregator[org-baseline]'],
  },
  {
    reason: 'an account aggregator under the same name: turned into the organization aggregator',
    observed: { ...wanted, source: 'accounts', roleArn: null, allAwsRegions: false },
    expect: ['update config-aggregator[org-baseline]'],
  },
]

for (const c of cases) {
  test(c.reason, () => {
    assert.equal(
      diffAggregator(desired, c.observed).map((ch) => `${ch.action} ${ch.address}`),
      c.expect,
    )
  })
}

test('the aggregator depends on trusted access and both Config delegated-admin registrations', () => {
  const [change] = diffAggregator(desired, null)
  assert.equal(change?.dependsOn, [
    'trusted-access[config.amazonaws.com]',
    `delegated-admin[config.amazonaws.com→${TOOLING}]`,
    `delegated-admin[config-multiaccountsetup.amazonaws.com→${TOOLING}]`,
  ])
  assert.is(change?.account, TOOLING)
  assert.is(change?.region, 'us-east-1')
})

test.run()
