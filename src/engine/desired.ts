// The baseline made concrete for one organization: account and OU names resolved to ids, target
// regions decided. Resolution is pure; a name the organization does not have is a config error at the
// line that names it, reported with every other such error at once.
import type { Baseline, BaselineScp } from '../config/baseline.ts'
import { ConfigError, type ConfigIssue, formatPath } from '../config/errors.ts'
import { DEFAULT_REGIONS, isOptInRegion } from '../config/regions.ts'
import type { OrgConfig } from '../config/schema.ts'
import type { ConfigPath } from '../config/source-map.ts'
import { type OrgAccount, type OrgSnapshot, ROOT_PATH } from '../modules/organization/snapshot.ts'
import type { Note } from './change.ts'

export type TargetKind = 'root' | 'ou' | 'account'

export interface ResolvedTarget {
  /** As written in the config. */
  spec: string
  id: string
  kind: TargetKind
  /** Readable name: `Root`, the OU path, or the account name. */
  label: string
}

export interface DesiredScp extends Omit<BaselineScp, 'targets'> {
  targets: ResolvedTarget[]
}

export interface OrgPolicyTargets {
  declarativeEc2: ResolvedTarget[]
  declarativeExceptions: ResolvedTarget[][]
  rcps: ResolvedTarget[]
}

export interface Desired {
  baseline: Baseline
  config: OrgConfig
  org: OrgSnapshot
  management: OrgAccount
  securityTooling: OrgAccount
  logArchive: OrgAccount
  /** Regions the baseline deploys to, sorted. */
  regions: string[]
  deploymentTargets: ResolvedTarget[]
  excludedOus: ResolvedTarget[]
  excludedAccounts: OrgAccount[]
  scps: DesiredScp[]
  /** Targets of the EC2 declarative baseline, of each of its exceptions, and of the RCPs (org-policies). */
  orgPolicyTargets?: OrgPolicyTargets
  /** What resolution decided that a reader should know (regions left out and why). */
  notes: Note[]
}

class Resolver {
  readonly issues: ConfigIssue[] = []

  constructor(
    private readonly baseline: Baseline,
    private readonly org: OrgSnapshot,
  ) {}

  problem(path: ConfigPath, message: string): void {
    const at = this.baseline.locate(path)
    this.issues.push({ ...at, path: formatPath(path), message })
  }

  account(ref: string, path: ConfigPath): OrgAccount | undefined {
    const found = this.org.accounts.filter((a) => a.id === ref || a.name === ref)
    if (found.length === 1) return found[0]
    if (found.length > 1) {
      this.problem(
        path,
        `${found.length} accounts are named "${ref}" — use the account id (${found.map((a) => a.id).join(', ')})`,
      )
    } else this.problem(path, `no account "${ref}" in organization ${this.org.id}${this.suggestAccount(ref)}`)
    return undefined
  }

  private suggestAccount(ref: string): string {
    const lower = ref.toLowerCase()
    const near = this.org.accounts.find((a) => a.name.toLowerCase() === lower)
    return near ? ` — did you mean "${near.name}"?` : ' — use an account name or id from the organization'
  }

  ou(spec: string, path: ConfigPath): ResolvedTarget | undefined {
    if (spec === ROOT_PATH || spec === this.org.rootId)
      return { spec, id: this.org.rootId, kind: 'root', label: ROOT_PATH }
    const unit = this.org.units.find((u) => u.path === spec || u.id === spec)
    if (unit) return { spec, id: unit.id, kind: 'ou', label: unit.path }
    const known = this.org.units.map((u) => u.path).join(', ')
    this.problem(
      path,
      `no OU "${spec}" in organization ${this.org.id} — OU paths are written from the root, e.g. ${known || 'Workloads/Prod'}`,
    )
    return undefined
  }

  /** `Root`, an OU path or id, or an account name or id. */
  target(spec: string, path: ConfigPath): ResolvedTarget | undefined {
    if (spec === ROOT_PATH || spec === this.org.rootId) return this.ou(spec, path)
    const unit = this.org.units.find((u) => u.path === spec || u.id === spec)
    const accounts = this.org.accounts.filter((a) => a.id === spec || a.name === spec)
    if (unit && accounts.length > 0) {
      this.problem(
        path,
        `"${spec}" is both an OU and an account — write the OU id (${unit.id}) or the account id (${accounts[0]?.id})`,
      )
      return undefined
    }
    if (unit) return { spec, id: unit.id, kind: 'ou', label: unit.path }
    if (accounts.length === 1 && accounts[0])
      return { spec, id: accounts[0].id, kind: 'account', label: accounts[0].name }
    if (accounts.length > 1) {
      this.account(spec, path) // records the ambiguity, naming the ids to use instead
      return undefined
    }
    this.problem(
      path,
      `no OU or account "${spec}" in organization ${this.org.id} — write Root, an OU path such as Workloads/Prod, or an account name or id`,
    )
    return undefined
  }
}

