// Rules that span several fields and need no AWS access. Each rule cites why it exists; rules AWS does
// not impose are not invented here.
import { isDefaultRegion, isOptInRegion } from './regions.ts'
import type { OrgConfig } from './schema.ts'
import type { ConfigPath } from './source-map.ts'

export interface CheckIssue {
  path: ConfigPath
  message: string
}

/** Tells whether the user wrote a path (rather than getting a default). */
export type WrittenPredicate = (path: ConfigPath) => boolean

/**
 * Tells whether a rule may run: false when a value it reads was dropped for failing the schema, since
 * the rule would then judge a default the user never wrote.
 */
export type TrustPredicate = (reads: readonly ConfigPath[]) => boolean

interface Rule {
  /** The config paths the rule reads. */
  reads: ConfigPath[]
  run(config: OrgConfig, written: WrittenPredicate): CheckIssue[]
}

const AGGREGATION: ConfigPath = ['securityHub', 'aggregationRegion']
const GLOBAL_RESOURCES: ConfigPath = ['config', 'globalResourcesRegion']

const rules: Rule[] = [
  { reads: [['regions', 'optIn']], run: checkDefaultRegionsNotOptIn },
  {
    reads: [
      ['homeRegion'],
      ['regions', 'optIn'],
      ['regions', 'targets'],
      ['securityHub', 'linkedRegions'],
      AGGREGATION,
      GLOBAL_RESOURCES,
    ],
    run: checkOptInRegionsListed,
  },
  {
    reads: [['homeRegion'], ['regions'], ['securityHub', 'enabled'], AGGREGATION],
    run: (config, written) =>
      checkDeployedTo(config, written, AGGREGATION, 'aggregation region', config.securityHub.enabled),
  },
  {
    reads: [['homeRegion'], ['regions'], ['config', 'enabled'], GLOBAL_RESOURCES],
    run: (config, written) =>
      checkDeployedTo(config, written, GLOBAL_RESOURCES, 'global resources region', config.config.enabled),
  },
  { reads: [['accounts']], run: checkAccounts },
  { reads: [['guardDuty']], run: checkGuardDuty },
  { reads: [['securityHub']], run: checkSecurityHub },
  { reads: [['rootUser', 'denyMemberRoot'], ['scps']], run: checkRootUser },
]

export function checkConfig(
  config: OrgConfig,
  written: WrittenPredicate,
  trusted: TrustPredicate = () => true,
): CheckIssue[] {
  return rules.filter((rule) => trusted(rule.reads)).flatMap((rule) => rule.run(config, written))
}

// A default region is on in every account and cannot be disabled (aws-facts §9): listing it as
// opt-in says something false about it.
function checkDefaultRegionsNotOptIn(config: OrgConfig): CheckIssue[] {
  return config.regions.optIn.flatMap((region, index) =>
    isDefaultRegion(region)
      ? [
          {
            path: ['regions', 'optIn', index],
            message: `"${region}" is a default region (enabled in every account) — remove it from optIn`,
          },
        ]
      : [],
  )
}

// Opt-in regions are off until enabled (aws-facts §9); the config only deploys to those it names.
function checkOptInRegionsListed(config: OrgConfig, written: WrittenPredicate): CheckIssue[] {
  const issues: CheckIssue[] = []
  const optIn = new Set<string>(config.regions.optIn)
  const requireOptIn = (path: ConfigPath, region: string) => {
    if (isOptInRegion(region) && !optIn.has(region)) {
      issues.push({
        path,
        message: `"${region}" is an opt-in region — list it under regions.optIn to use it`,
      })
    }
  }
  requireOptIn(['homeRegion'], config.homeRegion)
  const { targets } = config.regions
  if (Array.isArray(targets)) {
    for (const [index, region] of targets.entries()) requireOptIn(['regions', 'targets', index], region)
  }
  const { linkedRegions } = config.securityHub
  if (Array.isArray(linkedRegions)) {
    for (const [index, region] of linkedRegions.entries())
      requireOptIn(['securityHub', 'linkedRegions', index], region)
  }
  // When defaulted they equal homeRegion, which is already reported above.
  if (written(AGGREGATION)) requireOptIn(AGGREGATION, config.securityHub.aggregationRegion)
  if (written(GLOBAL_RESOURCES)) requireOptIn(GLOBAL_RESOURCES, config.config.globalResourcesRegion)
  return issues
}

