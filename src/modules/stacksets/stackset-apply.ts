// Applies the stack set changes: the definition (CreateStackSet is immediate, UpdateStackSet an
// operation — the canary region's instances first when the template or parameters change, waves.ts), new OUs and regions (CreateStackInstances), removed ones (DeleteStackInstances) and repairs.
// Every write re-reads first; every operation is waited for (operations.ts). Opt-in regions get their own
// operations with full failure tolerance: accounts that have not enabled them fail there by design, and
// with the configured tolerance they would cancel the deployment everywhere else.
import { isDeepStrictEqual } from 'node:util'
import {
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DeleteStackInstancesCommand,
  type DeploymentTargets,
  UpdateStackSetCommand,
  type UpdateStackSetCommandInput,
} from '@aws-sdk/client-cloudformation'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import { isOptInRegion } from '../../config/regions.ts'
import type { Change } from '../../engine/change.ts'
import type { Context } from '../../engine/module.ts'
import { recheck } from '../../engine/recheck.ts'
import { requestToken } from '../../engine/request-token.ts'
import { errorName, StalePlanError } from '../../errors.ts'
import { operationPreferences, type StackSetAdmin, stackSetAdmin } from './admin.ts'
import { type StackSetSpec, stackSetName, type TemplateName } from './catalogue.ts'
import { observeStackSet, readTemplates } from './observe.ts'
import type { InstanceProblem } from './observed.ts'
import { runOperation, StackSetOperationFailed } from './operations.ts'
import { stackSetDescription } from './rollout-mark.ts'
import {
  definitionOf,
  desiredDefinition,
  instanceKey,
  type Placement,
  type RepairState,
  redeploys,
  repairable,
} from './stackset-diff.ts'
import { stackSetTargets } from './targets.ts'
import { MANAGED_TAG } from './template-hash.ts'
import { instanceWaves, updateCanaryRegion } from './waves.ts'

const FULL_TOLERANCE = 100
const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x))

interface Job {
  ctx: Context
  admin: StackSetAdmin
  spec: StackSetSpec
  name: string
}

function job(ctx: Context, spec: StackSetSpec | undefined, change: Change): Job {
  if (!spec) throw new StalePlanError(`${change.address} is no longer part of the baseline — run plan again`)
  return { ctx, admin: stackSetAdmin(ctx), spec, name: stackSetName(spec.template) }
}

const parametersOf = (spec: StackSetSpec) =>
  Object.entries(spec.parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }))

/** Told only where the template needs it (a named IAM role), as CloudFormation asks. */
const capabilitiesOf = (spec: StackSetSpec) => (spec.capabilities ? { Capabilities: spec.capabilities } : {})

async function bodyOf(ctx: Context, template: TemplateName): Promise<string> {
  return (
    (await readTemplates(ctx.desired.baseline.templateDir, [template], ctx.desired.baseline))[template] ?? ''
  )
}

