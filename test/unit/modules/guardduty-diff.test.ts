// The guardduty diff as a pure function: literal observations in, the exact changes out, one reason per case.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { GuardDutyFeature, RuntimeAgent } from '../../../src/config/schema.ts'
import type { Desired } from '../../../src/engine/desired.ts'
import { diffGuardDuty, guardDutyNotes } from '../../../src/modules/guardduty/diff.ts'
import type {
  FeatureStatus,
  GuardDutyObserved,
  ObservedDetectorFeatures,
  ObservedOrgConfig,
  RegionObserved,
} from '../../../src/modules/guardduty/observed.ts'

const test = suite('guardduty diff')

const ADMIN = '222222222222'
const OLD = '333333333333'
const MANAGEMENT = '111111111111'
const FEATURES: GuardDutyFeature[] = ['S3_DATA_EVENTS', 'EKS_AUDIT_LOGS']

interface GuardDutySettings {
  autoEnable?: 'ALL' | 'NEW'
  features?: GuardDutyFeature[]
  runtimeAgents?: RuntimeAgent[]
  excludeManagement?: boolean
}

const desired = (s: GuardDutySettings = {}): Desired =>
  ({
    regions: ['eu-west-1', 'us-east-1'],
    config: {
      guardDuty: {
        enabled: true,
        autoEnable: s.autoEnable ?? 'ALL',
        features: s.features ?? FEATURES,
        runtimeAgents: s.runtimeAgents ?? [],
      },
    },
    management: {
      id: MANAGEMENT,
      name: 'Management',
      email: 'm@example.com',
      status: 'ACTIVE',
      path: 'Root',
    },
    securityTooling: { id: ADMIN, name: 'Security Tooling', status: 'ACTIVE', path: 'Security' },
    excludedAccounts: s.excludeManagement ? [{ id: MANAGEMENT }] : [],
    excludedOus: [],
    org: {
      accounts: [
        { id: MANAGEMENT, name: 'Management', status: 'ACTIVE', path: 'Root' },
        { id: ADMIN, name: 'Security Tooling', status: 'ACTIVE', path: 'Security' },
        { id: OLD, name: 'Log Archive', status: 'ACTIVE', path: 'Security' },
      ],
      enabledRegions: ['eu-west-1', 'us-east-1', 'us-west-2'],
    },
  }) as unknown as Desired

/** The organization configuration the default settings ask for. */
const matching = (
  overrides: Partial<ObservedOrgConfig['features']> = {},
  autoEnable = 'ALL',
): ObservedOrgConfig =>
  ({
    autoEnable,
    features: {
      S3_DATA_EVENTS: 'ALL',
      EKS_AUDIT_LOGS: 'ALL',
      EBS_MALWARE_PROTECTION: 'NONE',
      RDS_LOGIN_EVENTS: 'NONE',
      LAMBDA_NETWORK_LOGS: 'NONE',
      RUNTIME_MONITORING: 'NONE',
      AI_PROTECTION: 'NONE',
      ...overrides,
    },
    additional: {
      RUNTIME_MONITORING: {
        EKS_ADDON_MANAGEMENT: 'NONE',
        ECS_FARGATE_AGENT_MANAGEMENT: 'NONE',
        EC2_AGENT_MANAGEMENT: 'NONE',
      },
    },
  }) as ObservedOrgConfig

/** The admin's own detector as GetDetector answers it with the default settings applied (foundational
 * sources included, EKS_RUNTIME_MONITORING absent as on a new detector). */
const matchingDetector = (
  overrides: Record<string, FeatureStatus> = {},
  agents: Record<string, FeatureStatus> = {},
): ObservedDetectorFeatures => ({
  features: {
    CLOUD_TRAIL: 'ENABLED',
    DNS_LOGS: 'ENABLED',
    FLOW_LOGS: 'ENABLED',
    S3_DATA_EVENTS: 'ENABLED',
    EKS_AUDIT_LOGS: 'ENABLED',
    EBS_MALWARE_PROTECTION: 'DISABLED',
    RDS_LOGIN_EVENTS: 'DISABLED',
    LAMBDA_NETWORK_LOGS: 'DISABLED',
    RUNTIME_MONITORING: 'DISABLED',
    AI_PROTECTION: 'DISABLED',
    ...overrides,
  },
  additional: {
    RUNTIME_MONITORING: {
      EKS_ADDON_MANAGEMENT: 'DISABLED',
      ECS_FARGATE_AGENT_MANAGEMENT: 'DISABLED',
      EC2_AGENT_MANAGEMENT: 'DISABLED',
      ...agents,
    },
  },
})

