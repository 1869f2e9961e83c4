// The pure diff: desired + observed Security Hub → changes, in the order AWS needs them
// (admin → hub → aggregator → central configuration → policy → associations; or, for local
// configuration, admin → hub → organization configuration and standards per region).
import type { Change } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import { PlanRefusal } from '../../engine/planner.ts'
import { weakening } from '../../engine/weakening.ts'
import type { RegionObserved, SecurityHubObserved } from './observed.ts'
import { POLICY_NAME } from './observed.ts'
import { splitOffered } from './regional-standards.ts'
import { resolveStandards } from './standards.ts'
import { policyTargets, relevantRegions } from './targets.ts'
import {
  type AggregatorView,
  addresses,
  adminView,
  aggregatorView,
  associationView,
  CONFIG_RECORDERS,
  centralView,
  hubView,
  localView,
  MODULE,
  policyView,
  standardsView,
  TRUSTED_ACCESS,
} from './views.ts'
import { aggregatorWeakens, localWeakens, policyWeakens } from './weakening.ts'

const CONFIG_REASON = `Security Hub's controls evaluate what AWS Config records, so this waits for the Config recorders (${CONFIG_RECORDERS})`

/** The linking the config asks for: every region, or the listed ones (the aggregation region itself never). */
export function wantedAggregator(desired: Desired): AggregatorView {
  const { linkedRegions, aggregationRegion } = desired.config.securityHub
  if (linkedRegions === 'all') return { mode: 'ALL_REGIONS', regions: [] }
  const regions = [...new Set(linkedRegions)].filter((r) => r !== aggregationRegion).sort()
  return regions.length > 0 ? { mode: 'SPECIFIED_REGIONS', regions } : { mode: 'NO_REGIONS', regions: [] }
}

/** Local configuration: members join automatically; AWS's default standards only when any are configured. */
export const wantedLocal = (desired: Desired) => ({
  configurationType: 'LOCAL' as const,
  autoEnable: true,
  autoEnableStandards: desired.config.securityHub.standards.length > 0 ? 'DEFAULT' : 'NONE',
})

function change(partial: Omit<Change, 'module' | 'destructive'> & { destructive?: boolean }): Change {
  return { module: MODULE, destructive: false, ...partial }
}

function adminAndHub(desired: Desired, region: string, observed: RegionObserved | undefined): Change[] {
  const tooling = desired.securityTooling
  const changes: Change[] = []
  const admin = observed?.admin ?? null
  if (admin !== tooling.id) {
    const other = admin ? (desired.org.accounts.find((a) => a.id === admin)?.name ?? admin) : undefined
    changes.push(
      change({
        address: addresses.admin(region),
        action: admin ? 'update' : 'create',
        account: desired.management.id,
        region,
        before: adminView(admin),
        after: adminView(tooling.id),
        reason: other
          ? `${other} (${admin}) is the Security Hub administrator in ${region}, but the config names ${tooling.name}: replacing it removes ${other}'s organization-wide view`
          : `designate ${tooling.name} as the Security Hub administrator in ${region} (from the management account)`,
        dependsOn: [TRUSTED_ACCESS],
        ...weakening(
          other ? [`${other} (${admin}) stops being the Security Hub administrator in ${region}`] : [],
        ),
      }),
    )
  }
  if (!observed?.hub) {
    changes.push(
      change({
        address: addresses.hub(region),
        action: 'create',
        account: tooling.id,
        region,
        before: null,
        after: hubView(true),
        reason: `enable Security Hub in ${tooling.name} in ${region}, without AWS's default standards (the config chooses them); ${CONFIG_REASON}`,
        dependsOn: [addresses.admin(region), CONFIG_RECORDERS],
      }),
    )
  }
  return changes
}

