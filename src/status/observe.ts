// The one read pass behind `status`: the organization, then the modules' own observe (the same reads a
// plan makes, never a write), plus the few organization-wide reads a plan does not need — GuardDuty's
// member list per region (ListMembers from the delegated administrator: 50 accounts a page) and the
// trail's logging status; under Security Hub local configuration, its member list per region (ListMembers
// from the delegated administrator: 50 accounts a page). Per-account reads happen only where AWS reports nothing wider: root credentials
// (GetAccountSummary answers for the calling account alone), only when asked; and which opt-in regions an
// account has enabled (Account API ListRegions), only when an opt-in region is targeted.
import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail'
import { ListDetectorsCommand, paginateListMembers } from '@aws-sdk/client-guardduty'
import type { AwsClients } from '../aws/clients.ts'
import { collect } from '../aws/paginate.ts'
import type { Baseline } from '../config/baseline.ts'
import { mapLimit } from '../engine/concurrency.ts'
import { type Desired, resolveDesired } from '../engine/desired.ts'
import type { Context, Module } from '../engine/module.ts'
import { errorName } from '../errors.ts'
import type { Logger } from '../log.ts'
import type { GuardDutyObserved } from '../modules/guardduty/observed.ts'
import { MODULES } from '../modules/index.ts'
import { observeOrganization } from '../modules/organization/observe.ts'
import { auditRoot, type RootPosture } from '../modules/root-access/audit.ts'
import { enabledRootFeatures } from '../modules/root-access/index.ts'
import type { ScpObserved } from '../modules/scp/observed.ts'
import type { SecurityHubObserved } from '../modules/security-hub/observed.ts'
import type { TemplateName } from '../modules/stacksets/catalogue.ts'
import type { ObservedStack, StacksetsObserved } from '../modules/stacksets/observed.ts'
import { optInTargets, type RegionsEnabled, readRegionsEnabled } from './regions-enabled.ts'
import { readSecurityHubAccounts, type SecurityHubAccounts } from './security-hub-accounts.ts'
import { readSecurityHubMembers, type SecurityHubMembers } from './security-hub-members.ts'
import { type MemberStandards, memberPairs, readMemberStandards } from './security-hub-standards.ts'
import { type InstancesRead, listingCount, readStackInstances } from './stack-instances.ts'

export interface TrailObserved {
  name: string
  logging: boolean
  multiRegion: boolean
  organization: boolean
}

export interface StatusInputs {
  desired: Desired
  scp?: ScpObserved
  guardDuty?: GuardDutyObserved
  /** Region → member account → RelationshipStatus, as the administrator's ListMembers says; a string is
   * the error that region's read ended in (its cells are then unknown, with that reason). */
  guardDutyMembers?: Record<string, Record<string, string> | string>
  securityHub?: SecurityHubObserved
  stacksets?: StacksetsObserved
  /** The configured trail seen from the management account's home region; null when there is none. */
  trail?: TrailObserved | null
  /** The findings-routing stack in the security tooling account; null when it does not exist. */
  findingsRouting?: ObservedStack | null
  root?: { centralized: boolean; postures: RootPosture[] }
  /** Each account's central configuration association, as the administrator lists them. */
  securityHubAccounts?: SecurityHubAccounts
  /** Local configuration: region → member account → MemberStatus, as the administrator's ListMembers says
   * (only regions where the security tooling account administers with its hub on); a string is the error. */
  securityHubMembers?: SecurityHubMembers
  /** Local configuration with `memberStandards`: each member's own GetEnabledStandards, per region. */
  securityHubMemberStandards?: MemberStandards
  /** Every instance of the stack sets behind the controls, as listed (absent when stacksets was not read). */
  instances?: InstancesRead
  /** Each active account's targeted opt-in regions, as the Account API answers; absent when none is targeted. */
  regionsEnabled?: RegionsEnabled
  errors: { module: string; message: string }[]
}

export interface ObserveOptions {
  concurrency: number
  root: boolean
  /** Under Security Hub local configuration, read each member's standards in the account (per account and region). */
  memberStandards?: boolean
  /** Called as each unit of work ends (a module, a region's member list, an account's root user). */
  onProgress?: (done: number, total: number) => void
}

/** The stack sets whose instances are status's cells (Config, the root alert rule, the account trail). */
const INSTANCE_TEMPLATES: TemplateName[] = ['config-recorder', 'root-sign-in-alert', 'account-trail']

const moduleNamed = (name: string) => MODULES.find((m) => m.name === name) as Module | undefined

