// Changes that are the same except for their account or region become one group: a reviewer reads the
// GuardDuty change once, with the seventeen regions it applies in, instead of seventeen times. A group
// keeps every change it stands for (nothing is dropped, only folded), and its variants say where the values
// differ. Destructive and drift changes group only with their own kind, so they are never hidden.
import type { Action, Change } from '../change.ts'

export const ACCOUNT = '{account}'
export const REGION = '{region}'

export interface Variant {
  /** The changes whose reason, warnings and value are the same once account and region are generalized. */
  changes: Change[]
  reason: string
  weakens: string[]
  /** The change's value (or update diff), generalized, as the renderer made it. */
  body: string[]
}

export interface ChangeGroup {
  module: string
  action: Action
  destructive: boolean
  drift: boolean
  /** The address, with `{account}` / `{region}` where the group's changes differ. */
  address: string
  changes: Change[]
  /** Most common first; a group of identical changes has one. */
  variants: Variant[]
}

/** Replaces the change's own account / region in `text` by a placeholder. */
function generalize(text: string, change: Change, dims: { account: boolean; region: boolean }): string {
  let out = text
  if (dims.account && change.account) out = out.split(change.account).join(ACCOUNT)
  if (dims.region && change.region) out = out.split(change.region).join(REGION)
  return out
}

const BOTH = { account: true, region: true }

/**
 * Groups `changes` (in plan order; groups come in the order of their first change). `body` renders a
 * change's value lines; variants compare them after generalizing, so per-region values show where they
 * differ.
 */
export function groupChanges(changes: Change[], body: (change: Change) => string[]): ChangeGroup[] {
  const byKey = new Map<string, Change[]>()
  for (const change of changes) {
    const key = JSON.stringify([
      change.module,
      change.action,
      change.destructive,
      Boolean(change.drift),
      generalize(change.address, change, BOTH),
    ])
    const members = byKey.get(key)
    if (members) members.push(change)
    else byKey.set(key, [change])
  }
  return [...byKey.values()].flatMap((members) => {
    const group = makeGroup(members, body)
    // Nothing shared (each member its own variant): separate entries read better than one with exceptions.
    if (members.length > 1 && group.variants.length === members.length)
      return members.map((c) => makeGroup([c], body))
    return [group]
  })
}

function makeGroup(members: Change[], body: (change: Change) => string[]): ChangeGroup {
  const first = members[0] as Change
  const dims = {
    account: new Set(members.map((c) => c.account)).size > 1,
    region: new Set(members.map((c) => c.region)).size > 1,
  }
  // Rendering a value (a line diff) is the costly part: members whose data is the same once generalized
  // form one class, rendered once.
  const classes = new Map<string, Change[]>()
  for (const change of members) {
    const data = [change.reason, change.weakens, change.before, change.after, change.templateDiff]
    const key = generalize(JSON.stringify(data), change, dims)
    const found = classes.get(key)
    if (found) found.push(change)
    else classes.set(key, [change])
  }
  const rendered = [...classes.values()].map((changes) => {
    const c = changes[0] as Change
    return { changes, reason: c.reason, weakens: c.weakens ?? [], body: body(c) }
  })
  // A line the same in every member is shown as it is: a us-east-1 bucket named in every region's stack
  // must not read as {region}. Only lines that differ are generalized before comparing.
  // A representative's line naming its own account / region differs across its class: it counts once.
  const seen = new Map<string, number>()
  for (const r of rendered) {
    const c = r.changes[0] as Change
    const own = (line: string) => generalize(line, c, dims) !== line
    for (const line of new Set([r.reason, ...r.weakens, ...r.body]))
      seen.set(line, (seen.get(line) ?? 0) + (own(line) ? 1 : r.changes.length))
  }
  const variants = new Map<string, Variant>()
  for (const r of rendered) {
    const c = r.changes[0] as Change
    const g = (line: string) => (seen.get(line) === members.length ? line : generalize(line, c, dims))
    const variant = { reason: g(r.reason), weakens: r.weakens.map(g), body: r.body.map(g) }
    const key = JSON.stringify(variant)
    const found = variants.get(key)
    if (found) found.changes.push(...r.changes)
    else variants.set(key, { ...variant, changes: [...r.changes] })
  }
  return {
    module: first.module,
    action: first.action,
    destructive: first.destructive,
    drift: Boolean(first.drift),
    address: generalize(first.address, first, dims),
    changes: members,
    variants: [...variants.values()].sort((a, b) => b.changes.length - a.changes.length),
  }
}

/** The lines of `variant` that the main variant does not have: what differs there. */
export function differingLines(main: Variant, variant: Variant): string[] {
  const known = new Set([main.reason, ...main.weakens, ...main.body])
  return [variant.reason, ...variant.weakens, ...variant.body].filter((l) => !known.has(l))
}