function aggregatorChange(desired: Desired, observed: SecurityHubObserved): Change[] {
  const region = desired.config.securityHub.aggregationRegion
  const wanted = wantedAggregator(desired)
  const current = aggregatorView(observed.aggregator)
  const elsewhere = observed.aggregator && observed.aggregator.region !== region
  if (elsewhere) {
    // One aggregator per account, and it cannot be moved: deleting it is a person's decision.
    throw new PlanRefusal(
      `the finding aggregator of ${desired.securityTooling.name} lives in ${observed.aggregator?.region}, not in the configured aggregation region ${region} — delete it there by hand (it cannot be moved) or set securityHub.aggregationRegion to ${observed.aggregator?.region}`,
    )
  }
  if (JSON.stringify(current) === JSON.stringify(wanted)) return []
  const central = observed.regions[region]?.orgConfig?.configurationType === 'CENTRAL'
  return [
    change({
      address: addresses.aggregator(region),
      action: current ? 'update' : 'create',
      account: desired.securityTooling.id,
      region,
      before: current,
      after: wanted,
      reason: current
        ? `finding aggregation in ${region} links ${current.mode}${current.regions.length ? ` ${current.regions.join(', ')}` : ''}; the config asks for ${wanted.mode}${wanted.regions.length ? ` ${wanted.regions.join(', ')}` : ''}`
        : `aggregate findings of ${wanted.mode === 'ALL_REGIONS' ? 'every region (including regions enabled later)' : wanted.regions.join(', ') || 'no other region'} into ${region}`,
      dependsOn: [addresses.hub(region)],
      ...weakening(aggregatorWeakens(current, wanted)),
      // Central configuration cannot be on without an aggregator: someone deleted what the tool made.
      ...(central && !current ? { drift: true } : {}),
    }),
  ]
}

function centralChanges(desired: Desired, observed: SecurityHubObserved): Change[] {
  const settings = desired.config.securityHub
  const region = settings.aggregationRegion
  const tooling = desired.securityTooling
  const home = observed.regions[region]
  const changes: Change[] = []
  const orgConfig = home?.orgConfig ?? null
  if (orgConfig?.configurationType !== 'CENTRAL') {
    changes.push(
      change({
        address: addresses.orgConfig(region),
        action: 'update',
        account: tooling.id,
        region,
        before: centralView(orgConfig),
        after: { configurationType: 'CENTRAL' },
        reason: `turn on central configuration from ${region}: one policy from ${tooling.name} decides Security Hub and its standards in every account, in ${region} and every linked region${orgConfig ? '' : ' (the current setting can be read only once the administrator is designated)'}`,
        dependsOn: [addresses.aggregator(region), addresses.hub(region)],
      }),
    )
  }
  // Resolving checks the region offers each standard; without a catalogue yet, apply resolves them.
  resolveStandards(settings.standards, home?.catalogue ?? null, region)
  const wantedPolicy = { name: POLICY_NAME, serviceEnabled: true, standards: [...settings.standards].sort() }
  const policy = observed.central?.policy ?? null
  const currentPolicy = policyView(policy)
  if (JSON.stringify(currentPolicy) !== JSON.stringify(wantedPolicy)) {
    changes.push(
      change({
        address: addresses.policy(),
        action: currentPolicy ? 'update' : 'create',
        account: tooling.id,
        region,
        before: currentPolicy,
        after: wantedPolicy,
        reason: currentPolicy
          ? `configuration policy ${POLICY_NAME} enables ${currentPolicy.serviceEnabled ? currentPolicy.standards.join(', ') || 'no standard' : 'no Security Hub'}; the config asks for ${wantedPolicy.standards.join(', ')}${JSON.stringify(policy?.recorded) === JSON.stringify(wantedPolicy.standards) ? ' (the policy was edited outside org-baseline)' : ''}`
          : `create configuration policy ${POLICY_NAME}: Security Hub on, standards ${wantedPolicy.standards.join(', ')}, every control enabled`,
        dependsOn: [addresses.orgConfig(region)],
        ...weakening(policyWeakens(currentPolicy, wantedPolicy)),
        ...(policy && JSON.stringify(policy.recorded) === JSON.stringify(wantedPolicy.standards)
          ? { drift: true }
          : {}),
      }),
    )
  }
  for (const target of policyTargets(desired)) {
    const current = associationView(target, observed.central?.associations[target.id], policy)
    const wanted = { target: target.label, policy: POLICY_NAME }
    if (JSON.stringify(current) === JSON.stringify(wanted)) continue
    changes.push(
      change({
        address: addresses.association(target),
        action: current ? 'update' : 'create',
        account: tooling.id,
        region,
        before: current,
        after: wanted,
        reason: `associate ${POLICY_NAME} with ${target.label}: every account under it${target.kind === 'root' ? ' (the whole organization)' : ''} gets Security Hub and the standards, including accounts that join later; ${CONFIG_REASON}`,
        dependsOn: [addresses.policy(), CONFIG_RECORDERS],
        // The policy exists, so the tool associated it before: the association was removed outside the tool.
        ...(policy && !current ? { drift: true } : {}),
      }),
    )
  }
  return changes
}

