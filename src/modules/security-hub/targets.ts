// Which regions and organization targets the Security Hub settings reach.
import type { Desired } from '../../engine/desired.ts'
import { PlanRefusal } from '../../engine/planner.ts'
import { ROOT_PATH } from '../organization/snapshot.ts'

export interface PolicyTarget {
  id: string
  kind: 'root' | 'ou'
  /** `Root` or the OU path, as the config writes it. */
  label: string
}

/** Central configuration is administered from the aggregation region alone (aws-facts §4); local
 * configuration is set region by region, in every target region. */
export function relevantRegions(desired: Desired): string[] {
  const settings = desired.config.securityHub
  return settings.configuration === 'central' ? [settings.aggregationRegion] : desired.regions
}

export function policyTargets(desired: Desired): PolicyTarget[] {
  return desired.config.securityHub.policyTargets.map((spec) => {
    if (spec === ROOT_PATH || spec === desired.org.rootId)
      return { id: desired.org.rootId, kind: 'root', label: ROOT_PATH }
    const unit = desired.org.units.find((u) => u.path === spec || u.id === spec)
    if (!unit) {
      throw new PlanRefusal(
        `securityHub.policyTargets names "${spec}", which is not an OU of organization ${desired.org.id} — write Root or an OU path such as Workloads/Prod`,
      )
    }
    return { id: unit.id, kind: 'ou', label: unit.path }
  })
}
