// Which Security Hub updates turn protection off or narrower (issue 11, item 5): the finding aggregator
// linking fewer regions, the configuration policy turning Security Hub or a standard off, local
// configuration no longer auto-enabling members or their default standards, and central configuration
// turned off (no policy governs new accounts any more).
import { removed } from '../../engine/weakening.ts'
import type { AggregatorView } from './views.ts'

interface PolicyView {
  serviceEnabled: boolean
  standards: string[]
}

interface LocalView {
  configurationType: string
  autoEnable: boolean
  autoEnableStandards: string
}

/** Regions (other than the aggregation region) linked by `a`, or `every` for a mode that links new regions too. */
function linked(a: AggregatorView): { every: boolean; except: string[]; only: string[] } {
  switch (a.mode) {
    case 'ALL_REGIONS':
      return { every: true, except: [], only: [] }
    case 'ALL_REGIONS_EXCEPT_SPECIFIED':
      return { every: true, except: a.regions, only: [] }
    case 'SPECIFIED_REGIONS':
      return { every: false, except: [], only: a.regions }
    default:
      return { every: false, except: [], only: [] }
  }
}

export function aggregatorWeakens(before: AggregatorView | null, after: AggregatorView): string[] {
  if (!before) return []
  const b = linked(before)
  const a = linked(after)
  if (b.every && !a.every)
    return [
      `finding aggregation no longer links every region (${before.mode} → ${after.mode}${after.regions.length ? ` ${after.regions.join(', ')}` : ''}): regions left out, and regions enabled later, are not aggregated`,
    ]
  const lost = b.every
    ? removed(a.except, b.except)
    : a.every
      ? b.only.filter((r) => a.except.includes(r))
      : removed(b.only, a.only)
  return lost.length > 0 ? [`finding aggregation no longer links ${lost.join(', ')}`] : []
}

export function policyWeakens(before: PolicyView | null, after: PolicyView): string[] {
  if (!before) return []
  if (before.serviceEnabled && !after.serviceEnabled)
    return ['the configuration policy turns Security Hub off in every account it is associated with']
  const gone = before.serviceEnabled ? removed(before.standards, after.standards) : []
  return gone.length > 0
    ? [`the configuration policy disables ${gone.join(', ')} in every account it is associated with`]
    : []
}

export function localWeakens(before: LocalView | null, after: LocalView): string[] {
  if (!before) return []
  const found: string[] = []
  if (before.configurationType === 'CENTRAL' && after.configurationType !== 'CENTRAL')
    found.push('central configuration turned off: no policy governs accounts that join later')
  else {
    if (before.autoEnable && !after.autoEnable)
      found.push('new member accounts no longer get Security Hub automatically')
    if (before.autoEnableStandards === 'DEFAULT' && after.autoEnableStandards !== 'DEFAULT')
      found.push("new member accounts no longer get AWS's default standards (DEFAULT → NONE)")
  }
  return found
}