function localChanges(desired: Desired, observed: SecurityHubObserved): Change[] {
  const settings = desired.config.securityHub
  const tooling = desired.securityTooling
  const changes: Change[] = []
  for (const region of desired.regions) {
    const here = observed.regions[region]
    const current = localView(here?.orgConfig ?? null)
    const wanted = wantedLocal(desired)
    if (JSON.stringify(current) !== JSON.stringify(wanted)) {
      const leavingCentral = current?.configurationType === 'CENTRAL'
      changes.push(
        change({
          address: addresses.orgConfig(region),
          action: 'update',
          account: tooling.id,
          region,
          before: current,
          after: wanted,
          reason: leavingCentral
            ? `turn central configuration off from ${region}: accounts keep their current settings, and no policy governs new ones any more`
            : `auto-enable Security Hub for new member accounts in ${region}${wanted.autoEnableStandards === 'DEFAULT' ? " with AWS's default standards" : ''}`,
          dependsOn: [addresses.admin(region), addresses.hub(region)],
          ...weakening(localWeakens(current, wanted)),
        }),
      )
    }
    // A standard AWS does not offer here is not requested here (regional-standards.ts; the notes say so).
    const { offered } = splitOffered(settings.standards, region)
    resolveStandards(offered as typeof settings.standards, here?.catalogue ?? null, region)
    // A hub the tool creates starts without standards (EnableDefaultStandards=false).
    const enabled = here?.enabledStandards ?? []
    const before = standardsView(enabled)
    const after: { standards: string[] } = { standards: [...offered].sort() }
    if (JSON.stringify(before) === JSON.stringify(after)) continue
    const removed = before.standards.filter((s) => !after.standards.includes(s))
    changes.push(
      change({
        address: addresses.standards(region),
        action: 'update',
        account: tooling.id,
        region,
        before,
        after,
        reason: `standards of ${tooling.name} in ${region}: ${[
          ...after.standards.filter((s) => !before.standards.includes(s)).map((s) => `enable ${s}`),
          ...removed.map((s) => `disable ${s}`),
        ].join(', ')}`,
        dependsOn: [addresses.hub(region)],
        ...weakening(removed.map((s) => `disables ${s} in ${tooling.name}`)),
        // The hub is on with standards missing that the tool enables: they were turned off outside it.
        ...(here?.hub && removed.length === 0 && enabled.length > 0 ? { drift: true } : {}),
      }),
    )
  }
  return changes
}

export function diffSecurityHub(desired: Desired, observed: SecurityHubObserved): Change[] {
  const regions = relevantRegions(desired)
  const changes = regions.flatMap((r) => adminAndHub(desired, r, observed.regions[r]))
  changes.push(...aggregatorChange(desired, observed))
  changes.push(
    ...(desired.config.securityHub.configuration === 'central'
      ? centralChanges(desired, observed)
      : localChanges(desired, observed)),
  )
  return changes
}
