// Entries of one module that are the same change but for a name — trusted access for nine services, three
// SCPs created — read as one entry naming them: `+ scp.policy[{name}]  (3 names: a, b, c)`. A fold keeps
// every group (so every change) it stands for. Only plain entries fold: destructive, drift and weakening
// entries, and entries whose value differs from place to place, stay on their own, shown in full.
import type { Change } from '../change.ts'
import { type Entry, entryOf, groupPlan, groupSymbol, mustShow } from './entry.ts'
import type { ChangeGroup, Variant } from './group.ts'
import { describePlaces, type PlaceOptions } from './places.ts'

export const NAME = '{name}'

export interface NameFold {
  module: string
  action: ChangeGroup['action']
  /** The address with `{name}` where the groups' names were. */
  address: string
  /** In plan order, one per group. */
  names: string[]
  groups: ChangeGroup[]
  /** The shared reason with `{name}`; when the reasons differ after the name, their shared beginning. */
  reason: string
  /** The reasons differ beyond `reason`: each one is in --detail. */
  abridged: boolean
  /** Each group's value lines with its name generalized, in the order of `names`. */
  bodies: string[][]
  /** The same as they are, for a fold whose values differ by name. */
  values: string[][]
}

export type PlanEntry = ChangeGroup | NameFold

export const isFold = (entry: PlanEntry): entry is NameFold => 'names' in entry

/** Every change an entry stands for. */
export const changesOf = (entry: PlanEntry) =>
  isFold(entry) ? entry.groups.flatMap((g) => g.changes) : entry.changes

/** `prefix[name…]`: the name is the bracket's first part, before `→`, `@` or `:`. */
const ADDRESS = /^([^[]+)\[([^\]→@:]+)(.*)\]$/

/** The address with its name generalized, and the name; none when the address holds no name of its own. */
function nameOf(group: ChangeGroup): { key: string; name: string } | undefined {
  const match = ADDRESS.exec(group.address)
  if (!match) return undefined
  const [, prefix, name = '', rest] = match
  // A placeholder or the change's own account / region is a place, not a name.
  if (name.includes('{') || group.changes.some((c) => c.account === name || c.region === name)) return
  return { key: `${prefix}[${NAME}${rest}]`, name }
}

/**
 * Writes `name` as `{name}` where it stands as a word of its own ("org-baseline-{name}", not "b{name}seline"),
 * in each text given: one pattern for all of a value's lines, tried only on lines that hold the name.
 */
function namer(name: string): (text: string) => string {
  const word = new RegExp(
    `(?<![A-Za-z0-9])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`,
    'g',
  )
  return (text) => (text.includes(name) ? text.replace(word, NAME) : text)
}

/** Where a group acts, exactly: groups fold only when they act in the same places. */
const placesKey = (group: ChangeGroup) =>
  JSON.stringify([...new Set(group.changes.map((c) => `${c.account ?? ''}|${c.region ?? ''}`))].sort())

const foldable = (group: ChangeGroup) =>
  !mustShow(group) &&
  !group.destructive &&
  group.variants.length === 1 &&
  group.variants[0]?.weakens.length === 0

