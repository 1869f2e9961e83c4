// Stack set operations (awsQuery handlers): organizations access, CreateStackSet, UpdateStackSet,
// DeleteStackSet, DescribeStackSet, ListStackSets.
import { randomUUID } from 'node:crypto'
import { SandboxError } from '../../errors.ts'
import type { CallContext, Operation } from '../service.ts'
import {
  bool,
  enumValue,
  obj,
  parameters,
  requiredStr,
  str,
  strList,
  tags,
  validationError,
} from './input.ts'
import { checkCanSubmit, operationIdFrom, retriedOperation, submit } from './operation-factory.ts'
import { page } from './paging.ts'
import { parsePreferences } from './preferences.ts'
import { adminScope, checkServiceManagedAccess, getStackSet, stackSetKey } from './stack-set-access.ts'
import { instanceKey, type PermissionModel, STACKSETS_PRINCIPAL, type StackSet } from './stack-set-model.ts'
import { cfnState } from './state.ts'
import { readRegions, resolveTargets } from './targets.ts'
import { checkTemplate } from './template-check.ts'
import { isNoEcho } from './template-parameters.ts'

export const activateOrganizationsAccessOp: Operation = (_input, ctx) => {
  if (ctx.account !== ctx.world.managementAccountId) {
    throw validationError(
      'You must be the management account of an organization to activate organizations access',
    )
  }
  if (!ctx.world.trustedAccess.has(STACKSETS_PRINCIPAL))
    ctx.world.trustedAccess.set(STACKSETS_PRINCIPAL, ctx.world.clock.date())
  // CloudFormation's own call: it sees the access at once, whatever Organizations is still spreading.
  ctx.world.visibleAt.delete(STACKSETS_PRINCIPAL)
  return {}
}

export const deactivateOrganizationsAccessOp: Operation = (_input, ctx) => {
  if (ctx.account !== ctx.world.managementAccountId) {
    throw validationError(
      'You must be the management account of an organization to deactivate organizations access',
    )
  }
  ctx.world.trustedAccess.delete(STACKSETS_PRINCIPAL)
  return {}
}

export const describeOrganizationsAccessOp: Operation = (input, ctx) => {
  const scope = adminScope(input, ctx)
  if (!scope.delegated && ctx.account !== ctx.world.managementAccountId) {
    throw validationError(
      'You must be the management account or delegated admin account of an organization to describe organizations access',
    )
  }
  return { Status: ctx.world.hasTrustedAccess(STACKSETS_PRINCIPAL) ? 'ENABLED' : 'DISABLED' }
}

const STACK_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/

function readAutoDeployment(value: unknown): StackSet['autoDeployment'] | undefined {
  const raw = obj(value)
  if (!raw) return undefined
  if (raw.DependsOn !== undefined && strList(raw, 'DependsOn').length > 0) {
    // DependsOn only orders auto-deployments between stack sets; the sandbox accepts and records nothing more.
  }
  return {
    enabled: bool(raw.Enabled) ?? false,
    retainStacksOnAccountRemoval: bool(raw.RetainStacksOnAccountRemoval) ?? false,
  }
}

function rejectTransform(permissionModel: PermissionModel, template: { Transform?: unknown }): void {
  if (permissionModel === 'SERVICE_MANAGED' && template.Transform !== undefined) {
    throw validationError(
      'StackSets with SERVICE_MANAGED permission model do not support templates with transforms or macros',
    )
  }
}

export const createStackSetOp: Operation = (input, ctx) => {
  const scope = adminScope(input, ctx)
  const name = requiredStr(input, 'StackSetName')
  if (!STACK_SET_NAME.test(name) || name.length > 128) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'stackSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
    )
  }
  if (str(input, 'TemplateURL'))
    throw validationError('TemplateURL is not supported by the sandbox (no S3); pass TemplateBody')
  const permissionModel =
    enumValue(
      str(input, 'PermissionModel'),
      ['SERVICE_MANAGED', 'SELF_MANAGED'] as const,
      'permissionModel',
    ) ?? 'SELF_MANAGED'
  const autoDeployment = readAutoDeployment(input.AutoDeployment)
  if (permissionModel === 'SERVICE_MANAGED') {
    checkServiceManagedAccess(scope, ctx)
    if (!autoDeployment)
      throw validationError(
        'AutoDeployment must be specified for stack sets with SERVICE_MANAGED permission model',
      )
  } else {
    if (scope.delegated)
      throw validationError(
        'StackSets with SELF_MANAGED permission model cannot be created as DELEGATED_ADMIN',
      )
    if (autoDeployment)
      throw validationError(
        'AutoDeployment is only supported by stack sets with SERVICE_MANAGED permission model',
      )
  }
  const state = cfnState(ctx.world)
  const key = stackSetKey(scope.owner, ctx.region, name)
  if (state.stackSets.get(key)?.status === 'ACTIVE') {
    throw new SandboxError('NameAlreadyExistsException', `StackSet ${name} already exists`, 409)
  }
  const body = str(input, 'TemplateBody')
  const capabilities = strList(input, 'Capabilities')
  const checked = checkTemplate(body, parameters(input.Parameters), 'at-deployment')
  rejectTransform(permissionModel, checked.template)
  const managed = obj(input.ManagedExecution)
  const id = `${name}:${randomUUID()}`
  const description = str(input, 'Description')
  const adminRole = str(input, 'AdministrationRoleARN')
  const execRole = str(input, 'ExecutionRoleName')
  const ss: StackSet = {
    key,
    name,
    id,
    arn: `arn:aws:cloudformation:${ctx.region}:${scope.owner}:stackset/${id}`,
    owner: scope.owner,
    region: ctx.region,
    status: 'ACTIVE',
    ...(description !== undefined ? { description } : {}),
    templateBody: body ?? '',
    template: checked.template,
    parameters: checked.parameters.values,
    capabilities,
    tags: tags(input.Tags),
    permissionModel,
    ...(autoDeployment ? { autoDeployment } : {}),
    ...(permissionModel === 'SELF_MANAGED'
      ? {
          administrationRoleArn:
            adminRole ?? `arn:aws:iam::${scope.owner}:role/AWSCloudFormationStackSetAdministrationRole`,
          executionRoleName: execRole ?? 'AWSCloudFormationStackSetExecutionRole',
        }
      : {}),
    managedExecution: bool(managed?.Active) ?? false,
    ous: [],
    regions: [],
    instances: new Map(),
    version: 1,
    operationIds: [],
    activeOperationIds: [],
    drift: { status: 'NOT_CHECKED', total: 0, drifted: 0, inSync: 0, inProgress: 0, failed: 0 },
  }
  state.stackSets.set(key, ss)
  return { StackSetId: id }
}

