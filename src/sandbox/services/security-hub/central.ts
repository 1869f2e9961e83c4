// Central configuration's shared facts: whether it is on (PENDING → ENABLED over simulated time), which
// regions it governs (home + linked, aws-facts §4), and which policy reaches a target (its own association,
// else the nearest ancestor's, else self-managed).
import type { World } from '../../state.ts'
import { linkedRegions } from './finding-aggregator.ts'
import { type Association, DURATIONS, SELF_MANAGED, securityHubState } from './state.ts'

export type CentralStatus = 'PENDING' | 'ENABLED'

export function centralStatus(world: World): CentralStatus | undefined {
  const central = securityHubState(world).central
  if (!central) return undefined
  return world.clock.now() < central.requestedAt + DURATIONS.centralConfigurationMs ? 'PENDING' : 'ENABLED'
}

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

export function associationSettled(world: World, association: Association): boolean {
  return world.clock.now() >= association.requestedAt + DURATIONS.associationMs
}
