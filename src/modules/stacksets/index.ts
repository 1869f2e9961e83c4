// Module `stacksets`: the CloudFormation part of the baseline — service-managed stack sets for every member
// account (Config recorder, root sign-in alert, per-account trails), and ordinary stacks for what lives in
// one account (log-archive bucket, organization trail) and for the management account, where
// service-managed stack sets never deploy. Templates are in stacksets/ (or stackSets.templateDir).
import type { Change, Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import type { Context, Module } from '../../engine/module.ts'
import { PlanRefusal } from '../../engine/planner.ts'
import { OrgBaselineError } from '../../errors.ts'
import {
  instancesAddress,
  MAX_RECIPIENTS,
  ORGANIZATIONS_ACCESS,
  organizationsAccessAddress,
  plannedStackSets,
  plannedStacks,
  ROOT_SIGN_IN_REGION,
  repairAddress,
  stackAddress,
  stackSetAddress,
  staleInstancesAddress,
  type TemplateName,
} from './catalogue.ts'
import { customTemplateNotes } from './custom-template-notes.ts'
import { detectStackSetDrift } from './drift.ts'
import { stacksetsFingerprint } from './fingerprint.ts'
import { logArchiveMigrationNotes } from './log-archive-migration.ts'
import { observeStacksets } from './observe.ts'
import type { StacksetsObserved } from './observed.ts'
import { applyOrganizationsAccess } from './organizations-access.ts'
import { STACKSETS_PERMISSIONS } from './permissions.ts'
import { applyStackChange } from './stack-apply.ts'
import { diffStack, stackNotes } from './stack-diff.ts'
import { applyDefinition, applyInstances, applyRepair, applyStaleInstances } from './stackset-apply.ts'
import { diffStackSet, stackSetNotes } from './stackset-diff.ts'
import { stackSetTargets } from './targets.ts'

const MODULE = 'stacksets'

function templateBody(observed: StacksetsObserved, template: TemplateName): string {
  const body = observed.templates[template]
  if (body === undefined) throw new OrgBaselineError('Template', `template ${template}.yaml was not read`)
  return body
}

export function diffStacksets(desired: Desired, observed: StacksetsObserved): Change[] {
  const recipients = desired.config.rootUser.signInAlert.recipients
  if (recipients.length > MAX_RECIPIENTS) {
    throw new PlanRefusal(
      `rootUser.signInAlert.recipients lists ${recipients.length} addresses; the alert template holds at most ${MAX_RECIPIENTS} — use a distribution list`,
    )
  }
  const sets = plannedStackSets(desired)
  const targets = stackSetTargets(desired)
  const changes: Change[] = []
  if (sets.length > 0 && !observed.organizationsAccess) {
    changes.push({
      address: organizationsAccessAddress,
      module: MODULE,
      action: 'create',
      before: null,
      after: { servicePrincipal: ORGANIZATIONS_ACCESS },
      reason:
        'activate StackSets trusted access with AWS Organizations (ActivateOrganizationsAccess): service-managed stack sets need it',
      dependsOn: [],
      destructive: false,
    })
  }
  for (const spec of sets) {
    changes.push(
      ...diffStackSet(
        desired,
        spec,
        templateBody(observed, spec.template),
        observed.stackSets[spec.template] ?? null,
        targets,
      ),
    )
  }
  for (const spec of plannedStacks(desired)) {
    const address = stackAddress(spec.template, spec.account, spec.region)
    changes.push(
      ...diffStack(
        MODULE,
        spec,
        templateBody(observed, spec.template),
        observed.stacks[address] ?? null,
        desired.regions,
      ),
    )
  }
  return changes
}

export function stacksetsNotes(desired: Desired, observed: StacksetsObserved): Note[] {
  const notes: Note[] = [...stackSetTargets(desired).notes]
  const management = desired.management
  notes.push({
    module: MODULE,
    level: 'info',
    account: management.id,
    message: `service-managed stack sets never deploy to the management account ${management.name} (${management.id}), even when its OU is targeted: it gets the same templates as ordinary stacks (stack[…@${management.id}:…]), all but the member role — the tool works there as its own role`,
  })
  if (!desired.regions.includes(ROOT_SIGN_IN_REGION)) {
    notes.push({
      module: MODULE,
      level: 'warning',
      message: `${ROOT_SIGN_IN_REGION} is not a target region, so root console sign-ins raise no alert: they are recorded only there (root API calls are still alerted in the regions deployed to)`,
    })
  }
  const trail = desired.config.cloudTrail
  if (trail.enabled && trail.mode === 'account' && (trail.lake.enabled || trail.athenaTable)) {
    notes.push({
      module: MODULE,
      level: 'warning',
      message:
        'cloudTrail.lake and cloudTrail.athenaTable come with the organization trail: with mode "account" no event data store or Athena table is created',
    })
  }
  notes.push(...customTemplateNotes(MODULE, observed.templates, observed.shipped))
  notes.push(...logArchiveMigrationNotes(desired, observed.stacks))
  for (const spec of plannedStackSets(desired))
    notes.push(...stackSetNotes(spec, observed.stackSets[spec.template] ?? null))
  for (const spec of plannedStacks(desired)) {
    notes.push(
      ...stackNotes(
        MODULE,
        spec,
        observed.stacks[stackAddress(spec.template, spec.account, spec.region)] ?? null,
      ),
    )
  }
  return notes
}

const ADDRESS =
  /^(stackset(?:\.instances|\.stale-instances|\.repair)?|stack)\[([a-z-]+)(?:@(\d{12}):([a-z0-9-]+))?\]$/

export async function applyStacksetsChange(change: Change, ctx: Context): Promise<void> {
  if (change.address === organizationsAccessAddress) return applyOrganizationsAccess(change, ctx)
  const match = ADDRESS.exec(change.address)
  if (!match) throw new OrgBaselineError('UnknownChange', `stacksets cannot apply ${change.address}`)
  const [, kind, template, account, region] = match
  if (kind === 'stack') {
    const spec = plannedStacks(ctx.desired).find(
      (s) => s.template === template && s.account === account && s.region === region,
    )
    return applyStackChange(change, ctx, spec)
  }
  const spec = plannedStackSets(ctx.desired).find((s) => s.template === template)
  switch (change.address) {
    case stackSetAddress(template as TemplateName):
      return applyDefinition(change, ctx, spec)
    case instancesAddress(template as TemplateName):
      return applyInstances(change, ctx, spec)
    case staleInstancesAddress(template as TemplateName):
      return applyStaleInstances(change, ctx, spec)
    case repairAddress(template as TemplateName):
      return applyRepair(change, ctx, spec)
  }
  throw new OrgBaselineError('UnknownChange', `stacksets cannot apply ${change.address}`)
}

export const stacksets: Module<StacksetsObserved> = {
  name: MODULE,
  permissions: STACKSETS_PERMISSIONS,
  enabled: (desired) => plannedStackSets(desired).length > 0 || plannedStacks(desired).length > 0,
  observe: (ctx) => observeStacksets(ctx, stackSetTargets(ctx.desired).excludedAccounts),
  diff: diffStacksets,
  notes: stacksetsNotes,
  detectDrift: detectStackSetDrift,
  fingerprint: stacksetsFingerprint,
  apply: applyStacksetsChange,
}