export const updateStackSetOp: Operation = (input, ctx) => {
  const scope = adminScope(input, ctx)
  const ss = getStackSet(input, ctx, scope)
  const operationId = operationIdFrom(input)
  const retried = retriedOperation(ctx.world, ss, operationId, 'UpdateStackSet', input)
  if (retried) return { OperationId: retried }
  checkCanSubmit(ctx.world, ss, operationId)
  const { preferences, given } = parsePreferences(input.OperationPreferences, ctx.world.regions)
  const usePrevious = bool(input.UsePreviousTemplate) ?? false
  if (str(input, 'TemplateURL'))
    throw validationError('TemplateURL is not supported by the sandbox (no S3); pass TemplateBody')
  const body = usePrevious ? ss.templateBody : str(input, 'TemplateBody')
  if (!usePrevious && !body)
    throw validationError('Either TemplateBody, TemplateURL or UsePreviousTemplate must be specified')
  const capabilities = input.Capabilities === undefined ? ss.capabilities : strList(input, 'Capabilities')
  const checked = checkTemplate(body, parameters(input.Parameters), 'at-deployment', ss.parameters)
  const permissionModel =
    enumValue(
      str(input, 'PermissionModel'),
      ['SERVICE_MANAGED', 'SELF_MANAGED'] as const,
      'permissionModel',
    ) ?? ss.permissionModel
  if (permissionModel !== ss.permissionModel && ss.instances.size > 0) {
    throw validationError('You cannot change the permission model of a stack set that has stack instances')
  }
  rejectTransform(permissionModel, checked.template)
  const managed = obj(input.ManagedExecution)
  const managedExecution = bool(managed?.Active)
  if (
    managedExecution !== undefined &&
    managedExecution !== ss.managedExecution &&
    ss.activeOperationIds.length > 0
  ) {
    throw validationError('ManagedExecution cannot be updated while there are running or queued operations')
  }
  const autoDeployment = readAutoDeployment(input.AutoDeployment)
  if (autoDeployment && ss.permissionModel !== 'SERVICE_MANAGED') {
    throw validationError(
      'AutoDeployment is only supported by stack sets with SERVICE_MANAGED permission model',
    )
  }
  // Targets: all instances, or the given accounts/OUs × Regions (which must have instances).
  const hasTargets = input.Accounts !== undefined || input.DeploymentTargets !== undefined
  const regions = readRegions(ctx.world, input, false)
  if (hasTargets !== regions.length > 0) {
    throw validationError('Both Accounts/DeploymentTargets and Regions must be specified, or neither')
  }
  let targets = [...ss.instances.values()].map((i) => ({
    target: { account: i.account, ...(i.ou ? { ou: i.ou } : {}) },
    region: i.region,
  }))
  if (hasTargets) {
    const wanted = resolveTargets(ctx.world, ss, input)
    targets = wanted
      .flatMap((t) => regions.map((region) => ({ target: t, region })))
      .filter((t) => ss.instances.has(instanceKey(t.target.account, t.region)))
  }
  targets = targets.filter(
    (t) => ss.instances.get(instanceKey(t.target.account, t.region))?.status !== 'INOPERABLE',
  )
  // Apply the new definition.
  ss.templateBody = body ?? ss.templateBody
  ss.template = checked.template
  ss.parameters = checked.parameters.values
  ss.capabilities = capabilities
  if (input.Tags !== undefined) ss.tags = tags(input.Tags)
  const description = str(input, 'Description')
  if (description !== undefined) ss.description = description
  if (autoDeployment) ss.autoDeployment = autoDeployment
  if (managedExecution !== undefined) ss.managedExecution = managedExecution
  ss.version += 1
  // Instances not in this operation now run an older definition.
  for (const instance of ss.instances.values())
    if (instance.status === 'CURRENT' && instance.version < ss.version) instance.status = 'OUTDATED'
  const op = submit(ctx.world, ss, {
    action: 'UPDATE',
    targets,
    preferences,
    preferencesGiven: given,
    ...(operationId ? { operationId } : {}),
  })
  return { OperationId: op.id }
}