export async function applyDefinition(change: Change, ctx: Context, found: StackSetSpec | undefined) {
  const { admin, spec, name } = job(ctx, found, change)
  const body = await bodyOf(ctx, spec.template)
  const wanted = desiredDefinition(spec, body)
  if (!isDeepStrictEqual(wanted, change.after)) {
    throw new StalePlanError(
      `${change.address}: the template or its parameters changed since the plan — run plan again`,
    )
  }
  // A stack set planned as absent is created without a read first: CreateStackSet refuses an existing name
  // (NameAlreadyExistsException), which is then read and compared.
  const creating = change.before === null
  const observed = creating ? null : await observeStackSet(admin.reader, spec.template, [], false)
  const current = observed ? definitionOf(observed) : null
  if (!creating && recheck(change, current) === 'done') return
  if (!observed || !current) {
    try {
      await retryConflicts(() =>
        admin.writer.send(
          new CreateStackSetCommand({
            StackSetName: name,
            Description: stackSetDescription(spec.template),
            TemplateBody: body,
            Parameters: parametersOf(spec),
            ...capabilitiesOf(spec),
            PermissionModel: 'SERVICE_MANAGED',
            AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
            ManagedExecution: { Active: true },
            Tags: [{ Key: MANAGED_TAG, Value: 'true' }],
            // The SDK fills it once per command; ours also holds across retryConflicts' resends.
            ClientRequestToken: requestToken('stackset', change),
            ...admin.callAs,
          }),
        ),
      )
    } catch (error) {
      if (errorName(error) !== 'NameAlreadyExistsException') throw error
      const again = await observeStackSet(admin.reader, spec.template, [], false)
      if (!again || !isDeepStrictEqual(definitionOf(again), wanted))
        throw new StalePlanError(
          `${change.address}: someone else created the stack set meanwhile — run plan again`,
        )
    }
    return
  }
  const p = ctx.desired.config.stackSets.operationPreferences
  const canary = redeploys(current, wanted)
    ? updateCanaryRegion(
        observed.regions,
        observed.ous,
        p.canaryRegion ? ctx.desired.config.homeRegion : undefined,
      )
    : undefined
  const update = (only: Partial<UpdateStackSetCommandInput>) =>
    runOperation(
      ctx,
      admin,
      async () =>
        (
          await admin.writer.send(
            new UpdateStackSetCommand({
              StackSetName: name,
              TemplateBody: body,
              Parameters: parametersOf(spec),
              ...capabilitiesOf(spec),
              AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
              ...(current.managedExecution ? {} : { ManagedExecution: { Active: true } }),
              ...admin.callAs,
              ...only,
            }),
          )
        ).OperationId,
      { stackSet: name },
    )
  if (canary) {
    // Only the canary region's instances; every other one is left OUTDATED (rollout-mark.ts).
    await update({
      Description: stackSetDescription(spec.template, canary),
      DeploymentTargets: { OrganizationalUnitIds: observed.ous },
      Regions: [canary],
      OperationPreferences: operationPreferences(ctx.desired),
    }).catch((error) => {
      if (!(error instanceof StackSetOperationFailed)) throw error
      throw new StackSetOperationFailed(
        `${error.message} — in the canary region ${canary}: the other regions were not updated and keep the previous template; fix the template (or the cause) and apply again`,
        error.failures,
      )
    })
  }
  const optIn = observed.regions.some(isOptInRegion)
  await update({
    Description: stackSetDescription(spec.template),
    OperationPreferences: operationPreferences(ctx.desired, optIn ? FULL_TOLERANCE : undefined),
  })
}

function targetsFor(ous: string[], excludedAccounts: string[]): DeploymentTargets {
  return excludedAccounts.length > 0
    ? { OrganizationalUnitIds: ous, Accounts: excludedAccounts, AccountFilterType: 'DIFFERENCE' }
    : { OrganizationalUnitIds: ous }
}

async function createInstances(j: Job, targets: DeploymentTargets, regions: string[]) {
  const p = j.ctx.desired.config.stackSets.operationPreferences
  for (const wave of instanceWaves(regions, p.canaryRegion ? j.ctx.desired.config.homeRegion : undefined)) {
    const group = wave.regions
    await runOperation(
      j.ctx,
      j.admin,
      async () =>
        (
          await j.admin.writer.send(
            new CreateStackInstancesCommand({
              StackSetName: j.name,
              DeploymentTargets: targets,
              Regions: group,
              OperationPreferences: operationPreferences(
                j.ctx.desired,
                wave.optIn ? FULL_TOLERANCE : undefined,
              ),
              ...j.admin.callAs,
            }),
          )
        ).OperationId,
      { stackSet: j.name },
    )
  }
}

async function deleteInstances(j: Job, targets: DeploymentTargets, regions: string[]) {
  if (regions.length === 0) return
  await runOperation(
    j.ctx,
    j.admin,
    async () =>
      (
        await j.admin.writer.send(
          new DeleteStackInstancesCommand({
            StackSetName: j.name,
            DeploymentTargets: targets,
            Regions: regions,
            RetainStacks: false,
            OperationPreferences: operationPreferences(j.ctx.desired, FULL_TOLERANCE),
            ...j.admin.callAs,
          }),
        )
      ).OperationId,
    { stackSet: j.name },
  )
}

export async function applyInstances(change: Change, ctx: Context, found: StackSetSpec | undefined) {
  const j = job(ctx, found, change)
  const observed = await observeStackSet(j.admin.reader, j.spec.template, [], false)
  if (!observed)
    throw new StalePlanError(`${change.address}: stack set ${j.name} does not exist — run plan again`)
  const have: Placement = { ous: observed.ous, regions: observed.regions }
  // Planned before the stack set existed: an empty placement is what the plan saw.
  const before = have.ous.length === 0 && have.regions.length === 0 && change.before === null ? null : have
  if (recheck(change, before) === 'done') return
  const after = change.after as Placement
  const { excludedAccounts } = stackSetTargets(ctx.desired)
  const newOus = minus(after.ous, have.ous)
  const keptOus = minus(after.ous, newOus)
  const newRegions = minus(after.regions, have.regions)
  if (newOus.length > 0) await createInstances(j, targetsFor(newOus, excludedAccounts), after.regions)
  if (keptOus.length > 0 && newRegions.length > 0)
    await createInstances(j, targetsFor(keptOus, excludedAccounts), newRegions)
}

