// From one observe pass to the coverage matrix: every control for every account (and region), with the
// reason for every cell that is not covered. Pure: the same inputs always give the same report.
import type { Desired } from '../engine/desired.ts'
import { type OrgAccount, ROOT_PATH } from '../modules/organization/snapshot.ts'
import type { RootPosture } from '../modules/root-access/audit.ts'
import {
  plannedStackSets,
  stackAddress,
  stackSetName,
  type TemplateName,
} from '../modules/stacksets/catalogue.ts'
import { stackSetTargets } from '../modules/stacksets/targets.ts'
import { buildChecklist } from './checklist.ts'
import { Grid } from './grid.ts'
import type { StatusInputs } from './observe.ts'
import {
  type ControlInfo,
  countCells,
  STATUS_FORMAT,
  STATUS_VERSION,
  type Status,
  type StatusReport,
} from './report.ts'

export type Verdict = { status: Status; reason?: string }
const covered: Verdict = { status: 'covered' }

const STACK_CONTROLS: Partial<Record<TemplateName, { id: string; label: string }>> = {
  'config-recorder': { id: 'config', label: 'Config recording' },
  'root-sign-in-alert': { id: 'root-alert', label: 'Root activity alert rule' },
}

/** Which controls the report has, from the config: a module turned off has no column. */
export function controlsFor(desired: Desired, root: boolean): ControlInfo[] {
  const c = desired.config
  const controls: ControlInfo[] = []
  if (desired.scps.length > 0)
    controls.push({
      id: 'scp',
      label: 'SCPs in effect',
      scope: 'account',
      source: 'Organizations: policies and their targets',
    })
  for (const set of plannedStackSets(desired)) {
    const known = STACK_CONTROLS[set.template]
    if (!known) continue
    controls.push({
      ...known,
      scope: 'region',
      source: `stack set ${stackSetName(set.template)}: its instances (filtered ListStackInstances), the management account's stack`,
    })
  }
  if (c.cloudTrail.enabled)
    controls.push({
      id: 'trail',
      label: c.cloudTrail.mode === 'organization' ? 'Organization trail logging' : 'Account trail',
      scope: 'region',
      source:
        c.cloudTrail.mode === 'organization'
          ? 'CloudTrail: DescribeTrails, GetTrailStatus'
          : 'stack set org-baseline-account-trail',
    })
  if (c.guardDuty.enabled)
    controls.push({
      id: 'guardduty',
      label: 'GuardDuty membership',
      scope: 'region',
      source: 'GuardDuty: administrator, organization configuration, ListMembers',
    })
  if (c.securityHub.enabled)
    controls.push({
      id: 'securityhub',
      label: 'Security Hub policy',
      scope: 'region',
      source: 'Security Hub: administrator, aggregator, configuration policy associations',
    })
  if (root)
    controls.push({
      id: 'root-credentials',
      label: 'Root credentials',
      scope: 'account',
      source: 'IAM GetAccountSummary in each account',
    })
  return controls
}

interface Scope {
  desired: Desired
  chainOf: (account: OrgAccount) => string[]
  /** Why the config leaves an account out of deployment, or undefined when it is in. */
  outOfScope: (account: OrgAccount) => string | undefined
}

function scopeOf(desired: Desired): Scope {
  const { org } = desired
  const parentOf = new Map(org.units.map((u) => [u.id, u.parentId]))
  const label = (id: string) =>
    id === org.rootId ? ROOT_PATH : (org.units.find((u) => u.id === id)?.path ?? id)
  const chainOf = (account: OrgAccount) => {
    const chain = [account.id]
    for (let at: string | undefined = account.parentId; at; at = parentOf.get(at)) chain.push(at)
    return chain
  }
  const excludedOus = new Map(desired.excludedOus.map((t) => [t.id, t.label]))
  const excludedAccounts = new Set(desired.excludedAccounts.map((a) => a.id))
  const targets = new Set(desired.deploymentTargets.map((t) => t.id))
  const outOfScope = (account: OrgAccount) => {
    if (excludedAccounts.has(account.id)) return 'excluded by config (deployment.exclude.accounts)'
    const chain = chainOf(account)
    const ou = chain.find((id) => excludedOus.has(id))
    if (ou) return `excluded by config (deployment.exclude.ous: ${label(ou)})`
    if (!chain.some((id) => targets.has(id))) return 'outside deployment.targets'
    return undefined
  }
  return { desired, chainOf, outOfScope }
}

