import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Desired } from '../../../src/engine/desired.ts'
import { PlanRefusal } from '../../../src/engine/planner.ts'
import { diffSecurityHub } from '../../../src/modules/security-hub/diff.ts'
import type {
  CatalogueEntry,
  RegionObserved,
  SecurityHubObserved,
} from '../../../src/modules/security-hub/observed.ts'

const test = suite('security-hub diff')

const TOOLING = '222222222222'
const arnOf = (region: string, path: string) =>
  path.includes('1.2.0')
    ? `arn:aws:securityhub:::ruleset/${path}`
    : `arn:aws:securityhub:${region}::standards/${path}`
const FSBP = 'aws-foundational-security-best-practices/v/1.0.0'
const CIS3 = 'cis-aws-foundations-benchmark/v/3.0.0'
const CIS12 = 'cis-aws-foundations-benchmark/v/1.2.0'
const catalogue = (region: string): CatalogueEntry[] =>
  [FSBP, CIS12, CIS3].map((path) => ({ arn: arnOf(region, path), path }))

interface Settings {
  configuration?: 'central' | 'local'
  linkedRegions?: 'all' | string[]
  standards?: string[]
  policyTargets?: string[]
}

const desired = (s: Settings = {}): Desired =>
  ({
    regions: ['eu-west-1', 'us-east-1'],
    config: {
      homeRegion: 'us-east-1',
      securityHub: {
        enabled: true,
        aggregationRegion: 'us-east-1',
        linkedRegions: s.linkedRegions ?? 'all',
        standards: s.standards ?? ['fsbp', 'cis-3.0.0'],
        configuration: s.configuration ?? 'central',
        policyTargets: s.policyTargets ?? ['Root'],
      },
      config: { enabled: true },
    },
    management: { id: '111111111111', name: 'Management' },
    securityTooling: { id: TOOLING, name: 'Security Tooling' },
    org: {
      id: 'o-1',
      rootId: 'r-1',
      units: [{ id: 'ou-prod', name: 'Prod', parentId: 'ou-w', path: 'Workloads/Prod' }],
      accounts: [{ id: '999999999999', name: 'Old Admin' }],
      enabledRegions: ['eu-west-1', 'us-east-1'],
    },
  }) as unknown as Desired

const region = (name: string, partial: Partial<RegionObserved> = {}): RegionObserved => ({
  admin: TOOLING,
  hub: true,
  orgConfig: {
    configurationType: 'CENTRAL',
    status: 'ENABLED',
    autoEnable: false,
    autoEnableStandards: 'NONE',
  },
  enabledStandards: null,
  catalogue: catalogue(name),
  ...partial,
})

const POLICY = {
  id: 'pol-1',
  arn: 'arn:aws:securityhub:us-east-1:222222222222:configuration-policy/pol-1',
  name: 'org-baseline',
  serviceEnabled: true,
  standards: [arnOf('us-east-1', FSBP), arnOf('us-east-1', CIS3)],
  recorded: ['cis-3.0.0', 'fsbp'],
}

const inSyncCentral = (): SecurityHubObserved => ({
  regions: { 'us-east-1': region('us-east-1') },
  aggregator: { arn: 'arn:agg', region: 'us-east-1', mode: 'ALL_REGIONS', regions: [] },
  central: {
    policy: POLICY,
    associations: { 'r-1': { policyId: 'pol-1', associationType: 'APPLIED', status: 'SUCCESS' } },
  },
})

const emptyRegion = (name: string) =>
  region(name, { admin: null, hub: false, orgConfig: null, enabledStandards: null })

const local = (name: string, standards: string[]): RegionObserved =>
  region(name, {
    orgConfig: {
      configurationType: 'LOCAL',
      status: 'ENABLED',
      autoEnable: true,
      autoEnableStandards: 'DEFAULT',
    },
    enabledStandards: standards.map((p) => arnOf(name, p)),
  })

const summary = (changes: ReturnType<typeof diffSecurityHub>) =>
  changes.map(
    (c) => `${c.action} ${c.address}${c.drift ? ' drift' : ''}${c.destructive ? ' destructive' : ''}`,
  )

