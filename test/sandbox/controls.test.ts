// Framework controls: out-of-band changes tests and demos make, and the events other services react to.
import {
  DescribeAccountCommand,
  DescribePolicyCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import type { WorldEvents } from '../../src/sandbox/state.ts'
import { failure, management, member } from './helpers.ts'

let sandbox: Sandbox
let org: OrganizationsClient

test.before(async () => {
  sandbox = await startSandbox()
  org = new OrganizationsClient(management(sandbox))
})
test.after(() => sandbox.close())

const ouId = (name: string) => [...sandbox.world.ous.values()].find((ou) => ou.name === name)?.id

test('createAccount places an account in an OU path at once, with FullAWSAccess, and emits account-placed', () => {
  const placed: WorldEvents['account-placed'][0][] = []
  sandbox.world.events.on('account-placed', (event) => placed.push(event))
  const { accountId } = sandbox.control('sandbox', 'createAccount', {
    name: 'Demo',
    parent: 'Workloads/Prod',
  }) as {
    accountId: string
  }
  assert.is(sandbox.world.accounts.get(accountId)?.parentId, ouId('Prod'))
  assert.ok(sandbox.world.policies.get('p-FullAWSAccess')?.targets.has(accountId))
  assert.equal(placed, [{ accountId, fromParentId: undefined, toParentId: ouId('Prod') }])
  sandbox.world.events.removeAllListeners('account-placed')
})

test('moveAccount and suspendAccount change the account and emit account-placed / account-status', async () => {
  const events: string[] = []
  sandbox.world.events.on('account-placed', (e) => events.push(`placed:${e.accountId}:${e.toParentId}`))
  sandbox.world.events.on('account-status', (e) => events.push(`status:${e.accountId}:${e.status}`))
  sandbox.control('organizations', 'moveAccount', { accountId: '666666666667', parent: 'Workloads/Prod' })
  sandbox.control('organizations', 'suspendAccount', { accountId: '666666666667' })
  assert.equal(events, [`placed:666666666667:${ouId('Prod')}`, 'status:666666666667:SUSPENDED'])
  const { Account } = await org.send(new DescribeAccountCommand({ AccountId: '666666666667' }))
  assert.is(Account?.Status, 'SUSPENDED')
  sandbox.world.events.removeAllListeners()
})

test('detachPolicy and setPolicyContent inject SCP drift that the API then reports', async () => {
  sandbox.control('sandbox', 'detachPolicy', { name: 'legacy-deny-regions', targetId: 'Workloads' })
  const attached = await org.send(
    new ListPoliciesForTargetCommand({ TargetId: ouId('Workloads') ?? '', Filter: 'SERVICE_CONTROL_POLICY' }),
  )
  assert.equal(
    attached.Policies?.map((p) => p.Name),
    ['FullAWSAccess'],
  )
  const legacy = [...sandbox.world.policies.values()].find((p) => p.name === 'legacy-deny-regions')
  sandbox.control('sandbox', 'setPolicyContent', {
    policyId: legacy?.id,
    content: '{"Version":"2012-10-17","Statement":[]}',
  })
  const { Policy } = await org.send(new DescribePolicyCommand({ PolicyId: legacy?.id ?? '' }))
  assert.is(Policy?.Content, '{"Version":"2012-10-17","Statement":[]}')
})

test('a control keeps AWS’s rules: detaching the last SCP is refused', () => {
  assert.throws(
    () =>
      sandbox.control('sandbox', 'detachPolicy', { policyId: 'p-FullAWSAccess', targetId: '333333333333' }),
    /fewer than the minimum/,
  )
})

test('enableRegion with pending: ENABLING first, enabled once the clock passes; removeAccessRole denies AssumeRole', async () => {
  sandbox.control('sandbox', 'enableRegion', {
    accountId: '333333333333',
    region: 'me-central-1',
    pending: true,
  })
  assert.is(sandbox.world.isRegionEnabled('333333333333', 'me-central-1'), false)
  sandbox.control('sandbox', 'advanceClock', { ms: 60 * 60_000 })
  assert.is(sandbox.world.isRegionEnabled('333333333333', 'me-central-1'), true)
  sandbox.control('sandbox', 'removeAccessRole', {
    accountId: '333333333333',
    role: 'OrganizationAccountAccessRole',
  })
  const error = await failure(member(sandbox, '333333333333'))
  assert.is(error.name, 'AccessDenied')
})

test('an unknown control names itself in the error', () => {
  assert.throws(() => sandbox.control('organizations', 'noSuchControl'), /noSuchControl/)
})

test.run()
