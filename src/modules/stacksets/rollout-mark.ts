// A template update that went to the canary region only, told by the stack set itself. UpdateStackSet with
// Regions and DeploymentTargets updates only those instances and marks every other one OUTDATED (API
// reference, UpdateStackSet: "CloudFormation marks all stack instances with a status of OUTDATED prior to
// updating the stack instances in the specified accounts and Regions"), and ListStackInstances cannot filter
// on OUTDATED (its filters are DETAILED_STATUS, LAST_OPERATION_ID and DRIFT_STATUS). So the canary's
// UpdateStackSet also writes this mark into the stack set's Description, and the update of every instance
// that follows it writes the plain one: a run that stopped in between (the canary failed, the deadline, a
// signal) leaves the mark, DescribeStackSet shows it at no extra call, and the next plan updates again.
import type { TemplateName } from './catalogue.ts'

const MARK = ' — update in progress: canary region'

/** The stack set's Description; with `canary`, the mark of an update that has reached that region only. */
export const stackSetDescription = (template: TemplateName, canary?: string): string =>
  `org-baseline ${template} (managed by org-baseline)${canary ? `${MARK} ${canary} first, the other regions pending` : ''}`

/** The canary region named by the mark, or undefined when no update is unfinished. */
export function pendingRollout(description: string | undefined): string | undefined {
  const at = description?.indexOf(MARK) ?? -1
  if (!description || at < 0) return undefined
  return (
    description
      .slice(at + MARK.length)
      .trim()
      .split(' ')[0] || undefined
  )
}