/** What every control says first: a suspended account runs nothing, an excluded one is left out. */
function accountGate(account: OrgAccount, scope: Scope): Verdict | undefined {
  if (account.status !== 'ACTIVE')
    return { status: 'suspended', reason: `account is ${account.status}: AWS runs no control in it` }
  const out = scope.outOfScope(account)
  return out ? { status: 'excluded', reason: out } : undefined
}

function scpVerdict(account: OrgAccount, inputs: StatusInputs, scope: Scope): Verdict {
  const { desired } = scope
  if (account.id === desired.org.managementAccountId)
    return { status: 'exempt', reason: 'SCPs never apply to the management account' }
  if (account.status !== 'ACTIVE') return { status: 'suspended', reason: `account is ${account.status}` }
  const observed = inputs.scp
  if (!observed) return unread('scp', inputs)
  if (!observed.typeEnabled)
    return { status: 'missing', reason: 'SCP policy type is not enabled on the root — run apply' }
  const chain = new Set(scope.chainOf(account))
  const wanted = desired.scps.filter((s) => s.targets.some((t) => chain.has(t.id))).map((s) => s.name)
  const attached = new Set(
    observed.owned.filter((p) => p.targets.some((t) => chain.has(t))).map((p) => p.name),
  )
  const absent = wanted.filter((name) => !attached.has(name))
  if (absent.length === 0) return covered
  return {
    status: 'missing',
    reason: `not attached to the account, its OUs or Root: ${absent.join(', ')} — run apply`,
  }
}

function unread(module: string, inputs: StatusInputs): Verdict {
  const error = inputs.errors.find((e) => e.module === module)
  return { status: 'unknown', reason: `could not read ${module}${error ? `: ${error.message}` : ''}` }
}

function stackVerdict(
  template: TemplateName,
  account: OrgAccount,
  region: string,
  inputs: StatusInputs,
  scope: Scope,
  ssOus: Set<string>,
): Verdict {
  const observed = inputs.stacksets
  if (!observed) return unread('stacksets', inputs)
  const name = stackSetName(template)
  if (account.id === scope.desired.org.managementAccountId) {
    const stack = observed.stacks[stackAddress(template, account.id, region)]
    if (!stack) return { status: 'missing', reason: `no stack ${name} in the management account — run apply` }
    if (/_IN_PROGRESS$/.test(stack.status)) return { status: 'pending', reason: `stack ${stack.status}` }
    if (/FAILED|ROLLBACK/.test(stack.status))
      return {
        status: 'failed',
        reason: `stack ${stack.status}${stack.statusReason ? `: ${stack.statusReason}` : ''}`,
      }
    if (stack.drifted)
      return { status: 'failed', reason: 'stack drifted: its resources changed out of band — run reconcile' }
    return covered
  }
  const set = observed.stackSets[template]
  if (!set) return { status: 'missing', reason: `stack set ${name} not created — run apply` }
  const chain = scope.chainOf(account)
  if (!chain.some((id) => ssOus.has(id)))
    return {
      status: 'missing',
      reason:
        'StackSets cannot target it: it sits directly in an OU that contains an excluded OU — move it into an OU',
    }
  if (!chain.some((id) => set.ous.includes(id)))
    return { status: 'missing', reason: `its OU is not among the stack set's targets yet — run apply` }
  if (!set.regions.includes(region))
    return { status: 'missing', reason: `stack set not deployed to the region yet — run apply` }
  const problem = set.problems.find(
    (p) => p.account === account.id && p.region === region && p.kind !== 'EXCLUDED',
  )
  if (problem) {
    if (problem.kind === 'SKIPPED_SUSPENDED_ACCOUNT')
      return { status: 'suspended', reason: 'instance skipped: account suspended' }
    if (problem.kind === 'DRIFTED')
      return {
        status: 'failed',
        reason: 'instance drifted: its resources changed out of band — run reconcile',
      }
    return {
      status: 'failed',
      reason: `instance ${problem.kind}${problem.reason ? `: ${problem.reason}` : ''}`,
    }
  }
  if (set.activeOperation)
    return {
      status: 'pending',
      reason: `stack set operation ${set.activeOperation.action} ${set.activeOperation.status}`,
    }
  return covered
}