const converged = (region: string, partial: Partial<RegionObserved> = {}): RegionObserved => ({
  region,
  adminRegionEnabled: true,
  admins: [ADMIN],
  detectorId: `det-${region}`,
  orgConfig: matching(),
  managementMember: 'Enabled',
  adminFeatures: matchingDetector(),
  ...partial,
})

/** What cannot be read without the admin (or its detector) in a region. */
const unread = { orgConfig: null, managementMember: null, adminFeatures: null }

const empty = (region: string): RegionObserved => ({
  region,
  adminRegionEnabled: true,
  admins: [],
  detectorId: null,
  orgConfig: null,
  managementMember: null,
  adminFeatures: null,
})

const observed = (
  regions: RegionObserved[],
  partial: Partial<GuardDutyObserved> = {},
): GuardDutyObserved => ({
  regions,
  registered: regions.some((r) => r.admins.includes(ADMIN)) ? [ADMIN] : [],
  otherRegions: [],
  ...partial,
})

const featuresOf = (value: unknown) =>
  (value as { features?: Record<string, string> } | null | undefined)?.features ?? {}

const summary = (changes: ReturnType<typeof diffGuardDuty>) =>
  changes.map(
    (c) => `${c.action} ${c.address}${c.drift ? ' drift' : ''}${c.destructive ? ' destructive' : ''}`,
  )