const cases: { reason: string; settings?: Settings; observed: SecurityHubObserved; expect: string[] }[] = [
  {
    reason: 'nothing there, central: admin, hub, aggregator, central configuration, policy, association',
    observed: { regions: { 'us-east-1': emptyRegion('us-east-1') }, aggregator: null, central: null },
    expect: [
      'create security-hub.admin[us-east-1]',
      'create security-hub.hub[us-east-1]',
      'create security-hub.aggregator[us-east-1]',
      'update security-hub.org-config[us-east-1]',
      'create security-hub.policy[org-baseline]',
      'create security-hub.association[org-baseline→Root]',
    ],
  },
  {
    reason: 'catalogue not readable before the hub is on: the policy is still planned, from the config keys',
    observed: {
      regions: { 'us-east-1': { ...emptyRegion('us-east-1'), catalogue: null } },
      aggregator: null,
      central: null,
    },
    expect: [
      'create security-hub.admin[us-east-1]',
      'create security-hub.hub[us-east-1]',
      'create security-hub.aggregator[us-east-1]',
      'update security-hub.org-config[us-east-1]',
      'create security-hub.policy[org-baseline]',
      'create security-hub.association[org-baseline→Root]',
    ],
  },
  {
    reason: 'central and in sync: no change',
    observed: inSyncCentral(),
    expect: [],
  },
  {
    reason: 'aggregator gone while central configuration is on: drift, recreated',
    observed: { ...inSyncCentral(), aggregator: null },
    expect: ['create security-hub.aggregator[us-east-1] drift'],
  },
  {
    reason:
      'listed linked regions: the ALL_REGIONS aggregator is updated to SPECIFIED_REGIONS, destructively (regions left out are no longer aggregated)',
    settings: { linkedRegions: ['eu-west-1', 'us-east-1'] },
    observed: inSyncCentral(),
    expect: ['update security-hub.aggregator[us-east-1] destructive'],
  },
  {
    reason: 'a standard removed from the policy outside the tool: policy updated, as drift',
    observed: {
      ...inSyncCentral(),
      central: {
        associations: inSyncCentral().central?.associations ?? {},
        policy: { ...POLICY, standards: [POLICY.standards[0] as string] },
      },
    },
    expect: ['update security-hub.policy[org-baseline] drift'],
  },
  {
    reason:
      'the config dropped a standard (the recorded ones match AWS): a change, not drift, and destructive (the policy disables it)',
    settings: { standards: ['fsbp'] },
    observed: inSyncCentral(),
    expect: ['update security-hub.policy[org-baseline] destructive'],
  },
  {
    reason: 'the root only inherits (disassociated) while the policy exists: re-associated, as drift',
    observed: {
      ...inSyncCentral(),
      central: {
        policy: POLICY,
        associations: {
          'r-1': { policyId: 'SELF_MANAGED_SECURITY_HUB', associationType: 'INHERITED', status: 'SUCCESS' },
        },
      },
    },
    expect: ['create security-hub.association[org-baseline→Root] drift'],
  },
  {
    reason: 'an OU target is associated by its path',
    settings: { policyTargets: ['Workloads/Prod'] },
    observed: {
      ...inSyncCentral(),
      central: { policy: POLICY, associations: {} },
    },
    expect: ['create security-hub.association[org-baseline→Workloads/Prod] drift'],
  },
  {
    reason: 'another account is the administrator: replacing it is destructive',
    observed: {
      ...inSyncCentral(),
      regions: { 'us-east-1': region('us-east-1', { admin: '999999999999', orgConfig: null }) },
    },
    expect: ['update security-hub.admin[us-east-1] destructive', 'update security-hub.org-config[us-east-1]'],
  },
  {
    reason: 'local, nothing there: admin, hub, auto-enable and standards in every target region',
    settings: { configuration: 'local' },
    observed: {
      regions: { 'eu-west-1': emptyRegion('eu-west-1'), 'us-east-1': emptyRegion('us-east-1') },
      aggregator: null,
      central: null,
    },
    expect: [
      'create security-hub.admin[eu-west-1]',
      'create security-hub.hub[eu-west-1]',
      'create security-hub.admin[us-east-1]',
      'create security-hub.hub[us-east-1]',
      'create security-hub.aggregator[us-east-1]',
      'update security-hub.org-config[eu-west-1]',
      'update security-hub.standards[eu-west-1]',
      'update security-hub.org-config[us-east-1]',
      'update security-hub.standards[us-east-1]',
    ],
  },
  {
    reason: 'local and in sync: no change',
    settings: { configuration: 'local' },
    observed: {
      regions: {
        'eu-west-1': local('eu-west-1', [FSBP, CIS3]),
        'us-east-1': local('us-east-1', [FSBP, CIS3]),
      },
      aggregator: { arn: 'arn:agg', region: 'us-east-1', mode: 'ALL_REGIONS', regions: [] },
      central: null,
    },
    expect: [],
  },
  {
    reason: 'local, a configured standard turned off in one region: drift, re-enabled',
    settings: { configuration: 'local' },
    observed: {
      regions: { 'eu-west-1': local('eu-west-1', [FSBP]), 'us-east-1': local('us-east-1', [FSBP, CIS3]) },
      aggregator: { arn: 'arn:agg', region: 'us-east-1', mode: 'ALL_REGIONS', regions: [] },
      central: null,
    },
    expect: ['update security-hub.standards[eu-west-1] drift'],
  },
  {
    reason: 'local, a standard the config does not name is on: disabling it is destructive',
    settings: { configuration: 'local' },
    observed: {
      regions: {
        'eu-west-1': local('eu-west-1', [FSBP, CIS3, CIS12]),
        'us-east-1': local('us-east-1', [FSBP, CIS3]),
      },
      aggregator: { arn: 'arn:agg', region: 'us-east-1', mode: 'ALL_REGIONS', regions: [] },
      central: null,
    },
    expect: ['update security-hub.standards[eu-west-1] destructive'],
  },
  {
    reason: 'local asked while central configuration is on: turning central off is destructive',
    settings: { configuration: 'local' },
    observed: {
      regions: {
        'eu-west-1': local('eu-west-1', [FSBP, CIS3]),
        'us-east-1': region('us-east-1', {
          enabledStandards: [arnOf('us-east-1', FSBP), arnOf('us-east-1', CIS3)],
        }),
      },
      aggregator: { arn: 'arn:agg', region: 'us-east-1', mode: 'ALL_REGIONS', regions: [] },
      central: null,
    },
    expect: ['update security-hub.org-config[us-east-1] destructive'],
  },
]

