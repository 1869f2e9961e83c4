// The coverage matrix from observed state (pure): each kind of gap gets its status and a reason a reader
// can act on. The example config against the stacksets tests' small organization (two regions enabled).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { GuardDutyObserved, RegionObserved } from '../../../src/modules/guardduty/observed.ts'
import type { ScpObserved } from '../../../src/modules/scp/observed.ts'
import type { ObservedStackSet } from '../../../src/modules/stacksets/observed.ts'
import { stackSetTargets } from '../../../src/modules/stacksets/targets.ts'
import { buildStatus } from '../../../src/status/coverage.ts'
import type { StatusInputs } from '../../../src/status/observe.ts'
import { statusAt } from '../../../src/status/report.ts'
import { desiredFrom } from '../stacksets/fixture.ts'

const test = suite('status coverage: every gap with its status and reason')

const PROD = '555555555555'
const TOOLING = '222222222222'

async function inputs(): Promise<StatusInputs> {
  const desired = await desiredFrom()
  const set = (extra: Partial<ObservedStackSet>): ObservedStackSet => ({
    templateBody: '',
    parameters: {},
    ous: stackSetTargets(desired).ous,
    regions: desired.regions,
    autoDeployment: true,
    managedExecution: true,
    problems: [],
    ...extra,
  })
  const gdRegion = (region: string, extra: Partial<RegionObserved>): RegionObserved => ({
    region,
    adminRegionEnabled: true,
    admins: [TOOLING],
    detectorId: 'd1',
    orgConfig: { autoEnable: 'ALL', features: {}, additional: {} },
    managementMember: 'Enabled',
    adminFeatures: null,
    ...extra,
  })
  const guardDuty: GuardDutyObserved = {
    regions: [gdRegion('eu-west-1', { adminRegionEnabled: false }), gdRegion('us-east-1', {})],
    registered: [TOOLING],
    otherRegions: [],
  }
  const scp: ScpObserved = {
    typeEnabled: true,
    owned: [
      {
        id: 'p-1',
        name: 'deny-member-root',
        content: {},
        contentHash: undefined,
        targets: [desired.org.rootId],
      },
    ],
    unowned: [],
    others: [],
    attachedCount: new Map(),
    attached: new Map(),
    templates: {},
  }
  return {
    desired,
    scp,
    guardDuty,
    guardDutyMembers: { 'us-east-1': {} },
    stacksets: {
      templates: {},
      shipped: {},
      organizationsAccess: true,
      stackSets: {
        'config-recorder': set({
          problems: [
            {
              account: PROD,
              region: 'eu-west-1',
              kind: 'FAILED',
              reason: 'MaxNumberOfConfigurationRecordersExceededException',
            },
          ],
        }),
        'root-sign-in-alert': set({
          activeOperation: { id: 'op-1', action: 'CREATE', status: 'RUNNING' },
        }),
      },
      stacks: {},
    },
    // The full listing: only what it names CURRENT is covered (stack-instances.ts).
    instances: {
      'config-recorder': {
        listed: {
          [`${PROD}/eu-west-1`]: {
            status: 'OUTDATED',
            detailedStatus: 'FAILED',
            reason: 'MaxNumberOfConfigurationRecordersExceededException',
          },
          [`${PROD}/us-east-1`]: { status: 'CURRENT', detailedStatus: 'SUCCEEDED', drift: 'IN_SYNC' },
          [`${TOOLING}/us-east-1`]: { status: 'CURRENT', detailedStatus: 'SUCCEEDED', drift: 'DRIFTED' },
        },
        unread: {},
      },
      'root-sign-in-alert': { listed: {}, unread: {} },
    },
    trail: { name: 'org-baseline', logging: false, multiRegion: true, organization: true },
    errors: [{ module: 'security-hub', message: 'AccessDeniedException: not authorized' }],
  }
}