const cases: { reason: string; desired?: Desired; observed: GuardDutyObserved; expected: string[] }[] = [
  {
    reason: 'converged in every region: nothing to do',
    observed: observed([converged('eu-west-1'), converged('us-east-1')]),
    expected: [],
  },
  {
    reason:
      "nothing set up: admin, detector, organization configuration, the admin's own detector features and management member in each region, none of it drift",
    observed: observed([empty('eu-west-1'), empty('us-east-1')]),
    expected: [
      'create guardduty.admin[eu-west-1]',
      'create guardduty.detector[eu-west-1]',
      'create guardduty.org-config[eu-west-1]',
      'create guardduty.admin-detector[eu-west-1]',
      'create guardduty.management-member[eu-west-1]',
      'create guardduty.admin[us-east-1]',
      'create guardduty.detector[us-east-1]',
      'create guardduty.org-config[us-east-1]',
      'create guardduty.admin-detector[us-east-1]',
      'create guardduty.management-member[us-east-1]',
    ],
  },
  {
    reason: 'auto-enable NONE is always drift: the tool never writes it',
    observed: observed([
      converged('eu-west-1', { orgConfig: matching({}, 'NONE') }),
      converged('us-east-1', { orgConfig: matching({}, 'NONE') }),
    ]),
    expected: [
      'update guardduty.org-config[eu-west-1] drift',
      'update guardduty.org-config[us-east-1] drift',
    ],
  },
  {
    reason: 'a feature off in one region while the other matches the config: drift, that region only',
    observed: observed([
      converged('eu-west-1', { orgConfig: matching({ S3_DATA_EVENTS: 'NONE' }) }),
      converged('us-east-1'),
    ]),
    expected: ['update guardduty.org-config[eu-west-1] drift'],
  },
  {
    reason:
      'a feature removed from the config, alike in every region: a config change, not drift, and destructive (it turns EKS_AUDIT_LOGS off)',
    desired: desired({ features: ['S3_DATA_EVENTS'] }),
    observed: observed([converged('eu-west-1'), converged('us-east-1')]),
    expected: [
      'update guardduty.org-config[eu-west-1] destructive',
      'update guardduty.admin-detector[eu-west-1] destructive',
      'update guardduty.org-config[us-east-1] destructive',
      'update guardduty.admin-detector[us-east-1] destructive',
    ],
  },
  {
    reason:
      'the admin removed in one region (designated in the other): admin is drift, and what cannot be read without it is planned there',
    observed: observed([converged('eu-west-1', { admins: [], ...unread }), converged('us-east-1')]),
    expected: [
      'create guardduty.admin[eu-west-1] drift',
      'create guardduty.org-config[eu-west-1] drift',
      'create guardduty.admin-detector[eu-west-1] drift',
      'create guardduty.management-member[eu-west-1]',
    ],
  },
  {
    reason:
      'the admin lost its detector where it is admin: recreate it (drift), configuration unreadable until then',
    observed: observed([converged('eu-west-1', { detectorId: null, ...unread }), converged('us-east-1')]),
    expected: [
      'create guardduty.detector[eu-west-1] drift',
      'create guardduty.org-config[eu-west-1]',
      'create guardduty.admin-detector[eu-west-1]',
      'create guardduty.management-member[eu-west-1]',
    ],
  },
  {
    reason: 'the management account disassociated: re-added, as drift',
    observed: observed([converged('eu-west-1', { managementMember: 'Removed' }), converged('us-east-1')]),
    expected: ['update guardduty.management-member[eu-west-1] drift'],
  },
  {
    reason: 'the management account is excluded in the config: never added as a member',
    desired: desired({ excludeManagement: true }),
    observed: observed([
      converged('eu-west-1', { managementMember: 'none' }),
      converged('us-east-1', { managementMember: 'none' }),
    ]),
    expected: [],
  },
  {
    reason: 'an opt-in region the admin has not enabled: nothing planned there',
    observed: observed([{ ...empty('eu-west-1'), adminRegionEnabled: false }, converged('us-east-1')]),
    expected: [],
  },
  {
    reason:
      'another admin: removed in every region it holds (target or not) and deregistered once, all destructive, before the new designation',
    observed: observed([converged('eu-west-1', { admins: [OLD], ...unread }), empty('us-east-1')], {
      registered: [OLD],
      otherRegions: [{ region: 'us-west-2', admins: [OLD] }],
    }),
    expected: [
      'delete guardduty.admin-removal[eu-west-1] destructive',
      'delete guardduty.admin-removal[us-west-2] destructive',
      'delete guardduty.delegated-admin[guardduty.amazonaws.com→333333333333] destructive',
      'create guardduty.admin[eu-west-1]',
      'create guardduty.org-config[eu-west-1]',
      'create guardduty.admin-detector[eu-west-1]',
      'create guardduty.management-member[eu-west-1]',
      'create guardduty.admin[us-east-1]',
      'create guardduty.detector[us-east-1]',
      'create guardduty.org-config[us-east-1]',
      'create guardduty.admin-detector[us-east-1]',
      'create guardduty.management-member[us-east-1]',
    ],
  },
  {
    reason:
      "a feature off on the admin's own detector in one region while the other matches: drift, that region only, and the organization configuration is untouched",
    observed: observed([
      converged('eu-west-1', { adminFeatures: matchingDetector({ S3_DATA_EVENTS: 'DISABLED' }) }),
      converged('us-east-1'),
    ]),
    expected: ['update guardduty.admin-detector[eu-west-1] drift'],
  },
  {
    reason:
      "an unlisted feature on on the admin's own detector (off means off) in one region while the other matches: drift, and destructive (turning a protection off waits for --allow-destroy)",
    observed: observed([
      converged('eu-west-1'),
      converged('us-east-1', { adminFeatures: matchingDetector({ AI_PROTECTION: 'ENABLED' }) }),
    ]),
    expected: ['update guardduty.admin-detector[us-east-1] drift destructive'],
  },
  {
    reason:
      "the admin's detector as designation leaves it (every plan off) in every region: a change to make, not drift",
    observed: observed([
      converged('eu-west-1', {
        adminFeatures: matchingDetector({ S3_DATA_EVENTS: 'DISABLED', EKS_AUDIT_LOGS: 'DISABLED' }),
      }),
      converged('us-east-1', {
        adminFeatures: matchingDetector({ S3_DATA_EVENTS: 'DISABLED', EKS_AUDIT_LOGS: 'DISABLED' }),
      }),
    ]),
    expected: ['update guardduty.admin-detector[eu-west-1]', 'update guardduty.admin-detector[us-east-1]'],
  },
  {
    reason:
      'the foundational sources GetDetector reports (CLOUD_TRAIL, DNS_LOGS, FLOW_LOGS) are not compared',
    observed: observed([
      converged('eu-west-1', { adminFeatures: matchingDetector({ FLOW_LOGS: 'DISABLED' }) }),
      converged('us-east-1'),
    ]),
    expected: [],
  },
  {
    reason:
      "the unused runtime kind (EKS_RUNTIME_MONITORING) on on the admin's detector is switched off, destructively (RUNTIME_MONITORING is off too, so nothing covers EKS); absent or off it is not planned",
    observed: observed([
      converged('eu-west-1', { adminFeatures: matchingDetector({ EKS_RUNTIME_MONITORING: 'ENABLED' }) }),
      converged('us-east-1', { adminFeatures: matchingDetector({ EKS_RUNTIME_MONITORING: 'DISABLED' }) }),
    ]),
    expected: ['update guardduty.admin-detector[eu-west-1] drift destructive'],
  },
  {
    reason:
      "a runtime agent on on the admin's detector that the config does not list: off means off, drift in that region",
    observed: observed([
      converged('eu-west-1', {
        adminFeatures: matchingDetector({}, { EC2_AGENT_MANAGEMENT: 'ENABLED' }),
      }),
      converged('us-east-1'),
    ]),
    expected: ['update guardduty.admin-detector[eu-west-1] drift'],
  },
  {
    reason:
      "EKS_RUNTIME_MONITORING configured and the admin's detector has it on, RUNTIME_MONITORING off: converged (agents belong to RUNTIME_MONITORING)",
    desired: desired({ features: ['S3_DATA_EVENTS', 'EKS_AUDIT_LOGS', 'EKS_RUNTIME_MONITORING'] }),
    observed: observed([
      converged('eu-west-1', {
        orgConfig: matching({ EKS_RUNTIME_MONITORING: 'ALL' }),
        adminFeatures: matchingDetector(
          { EKS_RUNTIME_MONITORING: 'ENABLED' },
          { EC2_AGENT_MANAGEMENT: 'ENABLED' },
        ),
      }),
    ]),
    expected: [],
  },
]