for (const c of cases) {
  test(c.reason, () => {
    assert.equal(summary(diffSecurityHub(desired(c.settings), c.observed)), c.expect)
  })
}

test('central changes wait for the Config recorders and trusted access, as the reason says', () => {
  const changes = diffSecurityHub(desired(), {
    regions: { 'us-east-1': emptyRegion('us-east-1') },
    aggregator: null,
    central: null,
  })
  const hub = changes.find((c) => c.address === 'security-hub.hub[us-east-1]')
  assert.ok(hub?.dependsOn.includes('stackset.instances[config-recorder]'))
  assert.match(hub?.reason ?? '', 'Config recorders')
  const admin = changes.find((c) => c.address === 'security-hub.admin[us-east-1]')
  assert.equal(admin?.dependsOn, ['trusted-access[securityhub.amazonaws.com]'])
})

const refusals: { reason: string; settings?: Settings; observed: SecurityHubObserved; message: string }[] = [
  {
    reason: 'a configured standard the region does not offer refuses the plan',
    settings: { standards: ['pci-dss'] },
    observed: inSyncCentral(),
    message: 'does not offer the standard "pci-dss"',
  },
  {
    reason: 'an aggregator in another region cannot be moved: refused with what to do',
    observed: {
      ...inSyncCentral(),
      aggregator: { arn: 'arn:agg', region: 'eu-west-1', mode: 'ALL_REGIONS', regions: [] },
    },
    message: 'lives in eu-west-1',
  },
  {
    reason: 'a policy target that is not an OU of the organization refuses the plan',
    settings: { policyTargets: ['Workloads/Nope'] },
    observed: inSyncCentral(),
    message: '"Workloads/Nope"',
  },
]

for (const r of refusals) {
  test(r.reason, () => {
    try {
      diffSecurityHub(desired(r.settings), r.observed)
      assert.unreachable('the plan should be refused')
    } catch (error) {
      assert.instance(error, PlanRefusal)
      assert.match((error as Error).message, r.message)
    }
  })
}

test.run()