function targetRegions(config: OrgConfig, org: OrgSnapshot, notes: Note[]): string[] {
  // Default regions are enabled everywhere; the management account's list is read only when needed.
  const enabled = new Set<string>([...DEFAULT_REGIONS, ...(org.enabledRegions ?? [])])
  const excluded = new Set<string>(config.regions.exclude)
  const wanted: readonly string[] =
    config.regions.targets === 'enabled'
      ? [
          ...(org.enabledRegions ?? DEFAULT_REGIONS).filter((r) => !isUnlistedOptIn(r, config)),
          ...config.regions.optIn,
        ]
      : config.regions.targets
  const regions: string[] = []
  for (const region of new Set(wanted)) {
    if (excluded.has(region)) continue
    if (!enabled.has(region)) {
      notes.push({
        module: 'organization',
        level: 'warning',
        region,
        message: `region ${region} is not enabled in the management account: nothing is deployed there until it is enabled (Account settings → Regions)`,
      })
      continue
    }
    regions.push(region)
  }
  return regions.sort()
}

// With `targets: enabled`, an opt-in region enabled in the management account is still deployed to only
// when the config names it under `optIn`.
const isUnlistedOptIn = (region: string, config: OrgConfig) =>
  isOptInRegion(region) && !(config.regions.optIn as readonly string[]).includes(region)

export function resolveDesired(baseline: Baseline, org: OrgSnapshot): Desired {
  const config = baseline.config
  const r = new Resolver(baseline, org)
  const notes: Note[] = []

  if (config.accounts.management !== org.managementAccountId) {
    r.problem(
      ['accounts', 'management'],
      `the credentials reach organization ${org.id}, whose management account is ${org.managementAccountId}, not ${config.accounts.management} — use credentials of the intended organization or correct the id`,
    )
  }
  const management = org.accounts.find((a) => a.id === org.managementAccountId)
  const securityTooling = r.account(config.accounts.securityTooling, ['accounts', 'securityTooling'])
  const logArchive = r.account(config.accounts.logArchive, ['accounts', 'logArchive'])
  if (securityTooling && securityTooling.id === org.managementAccountId) {
    r.problem(
      ['accounts', 'securityTooling'],
      'the management account cannot be the delegated administrator — name a member account (AWS recommends a dedicated security tooling account)',
    )
  }
  for (const [key, account] of [
    ['securityTooling', securityTooling],
    ['logArchive', logArchive],
  ] as const) {
    if (account && account.status !== 'ACTIVE') {
      r.problem(
        ['accounts', key],
        `account "${account.name}" (${account.id}) is ${account.status} — name an active account`,
      )
    }
  }

  const deploymentTargets = config.deployment.targets
    .map((spec, i) => r.target(spec, ['deployment', 'targets', i]))
    .filter((t): t is ResolvedTarget => t !== undefined)
  const excludedOus = config.deployment.exclude.ous
    .map((spec, i) => r.ou(spec, ['deployment', 'exclude', 'ous', i]))
    .filter((t): t is ResolvedTarget => t !== undefined)
  const excludedAccounts = config.deployment.exclude.accounts
    .map((ref, i) => r.account(ref, ['deployment', 'exclude', 'accounts', i]))
    .filter((a): a is OrgAccount => a !== undefined)

  const scps = baseline.scps.map((scp) => ({
    ...scp,
    targets: scp.targets
      .map((spec, i) => r.target(spec, [...scp.configPath, 'targets', i]))
      .filter((t): t is ResolvedTarget => t !== undefined),
  }))

  const targetsAt = (specs: readonly string[], path: ConfigPath) =>
    specs.map((spec, i) => r.target(spec, [...path, i])).filter((t): t is ResolvedTarget => t !== undefined)
  const ec2 = config.declarativePolicies.ec2
  const orgPolicyTargets: OrgPolicyTargets = {
    // Resolved only when on: a disabled policy's targets must not make the config fail.
    declarativeEc2: ec2.enabled ? targetsAt(ec2.targets, ['declarativePolicies', 'ec2', 'targets']) : [],
    declarativeExceptions: ec2.enabled
      ? ec2.exceptions.map((e, i) =>
          targetsAt(e.targets, ['declarativePolicies', 'ec2', 'exceptions', i, 'targets']),
        )
      : [],
    rcps: config.resourceControlPolicies.enabled
      ? targetsAt(config.resourceControlPolicies.targets, ['resourceControlPolicies', 'targets'])
      : [],
  }

  if (r.issues.length > 0 || !management || !securityTooling || !logArchive) throw new ConfigError(r.issues)
  return {
    baseline,
    config,
    org,
    management,
    securityTooling,
    logArchive,
    regions: targetRegions(config, org, notes),
    deploymentTargets,
    excludedOus,
    excludedAccounts,
    scps,
    orgPolicyTargets,
    notes,
  }
}