for (const c of cases) {
  test(c.reason, () => {
    assert.equal(summary(diffGuardDuty(c.desired ?? desired(), c.observed)), c.expected)
  })
}

test('the new admin is designated only after the old one is gone: dependencies name the removal and the deregistration', () => {
  const changes = diffGuardDuty(
    desired(),
    observed(
      [
        converged('eu-west-1', { admins: [OLD], ...unread }),
        converged('us-east-1', { admins: [OLD], ...unread }),
      ],
      {
        registered: [OLD],
      },
    ),
  )
  const deregister = changes.find((c) => c.address.startsWith('guardduty.delegated-admin['))
  assert.equal(deregister?.dependsOn, [
    'guardduty.admin-removal[eu-west-1]',
    'guardduty.admin-removal[us-east-1]',
  ])
  const designate = changes.find((c) => c.address === 'guardduty.admin[eu-west-1]')
  assert.equal(designate?.dependsOn, [
    'trusted-access[guardduty.amazonaws.com]',
    'guardduty.delegated-admin[guardduty.amazonaws.com→333333333333]',
    'guardduty.admin-removal[eu-west-1]',
  ])
})

test('before/after show auto-enable, every feature (unlisted NONE) and the runtime agents; EKS_RUNTIME_MONITORING is left out while RUNTIME_MONITORING is used', () => {
  const [change] = diffGuardDuty(
    desired({
      autoEnable: 'NEW',
      features: ['S3_DATA_EVENTS', 'RUNTIME_MONITORING'],
      runtimeAgents: ['EC2_AGENT_MANAGEMENT'],
    }),
    observed([converged('eu-west-1')], {}),
  )
  assert.equal(change?.after, {
    autoEnable: 'NEW',
    features: {
      S3_DATA_EVENTS: 'NEW',
      EKS_AUDIT_LOGS: 'NONE',
      EBS_MALWARE_PROTECTION: 'NONE',
      RDS_LOGIN_EVENTS: 'NONE',
      LAMBDA_NETWORK_LOGS: 'NONE',
      RUNTIME_MONITORING: 'NEW',
      AI_PROTECTION: 'NONE',
    },
    runtimeAgents: {
      EKS_ADDON_MANAGEMENT: 'NONE',
      ECS_FARGATE_AGENT_MANAGEMENT: 'NONE',
      EC2_AGENT_MANAGEMENT: 'NEW',
    },
  })
  assert.is(featuresOf(change?.before).EKS_AUDIT_LOGS, 'ALL')
})

