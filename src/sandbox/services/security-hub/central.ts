// Central configuration's shared facts: whether it is on (PENDING → ENABLED over simulated time), which
// regions it governs (home + linked, aws-facts §4), and which policy reaches a target (its own association,
// else the nearest ancestor's, else self-managed).
import type { World } from '../../state.ts'
import { linkedRegions } from './finding-aggregator.ts'
import { type Association, DURATIONS, SELF_MANAGED, securityHubState } from './state.ts'

export type CentralStatus = 'PENDING' | 'ENABLED' | 'FAILED'

export function centralStatus(world: World): CentralStatus | undefined {
  const central = securityHubState(world).central
  if (!central) return undefined
  if (world.clock.now() < central.requestedAt + DURATIONS.centralConfigurationMs) return 'PENDING'
  if (!central.settled) {
    central.settled = true
    central.failure = centralFailure(world, central.admin, central.homeRegion)
    if (central.failure) world.consistency.note('central-configuration-failed')
  }
  return central.failure ? 'FAILED' : 'ENABLED'
}

/**
 * Eventual mode only (strong mode refuses these at the request): central configuration needs the delegated
 * administrator and a finding aggregator in the home Region with linked Regions (Security Hub user guide,
 * "Start using central configuration"); missing when it settles, it goes FAILED. Messages crafted.
 */
function centralFailure(world: World, admin: string, homeRegion: string): string | undefined {
  if (!world.consistency.eventual) return undefined
  const state = securityHubState(world)
  if (state.admins.get(homeRegion)?.accountId !== admin)
    return `Account ${admin} is no longer the delegated administrator in ${homeRegion}`
  const aggregator = state.aggregators.get(admin)
  if (!aggregator || aggregator.homeRegion !== homeRegion)
    return 'Central configuration requires cross-Region aggregation with the home Region as aggregation Region'
  if (linkedRegions(world, aggregator).length === 0)
    return 'Central configuration requires a finding aggregator with at least one linked Region'
  return undefined
}

export const centralFailureMessage = (world: World) =>
  centralStatus(world) === 'FAILED' ? securityHubState(world).central?.failure : undefined

/** Home region plus linked regions of the administrator's aggregator. */
export function governedRegions(world: World): string[] {
  const state = securityHubState(world)
  const central = state.central
  if (!central) return []
  const aggregator = state.aggregators.get(central.admin)
  if (!aggregator) return [central.homeRegion]
  return [central.homeRegion, ...linkedRegions(world, aggregator)]
}

export interface EffectivePolicy {
  policyId: string
  /** The association that decides it, when one does. */
  association: Association | undefined
  associationType: 'APPLIED' | 'INHERITED'
}

export function effectivePolicy(world: World, targetId: string): EffectivePolicy {
  const associations = securityHubState(world).associations
  for (const id of [targetId, ...world.ancestors(targetId)]) {
    const association = associations.get(id)
    if (association) {
      return {
        policyId: association.policyId,
        association,
        associationType: id === targetId ? 'APPLIED' : 'INHERITED',
      }
    }
  }
  return { policyId: SELF_MANAGED, association: undefined, associationType: 'INHERITED' }
}

export type AssociationStatus = 'PENDING' | 'SUCCESS' | 'FAILED'

export function associationStatus(world: World, association: Association): AssociationStatus {
  const settlesAt = association.requestedAt + DURATIONS.associationMs
  if (world.clock.now() < settlesAt) return 'PENDING'
  if (!association.settled) {
    association.settled = true
    association.failure = associationFailure(world, association)
    if (association.failure) world.consistency.note('association-failed')
  }
  return association.failure ? 'FAILED' : 'SUCCESS'
}

/**
 * Eventual mode only: an association settles FAILED when, as it settles, central configuration is not
 * ENABLED or the target account is not ACTIVE (AssociationStatus FAILED, API reference; messages crafted).
 */
function associationFailure(world: World, association: Association): string | undefined {
  if (!world.consistency.eventual) return undefined
  if (centralStatus(world) !== 'ENABLED')
    return 'The organization does not use central configuration: the association could not be applied'
  const account = world.accounts.get(association.targetId)
  if (association.targetType === 'ACCOUNT' && account?.status !== 'ACTIVE')
    return `Account ${association.targetId} is not an active member of the organization`
  return undefined
}

export function associationSettled(world: World, association: Association): boolean {
  return associationStatus(world, association) === 'SUCCESS'
}