function trailVerdict(
  account: OrgAccount,
  region: string,
  inputs: StatusInputs,
  scope: Scope,
  ssOus: Set<string>,
): Verdict {
  const c = scope.desired.config.cloudTrail
  if (c.mode === 'account') {
    const home = scope.desired.config.homeRegion
    return stackVerdict('account-trail', account, home, inputs, scope, ssOus)
  }
  if (inputs.trail === undefined) return unread('cloudtrail', inputs)
  const trail = inputs.trail
  if (!trail)
    return {
      status: 'missing',
      reason: `no trail ${c.name} in ${scope.desired.config.homeRegion} — run apply`,
    }
  if (!trail.organization)
    return { status: 'missing', reason: `trail ${trail.name} is not an organization trail` }
  if (!trail.logging) return { status: 'failed', reason: `trail ${trail.name} exists but is not logging` }
  if (!trail.multiRegion && region !== scope.desired.config.homeRegion)
    return { status: 'missing', reason: `trail ${trail.name} logs ${scope.desired.config.homeRegion} only` }
  return covered
}

function guardDutyVerdict(account: OrgAccount, region: string, inputs: StatusInputs, scope: Scope): Verdict {
  const { desired } = scope
  const observed = inputs.guardDuty?.regions.find((r) => r.region === region)
  if (!observed) return unread('guardduty', inputs)
  if (!observed.adminRegionEnabled)
    return { status: 'region-off', reason: 'region not enabled in the security tooling account' }
  const admin = desired.securityTooling.id
  if (!observed.admins.includes(admin))
    return { status: 'missing', reason: `no GuardDuty administrator in the region — run apply` }
  if (account.id === admin)
    return observed.detectorId ? covered : { status: 'missing', reason: 'the administrator has no detector' }
  if (account.id === desired.org.managementAccountId) {
    if (observed.managementMember === 'Enabled') return covered
    return {
      status: 'missing',
      reason: `management account is not a member (${observed.managementMember ?? 'unread'}) — run apply`,
    }
  }
  const members = inputs.guardDutyMembers?.[region]
  if (typeof members === 'string') return { status: 'unknown', reason: members }
  const relationship = members?.[account.id]
  if (relationship === 'Enabled') return covered
  if (relationship === 'Created' || relationship === 'Invited')
    return { status: 'pending', reason: `member relationship ${relationship}` }
  const gate = scope.outOfScope(account)
  if (gate) return { status: 'excluded', reason: gate }
  if (relationship) return { status: 'missing', reason: `member relationship ${relationship}` }
  if (observed.orgConfig?.autoEnable === 'ALL')
    return { status: 'pending', reason: 'not a member yet: pending auto-enable (ALL)' }
  return {
    status: 'missing',
    reason: `not a member: auto-enable ${observed.orgConfig?.autoEnable ?? 'not configured'} — run apply`,
  }
}

function securityHubVerdict(
  account: OrgAccount,
  region: string,
  inputs: StatusInputs,
  scope: Scope,
): Verdict {
  const { desired } = scope
  const observed = inputs.securityHub
  if (!observed) return unread('security-hub', inputs)
  // Central configuration is administered from the aggregation region and reaches the regions the
  // aggregator links (aws-facts §4); local configuration has an administrator region by region.
  const home = desired.config.securityHub.aggregationRegion ?? desired.config.homeRegion
  const central = desired.config.securityHub.configuration === 'central'
  const admin = observed.regions[central ? home : region]?.admin
  if (!admin) return { status: 'missing', reason: 'no Security Hub administrator — run apply' }
  if (admin !== desired.securityTooling.id)
    return { status: 'missing', reason: `the administrator is ${admin}, not the security tooling account` }
  if (region !== home && !aggregatorLinks(observed.aggregator, region))
    return {
      status: 'missing',
      reason: 'region not linked to the finding aggregator: central configuration does not reach it',
    }
  if (!observed.central?.policy)
    return { status: 'missing', reason: 'no central configuration policy — run apply' }
  const gate = scope.outOfScope(account)
  const association = scope
    .chainOf(account)
    .map((id) => observed.central?.associations[id])
    .find((a) => a !== undefined)
  if (!association)
    return gate
      ? { status: 'excluded', reason: gate }
      : { status: 'missing', reason: 'no policy association on the account, its OUs or Root — run apply' }
  if (association.policyId !== observed.central.policy.id)
    return gate
      ? { status: 'excluded', reason: gate }
      : { status: 'missing', reason: `associated with ${association.policyId}, not the baseline policy` }
  if (association.status === 'SUCCESS') return covered
  if (association.status === 'PENDING') return { status: 'pending', reason: 'policy association PENDING' }
  return { status: 'failed', reason: `policy association ${association.status}` }
}

