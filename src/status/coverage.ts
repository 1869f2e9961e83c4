// From one observe pass to the coverage matrix: every control for every account (and region), with the
// reason for every cell that is not covered. Pure: the same inputs always give the same report.
import type { Desired } from '../engine/desired.ts'
import type { OrgAccount } from '../modules/organization/snapshot.ts'
import { plannedStackSets, stackSetName, type TemplateName } from '../modules/stacksets/catalogue.ts'
import { stackSetTargets } from '../modules/stacksets/targets.ts'
import { buildChecklist } from './checklist.ts'
import { Grid } from './grid.ts'
import type { StatusInputs } from './observe.ts'
import {
  type ControlInfo,
  countCells,
  type Gap,
  type InstanceReads,
  STATUS_FORMAT,
  STATUS_VERSION,
  type StackInstanceRow,
  type StatusReport,
} from './report.ts'
import { accountGate, type Scope, scopeOf, type Verdict } from './scope.ts'
import { securityHubStandardsVerdict, securityHubVerdict } from './security-hub-verdicts.ts'
import { guardDutyVerdict, rootVerdict, scpVerdict } from './service-verdicts.ts'
import { stackVerdict, trailVerdict } from './stack-verdicts.ts'

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
      source: `stack set ${stackSetName(set.template)}: every instance (ListStackInstances per region), the management account's stack`,
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
  if (c.securityHub.enabled) {
    const central = c.securityHub.configuration === 'central'
    controls.push({
      id: 'securityhub',
      label: central ? 'Security Hub policy' : 'Security Hub membership',
      scope: 'region',
      source: central
        ? 'Security Hub: administrator, aggregator, each account in the administrator’s ListConfigurationPolicyAssociations'
        : 'Security Hub: administrator and its hub per region, each region’s ListMembers from the administrator',
    })
    controls.push({
      id: 'securityhub-standards',
      label: 'Security Hub standards',
      scope: 'region',
      source: central
        ? 'Security Hub: the standards of the configuration policy associated with the account'
        : 'Security Hub: the administrator’s GetEnabledStandards; members’ standards are readable only by the members themselves (not read)',
    })
  }
  if (root)
    controls.push({
      id: 'root-credentials',
      label: 'Root credentials',
      scope: 'account',
      source: 'IAM GetAccountSummary in each account',
    })
  return controls
}

const INSTANCE_CONTROL: Partial<Record<TemplateName, string>> = {
  'config-recorder': 'config',
  'root-sign-in-alert': 'root-alert',
  'account-trail': 'trail',
}

/** Each stack set's instances: every one a read showed is not current, and the cells no read answered. */
function instanceReads(inputs: StatusInputs, gaps: Gap[]): InstanceReads[] {
  return Object.entries(inputs.instances ?? {}).map(([template, read]) => {
    const notCurrent: StackInstanceRow[] = Object.entries(read.listed)
      .filter(([, i]) => i.status !== 'CURRENT' || i.drift === 'DRIFTED')
      .map(([key, i]) => {
        const [account = '', region = ''] = key.split('/')
        return {
          account,
          region,
          status: i.status,
          ...(i.detailedStatus ? { detailedStatus: i.detailedStatus } : {}),
          ...(i.drift ? { drift: i.drift } : {}),
          ...(i.reason ? { reason: i.reason } : {}),
        }
      })
      .sort((a, b) => a.account.localeCompare(b.account) || a.region.localeCompare(b.region))
    const control = INSTANCE_CONTROL[template as TemplateName]
    const notRead = gaps
      .filter((g) => g.control === control && g.status === 'unknown')
      .map((g) => ({ accounts: g.accounts, regions: g.regions, reason: g.reason }))
    return {
      stackSet: stackSetName(template as TemplateName),
      read: Object.keys(read.listed).length,
      notCurrent,
      notRead,
    }
  })
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
  // An opt-in region the account has not enabled runs no service there, whatever the control.
  const optIn = inputs.regionsEnabled?.[account.id]
  const optStatus = typeof optIn === 'object' ? optIn[region] : undefined
  if (optStatus && optStatus !== 'ENABLED' && optStatus !== 'ENABLED_BY_DEFAULT')
    return {
      status: 'region-off',
      reason: `region not enabled in this account (Account API ListRegions: ${optStatus})`,
    }
  // GuardDuty and Security Hub can cover an excluded account all the same (a member added by hand):
  // their readers decide; the organization trail logs every account whatever the config excludes.
  if (control === 'guardduty') return guardDutyVerdict(account, region, inputs, scope)
  if (control === 'securityhub') return securityHubVerdict(account, region, inputs, scope)
  if (control === 'securityhub-standards') {
    const reached = securityHubVerdict(account, region, inputs, scope)
    return securityHubStandardsVerdict(account, region, inputs, scope, reached)
  }
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
  const gaps = grid.gapList()
  return {
    format: STATUS_FORMAT,
    version: STATUS_VERSION,
    createdAt: (options.now ?? new Date()).toISOString(),
    config: desired.baseline.file,
    organization: { id: org.id, managementAccountId: org.managementAccountId },
    regions,
    controls,
    accounts,
    gaps,
    checklist: buildChecklist(inputs, counts, controls),
    counts,
    ...(inputs.instances ? { instances: instanceReads(inputs, gaps) } : {}),
    errors: inputs.errors,
  }
}