const cases: [
  control: string,
  account: string,
  region: string,
  status: string,
  reason: RegExp,
  why: string,
][] = [
  [
    'config',
    PROD,
    'eu-west-1',
    'failed',
    /instance OUTDATED \/ FAILED: MaxNumberOfConfigurationRecordersExceededException/,
    "AWS's status reason, verbatim",
  ],
  ['config', PROD, 'us-east-1', 'covered', /^$/, 'listed CURRENT, in sync'],
  ['config', TOOLING, 'us-east-1', 'failed', /instance drifted/, 'listed CURRENT but DRIFTED'],
  [
    'config',
    '333333333333',
    'us-east-1',
    'missing',
    /no stack instance for this account and region — run apply/,
    'not in the listing: never counted current',
  ],
  [
    'config',
    '111111111111',
    'us-east-1',
    'missing',
    /no stack org-baseline-config-recorder in the management account/,
    'stack sets never deploy there',
  ],
  ['config', '777777777777', 'us-east-1', 'suspended', /SUSPENDED/, 'a suspended account runs nothing'],
  ['root-alert', PROD, 'us-east-1', 'pending', /operation CREATE RUNNING/, 'a running stack set operation'],
  [
    'guardduty',
    PROD,
    'eu-west-1',
    'region-off',
    /not enabled in the security tooling account/,
    'the administrator lacks the region',
  ],
  ['guardduty', PROD, 'us-east-1', 'pending', /pending auto-enable \(ALL\)/, 'auto-enable ALL adds it'],
  ['guardduty', TOOLING, 'us-east-1', 'covered', /^$/, 'the administrator has its own detector'],
  [
    'securityhub',
    PROD,
    'us-east-1',
    'unknown',
    /could not read security-hub: AccessDeniedException/,
    'a failed read is never guessed',
  ],
  ['trail', PROD, 'us-east-1', 'failed', /exists but is not logging/, 'GetTrailStatus IsLogging false'],
  ['trail', '777777777777', 'us-east-1', 'suspended', /SUSPENDED/, 'suspended first'],
  [
    'scp',
    PROD,
    '',
    'missing',
    /not attached to the account, its OUs or Root: deny-leave-organization, protect-security-baseline — run apply/,
    'only deny-member-root is attached; the config asks for three',
  ],
  [
    'scp',
    '111111111111',
    '',
    'exempt',
    /never apply to the management account/,
    'AWS: SCPs do not affect the management account',
  ],
]

test('each kind of gap', async () => {
  const report = buildStatus(await inputs(), { root: false, now: new Date(0) })
  for (const [control, account, region, status, reason, why] of cases) {
    const row = report.accounts.find((a) => a.id === account)
    const index = region ? report.regions.indexOf(region) : 0
    assert.is(statusAt(row?.cells[control], index), status, `${control} ${account} ${region}: ${why}`)
    const gap = report.gaps.find(
      (g) =>
        g.control === control &&
        g.accounts.includes(account) &&
        (region === '' || g.regions.includes(region)),
    )
    assert.match(gap?.reason ?? '', reason, `${control} ${account} ${region}: ${why}`)
  }
})

test('stack instances: every one not current is named, and a region whose listing failed is not read', async () => {
  const base = await inputs()
  const report = buildStatus(base, { root: false, now: new Date(0) })
  const config = report.instances?.find((i) => i.stackSet === 'org-baseline-config-recorder')
  assert.equal(
    config?.notCurrent.map(
      (i) => `${i.account}/${i.region} ${i.status}/${i.detailedStatus} ${i.drift ?? ''}`,
    ),
    [`${TOOLING}/us-east-1 CURRENT/SUCCEEDED DRIFTED`, `${PROD}/eu-west-1 OUTDATED/FAILED `],
  )
  assert.equal(config?.notRead, [])

  // The eu-west-1 listing failed: its cells are unknown, and the report says which instances were not read.
  const read = base.instances?.['config-recorder']
  if (!read) throw new Error('fixture')
  delete read.listed[`${PROD}/eu-west-1`]
  read.unread['eu-west-1'] = 'ListStackInstances failed: ThrottlingException: Rate exceeded'
  const partial = buildStatus(base, { root: false, now: new Date(0) })
  const prod = partial.accounts.find((a) => a.id === PROD)
  assert.is(statusAt(prod?.cells.config, partial.regions.indexOf('eu-west-1')), 'unknown')
  const notRead = partial.instances?.find((i) => i.stackSet === 'org-baseline-config-recorder')?.notRead
  assert.ok(
    notRead?.some(
      (u) =>
        u.accounts.includes(PROD) && u.regions.includes('eu-west-1') && /ThrottlingException/.test(u.reason),
    ),
    'the instances not read are said, with why',
  )
})

