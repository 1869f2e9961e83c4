// IAM Access Analyzer's state: analyzers per account and region, each with its archive rules. Only what
// callers wrote is stored; an organization analyzer's status is computed when read (status.ts).
import type { World } from '../../state.ts'

export interface ArchiveRule {
  filter: Record<string, unknown>
  createdAt: Date
  updatedAt: Date
}

export interface Analyzer {
  name: string
  type: string
  createdAt: Date
  /** `{ unusedAccess: { unusedAccessAge } }` for unused-access analyzers, as GetAnalyzer returns it. */
  configuration?: Record<string, unknown>
  tags: Record<string, string>
  archiveRules: Map<string, ArchiveRule>
}

/** `account/region` → analyzer name → analyzer. */
export type AccessAnalyzerState = Map<string, Map<string, Analyzer>>

export function analyzersOf(world: World, account: string, region: string): Map<string, Analyzer> {
  const state = world.slice<AccessAnalyzerState>('accessanalyzer', () => new Map())
  const key = `${account}/${region}`
  let analyzers = state.get(key)
  if (!analyzers) {
    analyzers = new Map()
    state.set(key, analyzers)
  }
  return analyzers
}