/** Clause boundaries a shortened reason may end at. */
const BOUNDARY = /(: |; |, | \(| — )/g

/**
 * The beginning the reasons share, ended at a clause boundary and naming `{name}`: "enable trusted access for
 * {name}" of "enable trusted access for {name}: why…". None when they share no such beginning.
 */
export function sharedStem(reasons: string[]): string | undefined {
  const [first = '', ...rest] = reasons
  let length = first.length
  for (const r of rest) {
    let i = 0
    while (i < length && i < r.length && r[i] === first[i]) i++
    length = i
  }
  const prefix = first.slice(0, length)
  // The last boundary every reason has at that point (a reason that is the prefix itself ends there).
  let end = -1
  for (const m of prefix.matchAll(BOUNDARY)) end = m.index
  if (reasons.every((r) => r.length === length)) end = length
  const stem = end > 0 ? prefix.slice(0, end) : ''
  return stem.includes(NAME) ? stem : undefined
}

interface Candidate {
  group: ChangeGroup
  /** The address with `{name}`. */
  key: string
  name: string
  reason: string
  body: string[]
}

function candidateOf(group: ChangeGroup): Candidate | undefined {
  const found = foldable(group) ? nameOf(group) : undefined
  if (!found) return undefined
  const variant = group.variants[0] as Variant
  const named = namer(found.name)
  return {
    group,
    key: found.key,
    name: found.name,
    reason: named(variant.reason),
    body: variant.body.map(named),
  }
}

function makeFold(address: string, members: Candidate[], reason: string, abridged: boolean): NameFold {
  const first = members[0]?.group as ChangeGroup
  return {
    module: first.module,
    action: first.action,
    address,
    names: members.map((m) => m.name),
    groups: members.map((m) => m.group),
    reason,
    abridged,
    bodies: members.map((m) => m.body),
    values: members.map((m) => (m.group.variants[0] as Variant).body),
  }
}

/**
 * Folds `groups` (of one module, in plan order) that differ only by a name. Groups whose reasons are the
 * same once the name is generalized fold as they are; creates whose reasons differ only after the name
 * ("… for {name}: why") fold with that shared beginning, the whys left to --detail. Updates fold only
 * when their diffs are the same too. A fold stands where its first group stood.
 */
export function foldNames(groups: ChangeGroup[]): PlanEntry[] {
  const kinds = new Map<string, Candidate[]>()
  for (const group of groups) {
    const c = candidateOf(group)
    if (!c) continue
    const key = JSON.stringify([group.module, group.action, c.key, placesKey(group)])
    const list = kinds.get(key)
    if (list) list.push(c)
    else kinds.set(key, [c])
  }
  // Which fold each group went into; the fold is emitted at its first group.
  const foldOf = new Map<ChangeGroup, NameFold>()
  for (const candidates of kinds.values()) {
    const address = (candidates[0] as Candidate).key
    const alike = new Map<string, Candidate[]>()
    for (const c of candidates) {
      const same = JSON.stringify([c.reason, c.group.action === 'update' ? c.body : []])
      const list = alike.get(same)
      if (list) list.push(c)
      else alike.set(same, [c])
    }
    const single: Candidate[] = []
    for (const members of alike.values()) {
      if (members.length === 1) single.push(members[0] as Candidate)
      else {
        const fold = makeFold(address, members, (members[0] as Candidate).reason, false)
        for (const m of members) foldOf.set(m.group, fold)
      }
    }
    const stem =
      single.length > 1 && single[0]?.group.action === 'create' && sharedStem(single.map((c) => c.reason))
    if (stem) {
      const fold = makeFold(address, single, stem, true)
      for (const m of single) foldOf.set(m.group, fold)
    }
  }
  const out: PlanEntry[] = []
  const emitted = new Set<NameFold>()
  for (const group of groups) {
    const fold = foldOf.get(group)
    if (!fold) out.push(group)
    else if (!emitted.has(fold)) {
      emitted.add(fold)
      out.push(fold)
    }
  }
  return out
}

/** "3 names: a, b, c": every name, none left out. */
export const namesPhrase = (fold: NameFold) => `${fold.names.length} names: ${fold.names.join(', ')}`

/** The changes of one module as the entries a reviewer reads: grouped by place, then folded by name. */
export const foldPlan = (changes: Change[]): PlanEntry[] => foldNames(groupPlan(changes))

/** Said after an abridged fold's shared reason. */
export const EACH_REASON = '--detail gives each one its own reason'

/** A plan entry as lines-to-be, for the text and markdown renderers. */
export function planEntryOf(entry: PlanEntry, options: PlaceOptions): Entry {
  if (!isFold(entry)) return entryOf(entry, options)
  const [shared, ...others] = entry.bodies
  const same = others.every((b) => JSON.stringify(b) === JSON.stringify(shared))
  return {
    symbol: groupSymbol(entry),
    address: entry.address,
    tags: [],
    // Every group of a fold acts in the same places.
    places: describePlaces(entry.groups[0]?.changes ?? [], options),
    reason: entry.abridged ? `${entry.reason}; ${EACH_REASON}` : entry.reason,
    weakens: [],
    body: same ? (shared ?? []) : [],
    differences: [],
    names: namesPhrase(entry),
    perName: same ? [] : entry.names.map((name, i) => ({ name, lines: entry.values[i] ?? [] })),
  }
}
