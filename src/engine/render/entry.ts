// One grouped entry as lines, shared by the text and markdown plans: `+ ~ - !` header, where it acts, why,
// what it weakens, its value, and where values differ from the rest of the group.
import { type Change, isDestructive } from '../change.ts'
import { type ChangeGroup, differingLines, groupChanges } from './group.ts'
import { describePlaces, type PlaceOptions } from './places.ts'
import { SYMBOL } from './style.ts'
import { compactValue, updateLines } from './value-diff.ts'

/** Terraform's `+` add, `~` change, `-` destroy; `!` marks what a change weakens, `[drift]` what moved. */
export const groupSymbol = (g: { action: Change['action'] }) => SYMBOL[g.action]

/** Destructive and drift groups name every place and show their values in full. */
export const mustShow = (g: ChangeGroup) => g.drift || isDestructive(g.changes[0] as Change)

/** The value lines of a change, `+`/`-` prefixed for a create/delete so a diff view colours them. */
export function valueLines(change: Change): string[] {
  if (change.action === 'update') return updateLines(change)
  const sign = change.action === 'create' ? '+' : '-'
  return compactValue(change.action === 'create' ? change.after : change.before).map((l) => `${sign} ${l}`)
}

export const groupPlan = (changes: Change[]) => groupChanges(changes, valueLines)

export interface Entry {
  symbol: string
  address: string
  tags: string[]
  /** Where it acts; for a group, also how many changes it stands for. */
  places: string
  reason: string
  weakens: string[]
  /** The value (or diff) shared by the group's main variant. */
  body: string[]
  /** Other variants: where, and the lines that differ there. */
  differences: { places: string; lines: string[] }[]
  /** A fold of same-kind entries (fold.ts): the names `{name}` stands for ("3 names: a, b, c"). */
  names?: string
  /** A fold whose values differ by name: each name's value lines (the shared ones are in `body`). */
  perName?: { name: string; lines: string[] }[]
}

export function entryOf(group: ChangeGroup, options: PlaceOptions): Entry {
  const full = mustShow(group)
  const [main, ...others] = group.variants
  if (!main) throw new Error(`empty group ${group.address}`)
  const where = (changes: Change[]) => describePlaces(changes, { ...options, full })
  return {
    symbol: groupSymbol(group),
    address: group.address,
    tags: [group.drift ? 'drift' : '', group.destructive ? 'destructive' : ''].filter(Boolean),
    places: where(group.changes),
    reason: main.reason,
    weakens: main.weakens,
    body: main.body,
    differences: others.map((v) => ({ places: where(v.changes), lines: differingLines(main, v) })),
  }
}