export const deleteStackSetOp: Operation = (input, ctx) => {
  const scope = adminScope(input, ctx)
  const ss = getStackSet(input, ctx, scope)
  if (ss.activeOperationIds.length > 0) {
    throw new SandboxError(
      'OperationInProgressException',
      `Another Operation on StackSet ${ss.arn} is in progress`,
      409,
    )
  }
  if (ss.instances.size > 0) {
    throw new SandboxError(
      'StackSetNotEmptyException',
      `StackSet ${ss.name} cannot be deleted because it still has stack instances`,
      409,
    )
  }
  ss.status = 'DELETED'
  // The name is free again; the deleted stack set stays listable with Status=DELETED.
  const state = cfnState(ctx.world)
  state.stackSets.delete(ss.key)
  state.stackSets.set(`${ss.key}|deleted|${ss.id}`, ss)
  return {}
}

export function describeStackSet(ss: StackSet): Record<string, unknown> {
  return {
    StackSetName: ss.name,
    StackSetId: ss.id,
    ...(ss.description !== undefined ? { Description: ss.description } : {}),
    Status: ss.status,
    TemplateBody: ss.templateBody,
    Parameters: Object.entries(ss.parameters).map(([ParameterKey, value]) => ({
      ParameterKey,
      ParameterValue: isNoEcho(ss.template, ParameterKey) ? '****' : value,
    })),
    Capabilities: ss.capabilities,
    Tags: ss.tags,
    StackSetARN: ss.arn,
    ...(ss.administrationRoleArn ? { AdministrationRoleARN: ss.administrationRoleArn } : {}),
    ...(ss.executionRoleName ? { ExecutionRoleName: ss.executionRoleName } : {}),
    StackSetDriftDetectionDetails: driftDetails(ss),
    ...(ss.autoDeployment
      ? {
          AutoDeployment: {
            Enabled: ss.autoDeployment.enabled,
            RetainStacksOnAccountRemoval: ss.autoDeployment.retainStacksOnAccountRemoval,
          },
        }
      : {}),
    PermissionModel: ss.permissionModel,
    ...(ss.permissionModel === 'SERVICE_MANAGED' ? { OrganizationalUnitIds: ss.ous } : {}),
    ManagedExecution: { Active: ss.managedExecution },
    Regions: ss.regions,
  }
}

export function driftDetails(ss: StackSet): Record<string, unknown> {
  const d = ss.drift
  return {
    DriftStatus: d.status,
    ...(d.detectionStatus ? { DriftDetectionStatus: d.detectionStatus } : {}),
    ...(d.lastCheck !== undefined ? { LastDriftCheckTimestamp: new Date(d.lastCheck) } : {}),
    TotalStackInstancesCount: d.total,
    DriftedStackInstancesCount: d.drifted,
    InSyncStackInstancesCount: d.inSync,
    InProgressStackInstancesCount: d.inProgress,
    FailedStackInstancesCount: d.failed,
  }
}

export const describeStackSetOp: Operation = (input, ctx) => ({
  StackSet: describeStackSet(getStackSet(input, ctx)),
})

export const listStackSetsOp: Operation = (input, ctx: CallContext) => {
  const scope = adminScope(input, ctx)
  const status = enumValue(str(input, 'Status'), ['ACTIVE', 'DELETED'] as const, 'status')
  const all = [...cfnState(ctx.world).stackSets.values()].filter(
    (ss) =>
      ss.owner === scope.owner &&
      ss.region === ctx.region &&
      (!status || ss.status === status) &&
      (!scope.delegated || ss.permissionModel === 'SERVICE_MANAGED'),
  )
  const { items, nextToken } = page(all, input, ctx, `StackSets:${scope.owner}`, 100)
  return {
    Summaries: items.map((ss) => ({
      StackSetName: ss.name,
      StackSetId: ss.id,
      ...(ss.description !== undefined ? { Description: ss.description } : {}),
      Status: ss.status,
      ...(ss.autoDeployment
        ? {
            AutoDeployment: {
              Enabled: ss.autoDeployment.enabled,
              RetainStacksOnAccountRemoval: ss.autoDeployment.retainStacksOnAccountRemoval,
            },
          }
        : {}),
      PermissionModel: ss.permissionModel,
      DriftStatus: ss.drift.status,
      ...(ss.drift.lastCheck !== undefined ? { LastDriftCheckTimestamp: new Date(ss.drift.lastCheck) } : {}),
      ManagedExecution: { Active: ss.managedExecution },
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  }
}
