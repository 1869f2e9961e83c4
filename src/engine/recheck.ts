// Apply re-reads each target before writing (DESIGN.md §2). What it finds decides what happens:
// unchanged since the plan → write; already as planned → nothing to do; anything else → stop and ask
// for a new plan, because the reviewed change no longer describes what would happen.
import { isDeepStrictEqual } from 'node:util'
import { StalePlanError } from '../errors.ts'
import type { Change } from './change.ts'

export type Recheck = 'write' | 'done'

export function recheck(change: Change, current: unknown): Recheck {
  const now = current ?? null
  if (isDeepStrictEqual(now, change.after ?? null)) return 'done'
  if (isDeepStrictEqual(now, change.before ?? null)) return 'write'
  throw new StalePlanError(
    `${change.address} changed since the plan was made (now ${JSON.stringify(now)}, planned from ${JSON.stringify(change.before)}) — run plan again`,
  )
}

/**
 * A create whose API refuses to overwrite anything (it fails when the target exists) needs no read before
 * the write: the refusal is the re-check, and the module then reads once to tell "already as planned" (done)
 * from "something else is there" (stale). That halves the calls of an apply from empty.
 */
export const writesDirectly = (change: Change) => change.action === 'create' && change.before === null
