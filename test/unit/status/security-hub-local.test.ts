// Security Hub cells under local configuration (membership from each region's ListMembers) and the standards
// cells in both modes: every cell's status and reason, table-driven, from hand-made observations.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { RegionObserved, SecurityHubObserved } from '../../../src/modules/security-hub/observed.ts'
import { buildStatus } from '../../../src/status/coverage.ts'
import type { StatusInputs } from '../../../src/status/observe.ts'
import { type StatusReport, statusAt } from '../../../src/status/report.ts'
import { desiredFrom } from '../stacksets/fixture.ts'

const test = suite('status: Security Hub membership (local configuration) and standards')

const MANAGEMENT = '111111111111'
const TOOLING = '222222222222'
const LOG = '333333333333'
const PROD = '555555555555'
const SUSPENDED = '777777777777'
const ARN = (path: string) => `arn:aws:securityhub:us-east-1::standards/${path}`
const FSBP = ARN('aws-foundational-security-best-practices/v/1.0.0')
const CIS3 = ARN('cis-aws-foundations-benchmark/v/3.0.0')

const region = (extra: Partial<RegionObserved> = {}): RegionObserved => ({
  admin: TOOLING,
  hub: true,
  orgConfig: {
    configurationType: 'LOCAL',
    status: 'ENABLED',
    autoEnable: true,
    autoEnableStandards: 'DEFAULT',
  },
  enabledStandards: [FSBP, CIS3],
  catalogue: null,
  ...extra,
})

async function localReport(): Promise<StatusReport> {
  const desired = await desiredFrom((t) => t.replace('configuration: central', 'configuration: local'))
  const securityHub: SecurityHubObserved = {
    // eu-west-1: the administrator's hub has only FSBP, and its member list could not be read.
    regions: { 'us-east-1': region(), 'eu-west-1': region({ enabledStandards: [FSBP] }) },
    aggregator: { arn: 'a', region: 'us-east-1', mode: 'ALL_REGIONS', regions: [] },
    central: null,
  }
  const inputs: StatusInputs = {
    desired,
    securityHub,
    securityHubMembers: {
      'us-east-1': { [PROD]: 'Enabled', [LOG]: 'Removed' },
      'eu-west-1': 'ListMembers failed: ThrottlingException: Rate exceeded',
    },
    errors: [],
  }
  return buildStatus(inputs, { root: false, now: new Date(0) })
}

const cases: [
  control: string,
  account: string,
  region: string,
  status: string,
  reason: RegExp,
  why: string,
][] = [
  ['securityhub', PROD, 'us-east-1', 'covered', /^$/, 'listed Enabled by ListMembers'],
  ['securityhub', TOOLING, 'us-east-1', 'covered', /^$/, 'the administrator, its hub on'],
  [
    'securityhub',
    LOG,
    'us-east-1',
    'missing',
    /member status Removed \(ListMembers\)/,
    'listed, not associated',
  ],
  [
    'securityhub',
    MANAGEMENT,
    'us-east-1',
    'missing',
    /never enables the management account by itself .* CreateMembers/,
    'never auto-enabled (API reference, CreateMembers)',
  ],
  ['securityhub', SUSPENDED, 'us-east-1', 'suspended', /SUSPENDED/, 'a suspended account runs nothing'],
  [
    'securityhub',
    PROD,
    'eu-west-1',
    'unknown',
    /ListMembers failed: ThrottlingException/,
    'a failed read is never guessed',
  ],
  [
    'securityhub-standards',
    TOOLING,
    'us-east-1',
    'covered',
    /^$/,
    "the administrator's GetEnabledStandards has both",
  ],
  [
    'securityhub-standards',
    TOOLING,
    'eu-west-1',
    'missing',
    /not enabled in the administrator's hub: cis-3.0.0 — run apply/,
    'CIS 3.0.0 missing there',
  ],
  [
    'securityhub-standards',
    PROD,
    'us-east-1',
    'unknown',
    /not read: under local configuration only the account itself can read its standards \(GetEnabledStandards\)/,
    'the administrator cannot read a member’s standards',
  ],
  [
    'securityhub-standards',
    LOG,
    'us-east-1',
    'missing',
    /Security Hub does not reach the account here: member status Removed/,
    'no standards where Security Hub is not on',
  ],
]

