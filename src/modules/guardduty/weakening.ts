// Which GuardDuty updates turn protection off or narrower (issue 11, item 5): a feature or runtime agent
// whose auto-enable falls (ALL → NEW → NONE) or whose status falls (ENABLED → DISABLED), and organization
// auto-enable falling. Each is described in words for the plan. Switching the EKS-only runtime kind off is
// no loss when RUNTIME_MONITORING takes over at the same level or higher: Runtime Monitoring includes EKS
// (GuardDuty user guide, "Runtime Monitoring": EKS Runtime Monitoring is part of it).
import { type Lowered, lowered } from '../../engine/weakening.ts'
import type { DetectorFeaturesState, OrgConfigState } from './observed.ts'

const AUTO_ENABLE = ['NONE', 'NEW', 'ALL'] as const
const STATUS = ['DISABLED', 'ENABLED'] as const
const RUNTIME = 'RUNTIME_MONITORING'
const EKS_RUNTIME = 'EKS_RUNTIME_MONITORING'

const AUTO_ENABLE_MEANS: Record<string, string> = {
  NEW: 'accounts already in the organization are no longer enabled automatically',
  NONE: 'no member account is enabled automatically',
}

/** The EKS-only kind going off is covered when RUNTIME_MONITORING ends at least as high. */
function coveredByRuntime(l: Lowered, after: Record<string, string>, levels: readonly string[]): boolean {
  if (l.key !== EKS_RUNTIME) return false
  return levels.indexOf(after[RUNTIME] ?? levels[0] ?? '') >= levels.indexOf(l.from)
}

export function orgConfigWeakens(before: OrgConfigState | null, after: OrgConfigState): string[] {
  if (!before) return []
  const found: string[] = []
  const [mode] = lowered({ autoEnable: before.autoEnable }, { autoEnable: after.autoEnable }, AUTO_ENABLE)
  if (mode) found.push(`organization auto-enable ${mode.from} → ${mode.to}: ${AUTO_ENABLE_MEANS[mode.to]}`)
  for (const l of lowered(before.features, after.features, AUTO_ENABLE)) {
    if (coveredByRuntime(l, after.features, AUTO_ENABLE)) continue
    found.push(
      l.to === 'NONE'
        ? `turns ${l.key} off for members (${l.from} → NONE)`
        : `narrows ${l.key} to new members (${l.from} → ${l.to})`,
    )
  }
  // Agents are weakened only while the feature stays on: turning the feature off already says it.
  if ((after.features[RUNTIME] ?? 'NONE') !== 'NONE') {
    for (const l of lowered(before.runtimeAgents, after.runtimeAgents, AUTO_ENABLE))
      found.push(
        `turns runtime agent ${l.key} ${l.to === 'NONE' ? 'off' : 'to new members only'} (${l.from} → ${l.to})`,
      )
  }
  return found
}

export function detectorWeakens(
  before: DetectorFeaturesState | null,
  after: DetectorFeaturesState,
): string[] {
  if (!before) return []
  const found: string[] = []
  for (const l of lowered(before.features, after.features, STATUS)) {
    if (coveredByRuntime(l, after.features, STATUS)) continue
    found.push(`turns ${l.key} off on the administrator's own detector`)
  }
  if ((after.features[RUNTIME] ?? 'DISABLED') !== 'DISABLED') {
    for (const l of lowered(before.runtimeAgents, after.runtimeAgents, STATUS))
      found.push(`turns runtime agent ${l.key} off on the administrator's own detector`)
  }
  return found
}