test('EKS_RUNTIME_MONITORING configured: RUNTIME_MONITORING is omitted while off, and planned NONE only when AWS has it on', () => {
  const settings = desired({ features: ['S3_DATA_EVENTS', 'EKS_AUDIT_LOGS', 'EKS_RUNTIME_MONITORING'] })
  const [off] = diffGuardDuty(settings, observed([converged('eu-west-1')]))
  const offFeatures = featuresOf(off?.after)
  assert.is(offFeatures.EKS_RUNTIME_MONITORING, 'ALL')
  assert.not.ok('RUNTIME_MONITORING' in offFeatures, 'not sent when already off')
  assert.not.ok(
    'runtimeAgents' in ((off?.after as object | undefined) ?? {}),
    'agents belong to RUNTIME_MONITORING',
  )
  const [on] = diffGuardDuty(
    settings,
    observed([converged('eu-west-1', { orgConfig: matching({ RUNTIME_MONITORING: 'ALL' }) })]),
  )
  assert.is(featuresOf(on?.after).RUNTIME_MONITORING, 'NONE')
})

test("the admin's detector features depend on that region's designation and detector, and show every feature (unlisted DISABLED) and the runtime agents", () => {
  const changes = diffGuardDuty(
    desired({
      features: ['S3_DATA_EVENTS', 'RUNTIME_MONITORING'],
      runtimeAgents: ['EC2_AGENT_MANAGEMENT'],
    }),
    observed([empty('eu-west-1'), converged('us-east-1')]),
  )
  const fresh = changes.find((c) => c.address === 'guardduty.admin-detector[eu-west-1]')
  assert.equal(fresh?.dependsOn, ['guardduty.admin[eu-west-1]', 'guardduty.detector[eu-west-1]'])
  assert.is(fresh?.before, null, 'planned before designation: nothing to read yet')
  assert.is(fresh?.account, ADMIN)
  const expectedAfter = {
    features: {
      S3_DATA_EVENTS: 'ENABLED',
      EKS_AUDIT_LOGS: 'DISABLED',
      EBS_MALWARE_PROTECTION: 'DISABLED',
      RDS_LOGIN_EVENTS: 'DISABLED',
      LAMBDA_NETWORK_LOGS: 'DISABLED',
      RUNTIME_MONITORING: 'ENABLED',
      AI_PROTECTION: 'DISABLED',
    },
    runtimeAgents: {
      EKS_ADDON_MANAGEMENT: 'DISABLED',
      ECS_FARGATE_AGENT_MANAGEMENT: 'DISABLED',
      EC2_AGENT_MANAGEMENT: 'ENABLED',
    },
  }
  assert.equal(fresh?.after, expectedAfter)
  const existing = changes.find((c) => c.address === 'guardduty.admin-detector[us-east-1]')
  assert.equal(existing?.dependsOn, [], 'admin and detector already there')
  assert.is(existing?.action, 'update')
  assert.equal(existing?.after, expectedAfter)
  assert.equal(featuresOf(existing?.before), {
    ...expectedAfter.features,
    EKS_AUDIT_LOGS: 'ENABLED',
    RUNTIME_MONITORING: 'DISABLED',
  })
})

test('notes: an opt-in region the admin has not enabled is reported with the account and region', () => {
  const notes = guardDutyNotes(
    desired(),
    observed([{ ...empty('ap-southeast-4'), adminRegionEnabled: false }]),
  )
  assert.is(notes.length, 1)
  assert.is(notes[0]?.region, 'ap-southeast-4')
  assert.is(notes[0]?.level, 'warning')
  assert.match(notes[0]?.message ?? '', 'has not enabled ap-southeast-4')
})

test('notes: excluded active accounts are said to stay GuardDuty members under auto-enable ALL (it has no exclusions)', () => {
  const settings = { ...desired(), excludedAccounts: [{ id: OLD }] } as unknown as Desired
  const notes = guardDutyNotes(settings, observed([converged('us-east-1')]))
  assert.is(notes.length, 1)
  assert.match(notes[0]?.message ?? '', '1 excluded account(s) are still GuardDuty members')
})

test.run()