export async function observeStatus(
  baseline: Baseline,
  aws: AwsClients,
  log: Logger,
  options: ObserveOptions,
): Promise<StatusInputs> {
  const org = await observeOrganization(aws)
  const desired = resolveDesired(baseline, org)
  const ctx: Context = { aws, desired, log }
  const inputs: StatusInputs = { desired, errors: [] }
  const wanted = ['scp', 'guardduty', 'security-hub', 'stacksets', 'findings-routing']
    .map(moduleNamed)
    .filter((m): m is Module => m?.enabled(desired) === true)
  let total = wanted.length + 1 + (desired.config.guardDuty.enabled ? desired.regions.length : 0)
  if (options.root) total += org.accounts.length
  const optIn = optInTargets(desired).length > 0
  if (optIn) total += org.accounts.filter((a) => a.status === 'ACTIVE').length
  let done = 0
  const tick = () => options.onProgress?.(++done, total)
  const attempt = async (module: string, work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      log.error({ module, err: error }, 'status could not read')
      inputs.errors.push({ module, message: (error as Error).message })
    }
  }

  await Promise.all([
    ...wanted.map((module) =>
      attempt(module.name, async () => {
        const observed = await module.observe(ctx)
        if (module.name === 'scp') inputs.scp = observed as ScpObserved
        if (module.name === 'guardduty') inputs.guardDuty = observed as GuardDutyObserved
        if (module.name === 'security-hub') {
          inputs.securityHub = observed as SecurityHubObserved
          if (inputs.securityHub.central?.policy)
            inputs.securityHubAccounts = await readSecurityHubAccounts(aws, desired)
          if (desired.config.securityHub.configuration === 'local') {
            const observed = inputs.securityHub.regions
            const administered = desired.regions.filter(
              (r) => observed[r]?.admin === desired.securityTooling.id && observed[r]?.hub,
            )
            total += administered.length
            inputs.securityHubMembers = await readSecurityHubMembers(
              aws,
              desired,
              administered,
              options.concurrency,
              tick,
            )
            if (options.memberStandards) {
              const pairs = memberPairs(inputs.securityHubMembers)
              total += pairs.length
              inputs.securityHubMemberStandards = await readMemberStandards(
                aws,
                pairs,
                options.concurrency,
                tick,
              )
            }
          }
        }
        if (module.name === 'stacksets') {
          const stacksets = observed as StacksetsObserved
          inputs.stacksets = stacksets
          const templates = INSTANCE_TEMPLATES.filter((t) => stacksets.stackSets[t])
          total += listingCount(stacksets, templates)
          inputs.instances = await readStackInstances(
            aws.cloudformation(desired.config.homeRegion),
            stacksets,
            templates,
            options.concurrency,
            tick,
          )
        }
        if (module.name === 'findings-routing')
          inputs.findingsRouting = (observed as { stack: ObservedStack | null }).stack
      }).finally(tick),
    ),
    attempt('cloudtrail', async () => {
      inputs.trail = await readTrail(aws, desired)
    }).finally(tick),
    desired.config.guardDuty.enabled
      ? attempt('guardduty', async () => {
          inputs.guardDutyMembers = await readGuardDutyMembers(aws, desired, options.concurrency, tick)
        })
      : Promise.resolve(),
    optIn
      ? attempt('account', async () => {
          inputs.regionsEnabled = await readRegionsEnabled(aws, desired, options.concurrency, tick)
        })
      : Promise.resolve(),
    options.root
      ? attempt('root-access', async () => {
          const centralized = (await enabledRootFeatures(aws)).has('RootCredentialsManagement')
          const postures = await auditRoot(aws, org, {
            concurrency: options.concurrency,
            centralized,
            onAccount: tick,
          })
          inputs.root = { centralized, postures }
        })
      : Promise.resolve(),
  ])
  inputs.errors.sort((a, b) => a.module.localeCompare(b.module))
  return inputs
}

/** Every region's member list, from the security tooling account (the administrator the config names). */
async function readGuardDutyMembers(
  aws: AwsClients,
  desired: Desired,
  concurrency: number,
  tick: () => void,
): Promise<Record<string, Record<string, string> | string>> {
  const admin = desired.securityTooling.id
  const lists = await mapLimit(desired.regions, concurrency, async (region) => {
    try {
      const client = aws.guardduty(region, admin)
      const { DetectorIds = [] } = await client.send(new ListDetectorsCommand({}))
      const detectorId = DetectorIds[0]
      if (!detectorId) return {}
      const members = await collect(
        paginateListMembers({ client, pageSize: 50 }, { DetectorId: detectorId, OnlyAssociated: 'false' }),
        (p) => p.Members,
      )
      return Object.fromEntries(members.map((m) => [m.AccountId ?? '', m.RelationshipStatus ?? '']))
    } catch (error) {
      return `ListMembers failed: ${errorName(error) ?? 'Error'}: ${(error as Error).message}`
    } finally {
      tick()
    }
  })
  return Object.fromEntries(desired.regions.map((r, i) => [r, lists[i] ?? {}]))
}

async function readTrail(aws: AwsClients, desired: Desired): Promise<TrailObserved | null> {
  const { cloudTrail, homeRegion } = desired.config
  if (!cloudTrail.enabled) return null
  const client = aws.cloudtrail(homeRegion)
  const { trailList = [] } = await client.send(
    new DescribeTrailsCommand({ trailNameList: [cloudTrail.name] }),
  )
  const trail = trailList.find((t) => t.Name === cloudTrail.name)
  if (!trail?.TrailARN) return null
  try {
    const status = await client.send(new GetTrailStatusCommand({ Name: trail.TrailARN }))
    return {
      name: trail.Name ?? cloudTrail.name,
      logging: Boolean(status.IsLogging),
      multiRegion: Boolean(trail.IsMultiRegionTrail),
      organization: Boolean(trail.IsOrganizationTrail),
    }
  } catch (error) {
    if (errorName(error) === 'TrailNotFoundException') return null
    throw error
  }
}
