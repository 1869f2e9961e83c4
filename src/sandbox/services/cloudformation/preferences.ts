// StackSetOperationPreferences: validated and normalised, and the per-Region concurrency and failure
// tolerance they imply (aws-facts §8: counts or percentages, percentages round down, MaxConcurrent at least
// 1, STRICT mode caps concurrency at FailureTolerance+1 and lowers it as failures occur; SOFT does not).
import { enumValue, int, list, obj, rangeCheck, validationError } from './input.ts'
import type { Preferences } from './stack-set-model.ts'

export const DEFAULT_PREFERENCES: Preferences = {
  regionConcurrency: 'SEQUENTIAL',
  regionOrder: [],
  concurrencyMode: 'STRICT_FAILURE_TOLERANCE',
}

/** Auto-deployments ignore OperationPreferences; the sandbox runs them fully parallel and never fails the operation on tolerance. */
export const AUTO_DEPLOY_PREFERENCES: Preferences = {
  regionConcurrency: 'PARALLEL',
  regionOrder: [],
  maxConcurrentPercentage: 100,
  failureTolerancePercentage: 100,
  concurrencyMode: 'SOFT_FAILURE_TOLERANCE',
}

export function parsePreferences(
  value: unknown,
  knownRegions: string[],
): { preferences: Preferences; given: boolean } {
  const raw = obj(value)
  if (!raw) return { preferences: { ...DEFAULT_PREFERENCES }, given: false }
  const regionConcurrency =
    enumValue(
      raw.RegionConcurrencyType as string | undefined,
      ['SEQUENTIAL', 'PARALLEL'] as const,
      'operationPreferences.regionConcurrencyType',
    ) ?? 'SEQUENTIAL'
  const concurrencyMode =
    enumValue(
      raw.ConcurrencyMode as string | undefined,
      ['STRICT_FAILURE_TOLERANCE', 'SOFT_FAILURE_TOLERANCE'] as const,
      'operationPreferences.concurrencyMode',
    ) ?? 'STRICT_FAILURE_TOLERANCE'
  const ftc = int(raw.FailureToleranceCount, 'failureToleranceCount')
  const ftp = int(raw.FailureTolerancePercentage, 'failureTolerancePercentage')
  const mcc = int(raw.MaxConcurrentCount, 'maxConcurrentCount')
  const mcp = int(raw.MaxConcurrentPercentage, 'maxConcurrentPercentage')
  rangeCheck(ftc, 0, Number.MAX_SAFE_INTEGER, 'operationPreferences.failureToleranceCount')
  rangeCheck(ftp, 0, 100, 'operationPreferences.failureTolerancePercentage')
  rangeCheck(mcc, 1, Number.MAX_SAFE_INTEGER, 'operationPreferences.maxConcurrentCount')
  rangeCheck(mcp, 1, 100, 'operationPreferences.maxConcurrentPercentage')
  if (ftc !== undefined && ftp !== undefined) {
    throw validationError(
      'You can specify either FailureToleranceCount or FailureTolerancePercentage, but not both',
    )
  }
  if (mcc !== undefined && mcp !== undefined) {
    throw validationError(
      'You can specify either MaxConcurrentCount or MaxConcurrentPercentage, but not both',
    )
  }
  const regionOrder = list(raw.RegionOrder).map(String)
  for (const r of regionOrder) {
    if (!knownRegions.includes(r)) throw validationError(`Invalid region ${r} in RegionOrder`)
  }
  return {
    preferences: {
      regionConcurrency,
      regionOrder,
      concurrencyMode,
      ...(ftc !== undefined ? { failureToleranceCount: ftc } : {}),
      ...(ftp !== undefined ? { failureTolerancePercentage: ftp } : {}),
      ...(mcc !== undefined ? { maxConcurrentCount: mcc } : {}),
      ...(mcp !== undefined ? { maxConcurrentPercentage: mcp } : {}),
    },
    given: true,
  }
}

/** Failures a Region tolerates before it is marked FAILED (percentages of its accounts, rounded down). */
export function failureTolerance(p: Preferences, accountsInRegion: number): number {
  if (p.failureToleranceCount !== undefined) return p.failureToleranceCount
  if (p.failureTolerancePercentage !== undefined)
    return Math.floor((p.failureTolerancePercentage * accountsInRegion) / 100)
  return 0
}

/** How many accounts of a Region run at once, given the failures so far. */
export function concurrency(p: Preferences, accountsInRegion: number, failures: number): number {
  let max = 1
  if (p.maxConcurrentCount !== undefined) max = p.maxConcurrentCount
  else if (p.maxConcurrentPercentage !== undefined) {
    max = Math.max(1, Math.floor((p.maxConcurrentPercentage * accountsInRegion) / 100))
  }
  if (p.concurrencyMode === 'SOFT_FAILURE_TOLERANCE') return max
  const tolerance = failureTolerance(p, accountsInRegion)
  return Math.max(1, Math.min(max, tolerance + 1 - failures))
}

/** Regions in the order the operation visits them: RegionOrder first, then the request's order. */
export function orderRegions(p: Preferences, regions: string[]): string[] {
  const first = p.regionOrder.filter((r) => regions.includes(r))
  return [...first, ...regions.filter((r) => !first.includes(r))]
}

export function preferencesOutput(p: Preferences): Record<string, unknown> {
  return {
    RegionConcurrencyType: p.regionConcurrency,
    ...(p.regionOrder.length > 0 ? { RegionOrder: p.regionOrder } : {}),
    ...(p.failureToleranceCount !== undefined ? { FailureToleranceCount: p.failureToleranceCount } : {}),
    ...(p.failureTolerancePercentage !== undefined
      ? { FailureTolerancePercentage: p.failureTolerancePercentage }
      : {}),
    ...(p.maxConcurrentCount !== undefined ? { MaxConcurrentCount: p.maxConcurrentCount } : {}),
    ...(p.maxConcurrentPercentage !== undefined
      ? { MaxConcurrentPercentage: p.maxConcurrentPercentage }
      : {}),
    ConcurrencyMode: p.concurrencyMode,
  }
}
