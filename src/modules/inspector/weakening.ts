// Which Inspector changes turn scanning off or narrower (issue 11, item 5): a scan type whose organization
// auto-enable goes from on to off, scan types turned off for existing accounts, and the administrator removed.
import type { InspectorScanType } from '../../config/schema.ts'
import type { AutoEnableState } from './observed.ts'

export function autoEnableWeakens(before: AutoEnableState | null, after: AutoEnableState): string[] {
  if (!before) return []
  return (Object.keys(before) as InspectorScanType[])
    .filter((t) => before[t] === true && after[t] !== true)
    .sort()
    .map((t) => `stops enabling ${t} scanning for accounts that join the organization (auto-enable on → off)`)
}

export const membersWeaken = (off: readonly InspectorScanType[]): string[] =>
  off.length > 0 ? [`turns ${off.join(', ')} scanning off in existing accounts where it is on`] : []
