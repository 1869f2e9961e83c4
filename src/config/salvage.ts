// When the schema rejects some values, the cross-field and file checks can still judge the rest: drop
// what failed, let defaults fill in, and run only the rules that read nothing that was dropped. This is
// how one run reports every problem, not just the first layer of them.
import type { z } from 'zod'
import type { TrustPredicate } from './checks.ts'
import { closest } from './messages.ts'
import type { ConfigPath } from './source-map.ts'
import { keysAt } from './zod-issues.ts'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parentOf(data: unknown, path: readonly PropertyKey[]): Record<string, unknown> | undefined {
  let node = data
  for (const segment of path) {
    if (isRecord(node)) node = node[String(segment)]
    else if (Array.isArray(node) && typeof segment === 'number') node = node[segment]
    else return undefined
  }
  return isRecord(node) ? node : undefined
}

/** Cuts a path at its first list index: a bad list item drops the whole list, so indices stay honest. */
function untilFirstIndex(path: readonly PropertyKey[]): PropertyKey[] {
  const index = path.findIndex((segment) => typeof segment === 'number')
  return index < 0 ? [...path] : path.slice(0, index)
}

export interface Salvaged {
  data: unknown
  trusted: TrustPredicate
}

/** Removes the values the issues point at from a deep copy of `data`; undefined when nothing can be saved. */
export function salvage(
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
  schema: z.core.$ZodType,
): Salvaged | undefined {
  const copy: unknown = structuredClone(data)
  const dropped: ConfigPath[] = []
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      // A misspelt key means the key it was meant to be is missing: distrust that one (or, with no
      // likely candidate, the whole mapping).
      const parent = parentOf(copy, issue.path)
      const base = untilFirstIndex(issue.path).map(String)
      const known = keysAt(schema, issue.path)
      for (const key of issue.keys) {
        if (parent) delete parent[key]
        const meant = base.length < issue.path.length ? undefined : closest(key, known)
        dropped.push(meant ? [...base, meant] : base)
      }
      continue
    }
    const path = untilFirstIndex(issue.path)
    const key = path.at(-1)
    if (key === undefined) return undefined
    const parent = parentOf(copy, path.slice(0, -1))
    if (!parent) return undefined
    delete parent[String(key)]
    dropped.push(path.map(String))
  }
  const related = (a: ConfigPath, b: ConfigPath) => {
    const length = Math.min(a.length, b.length)
    return a.slice(0, length).every((segment, i) => String(segment) === String(b[i]))
  }
  return {
    data: copy,
    trusted: (reads) => !reads.some((read) => dropped.some((gone) => related(read, gone))),
  }
}
