// What the access-analyzer module reads and plans: the tool's two analyzers (fixed names, in the delegated
// administrator), their archive rules, and the administrator's registration. Filters are kept in one
// canonical shape (sorted keys, sorted operators) so plan, re-check and tests compare plain objects.
export const SERVICE_PRINCIPAL = 'access-analyzer.amazonaws.com'
export const MODULE = 'access-analyzer'

export type AnalyzerKind = 'external' | 'unusedAccess'

export const ANALYZERS: Record<AnalyzerKind, { name: string; type: string }> = {
  external: { name: 'org-baseline-external-access', type: 'ORGANIZATION' },
  unusedAccess: { name: 'org-baseline-unused-access', type: 'ORGANIZATION_UNUSED_ACCESS' },
}

export interface Criterion {
  eq?: string[]
  neq?: string[]
  contains?: string[]
  exists?: boolean
}
export type Filter = Record<string, Criterion>

export interface AnalyzerState {
  name: string
  type: string
  /** Unused-access analyzers only. */
  unusedAccessAge?: number
}

export interface ObservedAnalyzer extends AnalyzerState {
  status: string
  statusReason?: string
  /** Rule name → filter (canonical). */
  rules: Record<string, Filter>
}

export interface RegionObserved {
  region: string
  /** False when the administrator has not enabled this opt-in region: nothing is read or planned there. */
  regionEnabled: boolean
  /** The tool's analyzers found in the administrator account here, by kind. */
  analyzers: Partial<Record<AnalyzerKind, ObservedAnalyzer>>
}

export interface AccessAnalyzerObserved {
  /** Accounts registered as delegated administrator for access-analyzer.amazonaws.com. */
  registered: string[]
  regions: RegionObserved[]
}

export const analyzerAddress = (kind: AnalyzerKind, region: string) =>
  `access-analyzer.${kind === 'external' ? 'external' : 'unused-access'}[${region}]`
export const archiveRuleAddress = (kind: AnalyzerKind, region: string, rule: string) =>
  `access-analyzer.archive-rule[${region}/${ANALYZERS[kind].name}/${rule}]`
export const deregistrationAddress = (account: string) =>
  `access-analyzer.delegated-admin[${SERVICE_PRINCIPAL}→${account}]`

/** A filter as compared: keys and operators sorted, value lists sorted. */
export function canonicalFilter(filter: Record<string, unknown>): Filter {
  const out: Filter = {}
  for (const key of Object.keys(filter).sort()) {
    const c = (filter[key] ?? {}) as Criterion
    const criterion: Criterion = {}
    for (const op of ['contains', 'eq', 'exists', 'neq'] as const) {
      const v = c[op]
      if (v === undefined || v === null) continue
      if (op === 'exists') criterion.exists = Boolean(v)
      else criterion[op] = [...(v as string[])].sort()
    }
    out[key] = criterion
  }
  return out
}