function aggregatorLinks(
  aggregator: NonNullable<StatusInputs['securityHub']>['aggregator'],
  region: string,
): boolean {
  if (!aggregator) return false
  if (aggregator.mode === 'ALL_REGIONS') return true
  if (aggregator.mode === 'ALL_REGIONS_EXCEPT_SPECIFIED') return !aggregator.regions.includes(region)
  if (aggregator.mode === 'SPECIFIED_REGIONS') return aggregator.regions.includes(region)
  return false
}

function rootVerdict(account: OrgAccount, posture: RootPosture | undefined, inputs: StatusInputs): Verdict {
  if (!posture) return unread('root-access', inputs)
  if (posture.status === 'suspended') return { status: 'suspended', reason: `account is ${account.status}` }
  if (posture.status === 'unreachable') return { status: 'failed', reason: `not audited: ${posture.error}` }
  return posture.findings.length === 0 ? covered : { status: 'missing', reason: posture.findings.join('; ') }
}

/** One region-scoped cell: a suspended account first, then each control's own reading. */
function regionVerdict(
  control: string,
  account: OrgAccount,
  region: string,
  gate: Verdict | undefined,
  inputs: StatusInputs,
  scope: Scope,
  ssOus: Set<string>,
): Verdict {
  if (gate?.status === 'suspended') return gate
  // GuardDuty and Security Hub can cover an excluded account all the same (a member added by hand):
  // their readers decide; the organization trail logs every account whatever the config excludes.
  if (control === 'guardduty') return guardDutyVerdict(account, region, inputs, scope)
  if (control === 'securityhub') return securityHubVerdict(account, region, inputs, scope)
  const orgTrail = control === 'trail' && scope.desired.config.cloudTrail.mode === 'organization'
  if (gate && !orgTrail) return gate
  if (control === 'trail') return trailVerdict(account, region, inputs, scope, ssOus)
  const template = control === 'config' ? 'config-recorder' : 'root-sign-in-alert'
  return stackVerdict(template, account, region, inputs, scope, ssOus)
}

export function buildStatus(inputs: StatusInputs, options: { root: boolean; now?: Date }): StatusReport {
  const { desired } = inputs
  const { org } = desired
  const regions = desired.regions
  const controls = controlsFor(desired, options.root)
  const scope = scopeOf(desired)
  const ssOus = new Set(stackSetTargets(desired).ous)
  const grid = new Grid(regions)
  // Root posture is indexed once: 10,000 accounts would otherwise scan the list 10,000 times.
  const postures = new Map(inputs.root?.postures.map((p) => [p.accountId, p]))

  for (const account of org.accounts) {
    const gate = accountGate(account, scope)
    for (const control of controls) {
      const put = (v: Verdict, region?: number) =>
        grid.set(account.id, control.id, region, v.status, v.reason)
      if (control.id === 'scp') put(scpVerdict(account, inputs, scope))
      else if (control.id === 'root-credentials') put(rootVerdict(account, postures.get(account.id), inputs))
      else {
        regions.forEach((region, i) => {
          put(regionVerdict(control.id, account, region, gate, inputs, scope, ssOus), i)
        })
      }
    }
  }

  const accounts = grid.fill(
    org.accounts.map((a) => ({
      id: a.id,
      name: a.name,
      ou: a.path,
      state: a.status,
      management: a.id === org.managementAccountId,
    })),
    controls,
  )
  const partial = { controls, accounts, regions }
  const counts = countCells(partial)
  return {
    format: STATUS_FORMAT,
    version: STATUS_VERSION,
    createdAt: (options.now ?? new Date()).toISOString(),
    config: desired.baseline.file,
    organization: { id: org.id, managementAccountId: org.managementAccountId },
    regions,
    controls,
    accounts,
    gaps: grid.gapList(),
    checklist: buildChecklist(inputs, counts, controls),
    counts,
    errors: inputs.errors,
  }
}