export async function applyStaleInstances(change: Change, ctx: Context, found: StackSetSpec | undefined) {
  const j = job(ctx, found, change)
  const want = change.after as Placement
  const { excludedAccounts } = stackSetTargets(ctx.desired)
  const observed = await observeStackSet(j.admin.reader, j.spec.template, excludedAccounts)
  if (!observed) return
  const goneOus = minus(observed.ous, want.ous)
  const keptOus = minus(observed.ous, goneOus)
  const goneRegions = minus(observed.regions, want.regions)
  const excluded = observed.problems.filter((p) => p.kind === 'EXCLUDED')
  if (goneOus.length > 0) await deleteInstances(j, { OrganizationalUnitIds: goneOus }, observed.regions)
  if (keptOus.length > 0 && goneRegions.length > 0)
    await deleteInstances(j, { OrganizationalUnitIds: keptOus }, goneRegions)
  for (const group of groupByRegions(ctx, excluded, observed.ous)) {
    await deleteInstances(j, group.targets, group.regions)
  }
}

interface InstanceGroup {
  targets: DeploymentTargets
  regions: string[]
}

/**
 * Instances grouped so that each operation covers exactly them: accounts with the same set of regions share
 * one operation, targeted through the OU the stack set already targets (so the stack set's OU list is
 * unchanged) with an INTERSECTION account filter.
 */
function groupByRegions(ctx: Context, problems: InstanceProblem[], targetedOus: string[]): InstanceGroup[] {
  const { org } = ctx.desired
  const parentOf = new Map(org.units.map((u) => [u.id, u.parentId]))
  const targetedOu = (p: InstanceProblem): string | undefined => {
    if (p.ou && targetedOus.includes(p.ou)) return p.ou
    let at = org.accounts.find((a) => a.id === p.account)?.parentId
    for (; at; at = parentOf.get(at)) if (targetedOus.includes(at)) return at
    return undefined
  }
  const regionsByAccount = new Map<string, { ou: string; regions: Set<string> }>()
  for (const p of problems) {
    const ou = targetedOu(p)
    if (!ou) continue
    const entry = regionsByAccount.get(p.account) ?? { ou, regions: new Set<string>() }
    entry.regions.add(p.region)
    regionsByAccount.set(p.account, entry)
  }
  const groups = new Map<string, { accounts: string[]; ous: Set<string>; regions: string[] }>()
  for (const [account, { ou, regions }] of regionsByAccount) {
    const sorted = [...regions].sort()
    const key = sorted.join(',')
    const group = groups.get(key) ?? { accounts: [], ous: new Set<string>(), regions: sorted }
    group.accounts.push(account)
    group.ous.add(ou)
    groups.set(key, group)
  }
  return [...groups.values()].map((g) => ({
    targets: {
      OrganizationalUnitIds: [...g.ous].sort(),
      Accounts: g.accounts.sort(),
      AccountFilterType: 'INTERSECTION',
    },
    regions: g.regions,
  }))
}

export async function applyRepair(change: Change, ctx: Context, found: StackSetSpec | undefined) {
  const j = job(ctx, found, change)
  const planned = new Set((change.before as RepairState).instances)
  const { excludedAccounts } = stackSetTargets(ctx.desired)
  const observed = await observeStackSet(j.admin.reader, j.spec.template, [])
  if (!observed)
    throw new StalePlanError(`${change.address}: stack set ${j.name} does not exist — run plan again`)
  const skip = [...excludedAccounts, ...inactiveAccounts(ctx)]
  const now = repairable(observed.problems, skip).filter((p) => planned.has(instanceKey(p)))
  if (now.length === 0) return
  const recreate = now.filter((p) => p.kind === 'DRIFTED' || p.kind === 'DRIFT_CHECK_FAILED')
  // CloudFormation does not revert drift on an unchanged template: drifted instances are removed first.
  for (const group of groupByRegions(ctx, recreate, observed.ous))
    await deleteInstances(j, group.targets, group.regions)
  for (const group of groupByRegions(ctx, now, observed.ous))
    await createInstances(j, group.targets, group.regions)
}

export const inactiveAccounts = (ctx: Context) =>
  ctx.desired.org.accounts.filter((a) => a.status !== 'ACTIVE').map((a) => a.id)
