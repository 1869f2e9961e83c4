// Turning a protection off or narrower is destructive (issue 11): such an update is held back without
// --allow-destroy, shown in red, and says in words what it weakens. Modules decide what weakens; these
// helpers keep the wording and the ordering of levels alike everywhere.

/** A key whose level falls, with both levels. */
export interface Lowered {
  key: string
  from: string
  to: string
}

/**
 * Keys whose level is lower after than before, `levels` ordered from weakest to strongest. A key missing
 * after counts as the weakest level (unlisted means off); a level not in `levels` is never compared.
 */
export function lowered(
  before: Record<string, string> | undefined | null,
  after: Record<string, string> | undefined | null,
  levels: readonly string[],
): Lowered[] {
  const weakest = levels[0] ?? ''
  const found: Lowered[] = []
  for (const [key, from] of Object.entries(before ?? {})) {
    const to = after?.[key] ?? weakest
    const a = levels.indexOf(from)
    const b = levels.indexOf(to)
    if (a >= 0 && b >= 0 && b < a) found.push({ key, from, to })
  }
  return found.sort((x, y) => x.key.localeCompare(y.key))
}

/** Members of `before` that `after` no longer has. */
export const removed = <T>(before: readonly T[], after: readonly T[]) =>
  before.filter((x) => !after.includes(x))

/** The destructive flag and its explanation, to spread into a Change. */
export function weakening(weakens: string[]): { destructive: boolean; weakens?: string[] } {
  return weakens.length > 0 ? { destructive: true, weakens } : { destructive: false }
}
