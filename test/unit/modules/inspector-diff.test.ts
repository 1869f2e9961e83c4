// The inspector diff as a pure function: literal observations in, the changes out, one reason per case.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { InspectorScanType } from '../../../src/config/schema.ts'
import type { Desired } from '../../../src/engine/desired.ts'
import { diffInspector, inspectorNotes } from '../../../src/modules/inspector/diff.ts'
import type {
  AccountGap,
  AutoEnableState,
  InspectorObserved,
  RegionObserved,
} from '../../../src/modules/inspector/observed.ts'

const test = suite('inspector diff')

const ADMIN = '222222222222'
const MANAGEMENT = '111111111111'

const desired = (
  enabled = true,
  scanTypes: InspectorScanType[] = ['EC2', 'ECR', 'LAMBDA'],
  regions = ['eu-west-1', 'us-east-1'],
): Desired =>
  ({
    regions,
    config: { homeRegion: 'us-east-1', inspector: { enabled, scanTypes } },
    management: { id: MANAGEMENT, name: 'Management', status: 'ACTIVE', path: 'Root' },
    securityTooling: { id: ADMIN, name: 'Security Tooling', status: 'ACTIVE', path: 'Security' },
    excludedAccounts: [],
    excludedOus: [],
    org: {
      accounts: [
        { id: MANAGEMENT, name: 'Management', status: 'ACTIVE', path: 'Root' },
        { id: ADMIN, name: 'Security Tooling', status: 'ACTIVE', path: 'Security' },
      ],
    },
  }) as unknown as Desired

const ON: AutoEnableState = { EC2: true, ECR: true, LAMBDA: true, LAMBDA_CODE: false }
const OFF: AutoEnableState = { EC2: false, ECR: false, LAMBDA: false, LAMBDA_CODE: false }

const region = (name: string, autoEnable: AutoEnableState | null = ON, admins = [ADMIN]): RegionObserved => ({
  region: name,
  adminRegionEnabled: true,
  admins,
  autoEnable,
})

const observed = (
  regions: RegionObserved[],
  gaps: AccountGap[] = [],
  registered = [ADMIN],
): InspectorObserved => ({
  registered,
  regions,
  memberCheck: regions.some((r) => r.region === 'us-east-1' && r.autoEnable)
    ? { region: 'us-east-1', checked: 2, gaps }
    : null,
})

const summary = (d: Desired, o: InspectorObserved) =>
  diffInspector(d, o).map((c) => [c.address, c.action, c.destructive, c.drift === true])

const cases: [reason: string, d: Desired, o: InspectorObserved, expected: unknown[]][] = [
  [
    'nothing set up: per region the administrator, then existing accounts, then auto-enable; nothing destructive (nothing is on yet)',
    desired(),
    observed([region('eu-west-1', null, []), region('us-east-1', null, [])], [], []),
    ['eu-west-1', 'us-east-1'].flatMap((r) => [
      [`inspector.admin[${r}]`, 'create', false, false],
      [`inspector.members[${r}]`, 'update', false, false],
      [`inspector.org-config[${r}]`, 'create', false, false],
    ]),
  ],
  [
    'the administrator gone in one region while designated in the other: drift there',
    desired(),
    observed([region('eu-west-1', null, []), region('us-east-1')]),
    [
      ['inspector.admin[eu-west-1]', 'create', false, true],
      ['inspector.members[eu-west-1]', 'update', false, false],
      ['inspector.org-config[eu-west-1]', 'create', false, true],
    ],
  ],
  [
    'everything as configured: no change',
    desired(),
    observed([region('eu-west-1'), region('us-east-1')]),
    [],
  ],
  [
    'auto-enable off in one region while the other matches: drift there',
    desired(),
    observed([region('eu-west-1', OFF), region('us-east-1')]),
    [
      ['inspector.members[eu-west-1]', 'update', false, false],
      ['inspector.org-config[eu-west-1]', 'update', false, true],
    ],
  ],
  [
    'LAMBDA taken out of the config: auto-enable and existing accounts narrowed, both destructive',
    desired(true, ['EC2', 'ECR']),
    observed([region('eu-west-1'), region('us-east-1')]),
    [
      ['inspector.members[eu-west-1]', 'update', true, false],
      ['inspector.org-config[eu-west-1]', 'update', true, false],
      ['inspector.members[us-east-1]', 'update', true, false],
      ['inspector.org-config[us-east-1]', 'update', true, false],
    ],
  ],
  [
    'an account switched off in the region read per account, auto-enable matching: members drift',
    desired(),
    observed(
      [region('eu-west-1'), region('us-east-1')],
      [{ accountId: MANAGEMENT, associated: true, missing: ['LAMBDA'], extra: [] }],
    ),
    [['inspector.members[us-east-1]', 'update', false, true]],
  ],
  [
    'the module off while it is set up: auto-enable off, scanning off, administrator removed and deregistered',
    desired(false),
    observed([region('eu-west-1'), region('us-east-1')]),
    [
      ['inspector.org-config[eu-west-1]', 'update', true, false],
      ['inspector.members[eu-west-1]', 'update', true, false],
      ['inspector.org-config[us-east-1]', 'update', true, false],
      ['inspector.members[us-east-1]', 'update', true, false],
      ['inspector.admin-removal[eu-west-1]', 'delete', true, false],
      ['inspector.admin-removal[us-east-1]', 'delete', true, false],
      [`inspector.delegated-admin[inspector2.amazonaws.com→${ADMIN}]`, 'delete', true, false],
    ],
  ],
  ['the module off and nothing registered: no change', desired(false), observed([], [], []), []],
]

for (const [reason, d, o, expected] of cases) test(reason, () => assert.equal(summary(d, o), expected))

test('the administrator removal waits for auto-enable and scanning to be off in its region', () => {
  const changes = diffInspector(desired(false), observed([region('eu-west-1'), region('us-east-1')]))
  const removal = changes.find((c) => c.address === 'inspector.admin-removal[eu-west-1]')
  assert.equal(removal?.dependsOn, ['inspector.org-config[eu-west-1]', 'inspector.members[eu-west-1]'])
})

test('a scan type Inspector does not offer in a region is neither asked for there nor turned off; a note says so', () => {
  const d = desired(true, ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'], ['mx-central-1', 'us-east-1'])
  const changes = diffInspector(
    d,
    observed([region('mx-central-1', null, []), region('us-east-1', { ...ON, LAMBDA_CODE: true })]),
  )
  const config = changes.find((c) => c.address === 'inspector.org-config[mx-central-1]')
  assert.equal(config?.after, { EC2: true, ECR: true, LAMBDA: true })
  const notes = inspectorNotes(d, observed([]))
  assert.ok(notes.some((n) => n.region === 'mx-central-1' && n.message.includes('LAMBDA_CODE')))
})

test('the plan says which region is read per account and that the others are not', () => {
  const notes = inspectorNotes(desired(), observed([region('eu-west-1'), region('us-east-1')]))
  assert.ok(
    notes.some((n) => n.message.includes('read in us-east-1 only') && n.message.includes('other 1 region')),
  )
})

test.run()
