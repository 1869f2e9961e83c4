// The accounts whose existing scan types the tool makes match the config: every active account of the
// organization (the management account and the administrator included) except the excluded ones.
// Organization auto-enable has no exclusions: it still reaches excluded accounts that join later.
import type { Desired } from '../../engine/desired.ts'

export function targetAccounts(desired: Desired): string[] {
  const excludedIds = new Set(desired.excludedAccounts.map((a) => a.id))
  const excludedPaths = desired.excludedOus.map((o) => o.label)
  return desired.org.accounts
    .filter(
      (a) =>
        a.status === 'ACTIVE' &&
        !excludedIds.has(a.id) &&
        !excludedPaths.some((path) => a.path === path || a.path.startsWith(`${path}/`)),
    )
    .map((a) => a.id)
    .sort()
}

/**
 * The one region whose accounts are read one by one (100 per call) on every plan: the home region when it is
 * targeted, else the first target region. Reading every region per account would cost accounts/100 calls in
 * each of them; the other regions are verified through their organization auto-enable (observe.ts).
 */
export function checkRegion(desired: Desired): string | undefined {
  const home = desired.config.homeRegion
  return desired.regions.includes(home) ? home : desired.regions[0]
}
