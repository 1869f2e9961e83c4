// The order in which a stack set's regions are deployed, so that a bad template fails in one region, not in
// all of them: the canary region (the home region, when operationPreferences.canaryRegion) first, the other
// default regions only if it succeeded, then the opt-in regions (where accounts that have not enabled them
// fail by design, so with full tolerance). New instances (CreateStackInstances) and template updates
// (UpdateStackSet limited to the canary's instances, then every instance) both follow it.
import { isOptInRegion } from '../../config/regions.ts'

export interface Wave {
  regions: string[]
  optIn: boolean
}

/** CreateStackInstances in waves: canary, the other default regions, the opt-in regions (empty ones left out). */
export function instanceWaves(regions: string[], canaryRegion: string | undefined): Wave[] {
  const defaults = regions.filter((r) => !isOptInRegion(r))
  const canary = canaryRegion && defaults.includes(canaryRegion) && defaults.length > 1 ? [canaryRegion] : []
  return [
    { regions: canary, optIn: false },
    { regions: defaults.filter((r) => !canary.includes(r)), optIn: false },
    { regions: regions.filter(isOptInRegion), optIn: true },
  ].filter((wave) => wave.regions.length > 0)
}

/**
 * The region a template or parameter update goes to first, or undefined when the update goes everywhere at
 * once: no canary configured, no instances yet (no OUs), or no other default region to protect — the same
 * rule as instanceWaves.
 */
export function updateCanaryRegion(
  regions: string[],
  ous: string[],
  canaryRegion: string | undefined,
): string | undefined {
  if (!canaryRegion || ous.length === 0) return undefined
  const [first] = instanceWaves(regions, canaryRegion)
  return first?.regions.length === 1 && first.regions[0] === canaryRegion && regions.length > 1
    ? canaryRegion
    : undefined
}
