// Which policy reaches which target: StartConfigurationPolicyAssociation, StartConfigurationPolicyDisassociation,
// ListConfigurationPolicyAssociations, GetConfigurationPolicyAssociation. Only explicit (APPLIED) associations
// are stored; what every account inherits is computed when listed.
import type { World } from '../../state.ts'
import type { CallContext, RestRequest } from '../service.ts'
import { associationStatus, effectivePolicy } from './central.ts'
import { findPolicy, requireCentralAdministrator } from './configuration-policies.ts'
import { invalidInput, notFound } from './errors.ts'
import { pageOf } from './paging.ts'
import { type Association, SELF_MANAGED, securityHubState, type TargetType } from './state.ts'

interface Target {
  id: string
  type: TargetType
}

function readTarget(world: World, value: unknown): Target {
  const t = (value ?? {}) as Record<string, unknown>
  const given = (['AccountId', 'OrganizationalUnitId', 'RootId'] as const).filter((k) => t[k] !== undefined)
  if (given.length !== 1)
    throw invalidInput('Target must specify exactly one of AccountId, OrganizationalUnitId or RootId')
  const key = given[0] as 'AccountId' | 'OrganizationalUnitId' | 'RootId'
  const id = String(t[key])
  if (key === 'AccountId') {
    if (!world.accounts.has(id)) throw invalidInput(`Account ${id} is not a member of the organization`)
    return { id, type: 'ACCOUNT' }
  }
  if (key === 'OrganizationalUnitId') {
    if (!world.ous.has(id)) {
      // The operation's model lists ResourceNotFoundException, not Organizations' OU error (crafted message).
      throw notFound(`Organizational unit ${id} not found`)
    }
    return { id, type: 'ORGANIZATIONAL_UNIT' }
  }
  if (id !== world.rootId) throw invalidInput(`Root ${id} not found`)
  return { id, type: 'ROOT' }
}

function targetTypeOf(world: World, id: string): TargetType {
  if (id === world.rootId) return 'ROOT'
  return world.ous.has(id) ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT'
}

function policyIdOf(ctx: CallContext, identifier: unknown): string {
  if (identifier === SELF_MANAGED) return SELF_MANAGED
  if (typeof identifier !== 'string' || identifier === '')
    throw invalidInput('ConfigurationPolicyIdentifier is required')
  return findPolicy(ctx, identifier).id
}

function summary(world: World, targetId: string) {
  const effective = effectivePolicy(world, targetId)
  const a = effective.association
  return {
    ConfigurationPolicyId: effective.policyId,
    TargetId: targetId,
    TargetType: targetTypeOf(world, targetId),
    AssociationType: effective.associationType,
    UpdatedAt: a ? new Date(a.requestedAt).toISOString() : undefined,
    AssociationStatus: a ? associationStatus(world, a) : 'SUCCESS',
    ...(a?.failure ? { AssociationStatusMessage: a.failure } : {}),
  }
}

export function startConfigurationPolicyAssociation(req: RestRequest, ctx: CallContext) {
  requireCentralAdministrator(ctx)
  const policyId = policyIdOf(ctx, req.body.ConfigurationPolicyIdentifier)
  const target = readTarget(ctx.world, req.body.Target)
  const association: Association = {
    targetId: target.id,
    targetType: target.type,
    policyId,
    requestedAt: ctx.world.clock.now(),
  }
  securityHubState(ctx.world).associations.set(target.id, association)
  return summary(ctx.world, target.id)
}

export function startConfigurationPolicyDisassociation(req: RestRequest, ctx: CallContext) {
  requireCentralAdministrator(ctx)
  const policyId = policyIdOf(ctx, req.body.ConfigurationPolicyIdentifier)
  const target = readTarget(ctx.world, req.body.Target)
  const associations = securityHubState(ctx.world).associations
  const current = associations.get(target.id)
  if (!current || current.policyId !== policyId) {
    throw notFound(`Configuration policy ${policyId} is not associated with ${target.id}`)
  }
  associations.delete(target.id)
  return {}
}

export function getConfigurationPolicyAssociation(req: RestRequest, ctx: CallContext) {
  requireCentralAdministrator(ctx)
  const target = readTarget(ctx.world, req.body.Target)
  return summary(ctx.world, target.id)
}

export function listConfigurationPolicyAssociations(req: RestRequest, ctx: CallContext) {
  requireCentralAdministrator(ctx)
  const { world } = ctx
  const filters = (req.body.Filters ?? {}) as Record<string, unknown>
  const targets = [world.rootId, ...[...world.ous.keys()].sort(), ...[...world.accounts.keys()].sort()]
  const all = targets
    .map((id) => summary(world, id))
    .filter(
      (s) =>
        (filters.ConfigurationPolicyId === undefined ||
          s.ConfigurationPolicyId === filters.ConfigurationPolicyId) &&
        (filters.AssociationType === undefined || s.AssociationType === filters.AssociationType) &&
        (filters.AssociationStatus === undefined || s.AssociationStatus === filters.AssociationStatus),
    )
  const page = pageOf(all, req.body.MaxResults, req.body.NextToken, ctx, { max: 100, default: 100 })
  return { ConfigurationPolicyAssociationSummaries: page.items, NextToken: page.nextToken }
}