test('local configuration: each cell from ListMembers, with its reason', async () => {
  const report = await localReport()
  const at = (r: string) => report.regions.indexOf(r)
  for (const [control, account, where, status, reason, why] of cases) {
    const row = report.accounts.find((a) => a.id === account)
    assert.is(statusAt(row?.cells[control], at(where)), status, `${control} ${account} ${where}: ${why}`)
    const gap = report.gaps.find(
      (g) => g.control === control && g.accounts.includes(account) && g.regions.includes(where),
    )
    assert.match(gap?.reason ?? '', reason, `${control} ${account} ${where}: ${why}`)
  }
})

test('an existing account auto-enable never reached: missing, and the reason says what to do', async () => {
  const desired = await desiredFrom((t) => t.replace('configuration: central', 'configuration: local'))
  const prodAbsent = buildStatus(
    {
      desired,
      securityHub: {
        regions: { 'us-east-1': region(), 'eu-west-1': region() },
        aggregator: null,
        central: null,
      },
      securityHubMembers: { 'us-east-1': {}, 'eu-west-1': {} },
      errors: [],
    },
    { root: false, now: new Date(0) },
  )
  const gap = prodAbsent.gaps.find((g) => g.control === 'securityhub' && g.accounts.includes(PROD))
  assert.is(gap?.status, 'missing')
  assert.match(
    gap?.reason ?? '',
    /auto-enable reaches only accounts that join later — add existing accounts with CreateMembers/,
  )
})

test("--member-standards: a member's cell from its own GetEnabledStandards, a failed read never guessed", async () => {
  const desired = await desiredFrom((t) => t.replace('configuration: central', 'configuration: local'))
  const report = buildStatus(
    {
      desired,
      securityHub: {
        regions: { 'us-east-1': region(), 'eu-west-1': region() },
        aggregator: null,
        central: null,
      },
      securityHubMembers: {
        'us-east-1': { [PROD]: 'Enabled', [LOG]: 'Enabled' },
        'eu-west-1': { [PROD]: 'Enabled' },
      },
      securityHubMemberStandards: {
        [PROD]: {
          'us-east-1': [FSBP],
          'eu-west-1': 'GetEnabledStandards in the account failed: AccessDenied',
        },
        [LOG]: { 'us-east-1': [FSBP, CIS3] },
      },
      errors: [],
    },
    { root: false, now: new Date(0) },
  )
  const at = (account: string, where: string) =>
    statusAt(
      report.accounts.find((a) => a.id === account)?.cells['securityhub-standards'],
      report.regions.indexOf(where),
    )
  const reason = (account: string, where: string) =>
    report.gaps.find(
      (g) =>
        g.control === 'securityhub-standards' && g.accounts.includes(account) && g.regions.includes(where),
    )?.reason ?? ''
  assert.is(at(LOG, 'us-east-1'), 'covered', 'both configured standards on in the account')
  assert.is(at(PROD, 'us-east-1'), 'missing')
  assert.match(
    reason(PROD, 'us-east-1'),
    /not enabled in the account \(its own GetEnabledStandards\): cis-3.0.0/,
  )
  assert.is(at(PROD, 'eu-west-1'), 'unknown')
  assert.match(reason(PROD, 'eu-west-1'), /failed: AccessDenied/)
})

test('central configuration: standards come from the associated baseline policy', async () => {
  const desired = await desiredFrom()
  const policy = {
    id: 'p-1',
    arn: 'arn',
    name: 'org-baseline',
    serviceEnabled: true,
    standards: [FSBP],
    recorded: null,
  }
  const report = buildStatus(
    {
      desired,
      securityHub: {
        regions: { 'us-east-1': region({ orgConfig: null, enabledStandards: null }) },
        aggregator: { arn: 'a', region: 'us-east-1', mode: 'ALL_REGIONS', regions: [] },
        central: { policy, associations: {} },
      },
      securityHubAccounts: { [PROD]: { policyId: 'p-1', type: 'INHERITED', status: 'SUCCESS' } },
      errors: [],
    },
    { root: false, now: new Date(0) },
  )
  const prod = report.accounts.find((a) => a.id === PROD)
  assert.is(statusAt(prod?.cells.securityhub, 0), 'covered')
  assert.is(statusAt(prod?.cells['securityhub-standards'], 0), 'missing', 'the policy lacks CIS 3.0.0')
  const gap = report.gaps.find((g) => g.control === 'securityhub-standards' && g.accounts.includes(PROD))
  assert.match(gap?.reason ?? '', /configuration policy org-baseline does not enable cis-3.0.0 — run apply/)
})

test.run()