test('an opt-in region the account has not enabled is region-off, from the Account API', async () => {
  const base = await inputs()
  const desired = { ...base.desired, regions: [...base.desired.regions, 'ap-southeast-4'] }
  const report = buildStatus(
    {
      ...base,
      desired,
      regionsEnabled: {
        [PROD]: { 'ap-southeast-4': 'DISABLED' },
        [TOOLING]: { 'ap-southeast-4': 'ENABLED' },
      },
    },
    { root: false, now: new Date(0) },
  )
  const at = report.regions.indexOf('ap-southeast-4')
  const prod = report.accounts.find((a) => a.id === PROD)
  for (const control of ['config', 'guardduty', 'trail'])
    assert.is(statusAt(prod?.cells[control], at), 'region-off', control)
  assert.ok(
    report.gaps.some(
      (g) =>
        g.accounts.includes(PROD) &&
        g.reason === 'region not enabled in this account (Account API ListRegions: DISABLED)',
    ),
  )
  const tooling = report.accounts.find((a) => a.id === TOOLING)
  assert.is.not(statusAt(tooling?.cells.config, at), 'region-off', 'enabled there: its own verdict')
})

test("Security Hub: each account's own entry in the administrator's association list decides its cell", async () => {
  const base = await inputs()
  const region = { admin: TOOLING, hub: true, orgConfig: null, enabledStandards: null, catalogue: null }
  const policy = {
    id: 'p-1',
    arn: 'arn',
    name: 'org-baseline',
    serviceEnabled: true,
    standards: [],
    recorded: null,
  }
  const report = buildStatus(
    {
      ...base,
      errors: [],
      securityHub: {
        regions: { 'us-east-1': region, 'eu-west-1': region },
        aggregator: { arn: 'a', region: 'us-east-1', mode: 'ALL_REGIONS', regions: [] },
        central: { policy, associations: {} },
      },
      securityHubAccounts: {
        [PROD]: {
          policyId: 'p-1',
          type: 'INHERITED',
          status: 'FAILED',
          message: 'Account is suspended in Security Hub',
        },
        [TOOLING]: { policyId: 'p-1', type: 'INHERITED', status: 'SUCCESS' },
      },
    },
    { root: false, now: new Date(0) },
  )
  const cell = (id: string) => report.accounts.find((a) => a.id === id)?.cells.securityhub
  assert.is(cell(TOOLING), 'covered', 'listed SUCCESS')
  assert.is(cell(PROD), 'failed', "listed FAILED: AWS's message is the reason")
  assert.ok(
    report.gaps.some(
      (g) => g.reason === 'policy association INHERITED FAILED: Account is suspended in Security Hub',
    ),
  )
})

test('counts add up to accounts × regions per control, and the compact cell form round-trips', async () => {
  const report = buildStatus(await inputs(), { root: false, now: new Date(0) })
  for (const control of report.controls) {
    const total = Object.values(report.counts[control.id] ?? {}).reduce((a, b) => a + (b ?? 0), 0)
    const per = control.scope === 'region' ? report.regions.length : 1
    assert.is(total, report.accounts.length * per, control.id)
  }
  const prod = report.accounts.find((a) => a.id === PROD)
  assert.equal(prod?.cells.config, ['failed', 'covered'], 'different per region: one status per region')
  assert.is(prod?.cells['root-alert'], 'pending', 'the same in every region: one status')
})

test.run()