// Findings are aggregated, and global resources recorded, in one region: the baseline must deploy
// there, or Security Hub / Config would not be running where everything else depends on them.
function checkDeployedTo(
  config: OrgConfig,
  written: WrittenPredicate,
  path: ConfigPath,
  what: string,
  enabled: boolean,
): CheckIssue[] {
  if (!enabled) return []
  const { regions } = config
  const region =
    path === AGGREGATION ? config.securityHub.aggregationRegion : config.config.globalResourcesRegion
  const excludedAt = regions.exclude.indexOf(region as never)
  const listed = Array.isArray(regions.targets) ? (regions.targets as readonly string[]) : undefined
  const missing = excludedAt < 0 && listed !== undefined && !listed.includes(region)
  if (excludedAt < 0 && !missing) return []
  if (written(path)) {
    const message =
      excludedAt >= 0
        ? `${what} "${region}" is in regions.exclude — it must be a region the baseline deploys to`
        : `${what} "${region}" is not in regions.targets — add it there or pick a target region`
    return [{ path, message }]
  }
  // Defaulted from homeRegion: point at the region list that leaves it out, where the fix usually is.
  const setting = formatSetting(path)
  if (excludedAt >= 0) {
    return [
      {
        path: ['regions', 'exclude', excludedAt],
        message: `excludes "${region}", the ${what} (${setting} defaults to homeRegion) — remove it here or set ${setting}`,
      },
    ]
  }
  return [
    {
      path: ['regions', 'targets'],
      message: `does not include "${region}", the ${what} (${setting} defaults to homeRegion) — add it or set ${setting}`,
    },
  ]
}

function formatSetting(path: ConfigPath): string {
  return path.join('.')
}

function checkAccounts(config: OrgConfig): CheckIssue[] {
  // Organizations refuses the management account as a delegated administrator, and GuardDuty / Security
  // Hub advise against it (aws-facts §3, §4). Only ids can be compared offline; names are checked at plan time.
  if (config.accounts.securityTooling === config.accounts.management) {
    return [
      {
        path: ['accounts', 'securityTooling'],
        message:
          'is the management account — a delegated administrator must be a member account (Organizations refuses the management account, and AWS advises against it for GuardDuty and Security Hub)',
      },
    ]
  }
  return []
}

function checkGuardDuty(config: OrgConfig): CheckIssue[] {
  const issues: CheckIssue[] = []
  const { features, runtimeAgents } = config.guardDuty
  // Sending both runtime monitoring kinds is an error in UpdateOrganizationConfiguration (aws-facts §3).
  const runtime = features.indexOf('RUNTIME_MONITORING')
  const eksRuntime = features.indexOf('EKS_RUNTIME_MONITORING')
  if (runtime >= 0 && eksRuntime >= 0) {
    issues.push({
      path: ['guardDuty', 'features', Math.max(runtime, eksRuntime)],
      message:
        'RUNTIME_MONITORING and EKS_RUNTIME_MONITORING cannot both be on — keep RUNTIME_MONITORING (it covers EKS) and remove EKS_RUNTIME_MONITORING',
    })
  }
  // The agents are AdditionalConfiguration of the RUNTIME_MONITORING feature; without it they mean nothing.
  if (runtimeAgents.length > 0 && runtime < 0) {
    issues.push({
      path: ['guardDuty', 'runtimeAgents'],
      message: 'runtime agents need RUNTIME_MONITORING in guardDuty.features — add it, or remove the agents',
    })
  }
  return issues
}

function checkSecurityHub(config: OrgConfig): CheckIssue[] {
  const { configuration, linkedRegions, enabled } = config.securityHub
  // Central configuration needs a home region plus at least one linked region (aws-facts §4).
  if (enabled && configuration === 'central' && Array.isArray(linkedRegions) && linkedRegions.length === 0) {
    return [
      {
        path: ['securityHub', 'linkedRegions'],
        message:
          'central configuration needs at least one linked region — list one, use `all`, or set configuration: local',
      },
    ]
  }
  return []
}

function checkRootUser(config: OrgConfig): CheckIssue[] {
  if (config.rootUser.denyMemberRoot) return []
  // The switch and the list must agree, or turning the switch off would not remove the control.
  return config.scps.flatMap((entry, index) =>
    entry.policy === 'deny-member-root'
      ? [
          {
            path: ['scps', index, 'policy'],
            message:
              'rootUser.denyMemberRoot is false, but deny-member-root is listed here — remove one of them',
          },
        ]
      : [],
  )
}
