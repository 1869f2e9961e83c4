// A changed CloudFormation template as a reviewer reads it: per logical id, resources added, removed,
// whose type changed, and each changed property as a JSON-pointer path (RFC 6901, relative to the
// resource's Properties) with before → after. Everything outside Resources (Parameters, Conditions,
// Outputs, …) is diffed the same way, with paths from the template's root. Pure: parsed templates in.
import { isDeepStrictEqual } from 'node:util'

export interface PropertyChange {
  path: string
  /** Absent when the value was added. */
  before?: unknown
  /** Absent when the value was removed. */
  after?: unknown
}

export interface ResourceChange {
  logicalId: string
  action: 'added' | 'removed' | 'type-changed' | 'modified'
  type: string
  /** The type before, when it changed (CloudFormation replaces the resource). */
  typeBefore?: string
  /** What changed inside a modified resource (Properties, and DependsOn/Condition/DeletionPolicy/…). */
  changes?: PropertyChange[]
}

export interface TemplateDiff {
  resources: ResourceChange[]
  /** Changes outside Resources, e.g. `/Parameters/Retention/Default`, `/Outputs/TopicArn`. */
  sections: PropertyChange[]
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const pointerKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

/**
 * Differences between two JSON values. Objects compare key by key; arrays of equal length element by
 * element; arrays whose length changed as sets, so one statement added to a policy shows as exactly that
 * statement (at its new index), not as every later statement shifted.
 */
export function valueChanges(before: unknown, after: unknown, path = ''): PropertyChange[] {
  if (isDeepStrictEqual(before, after)) return []
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    return keys.flatMap((k) => {
      const here = `${path}/${pointerKey(k)}`
      if (!(k in after)) return [{ path: here, before: before[k] }]
      if (!(k in before)) return [{ path: here, after: after[k] }]
      return valueChanges(before[k], after[k], here)
    })
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length === after.length)
      return before.flatMap((b, i) => valueChanges(b, after[i], `${path}/${i}`))
    const gone = before
      .map((b, i) => ({ b, i }))
      .filter(({ b }) => !after.some((a) => isDeepStrictEqual(a, b)))
      .map(({ b, i }) => ({ path: `${path}/${i}`, before: b }))
    const added = after
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => !before.some((b) => isDeepStrictEqual(a, b)))
      .map(({ a, i }) => ({ path: `${path}/${i}`, after: a }))
    return [...gone, ...added]
  }
  return [{ path: path || '/', before, after }]
}

const section = (template: Json, name: string): Json => {
  const value = template[name]
  return isObject(value) ? value : {}
}

function resourceChange(id: string, before: unknown, after: unknown): ResourceChange | null {
  const b = isObject(before) ? before : undefined
  const a = isObject(after) ? after : undefined
  const typeOf = (r: Json | undefined) => String(r?.Type ?? '')
  if (!b && a) return { logicalId: id, action: 'added', type: typeOf(a) }
  if (b && !a) return { logicalId: id, action: 'removed', type: typeOf(b) }
  if (!a || !b || isDeepStrictEqual(a, b)) return null
  if (typeOf(a) !== typeOf(b))
    return { logicalId: id, action: 'type-changed', type: typeOf(a), typeBefore: typeOf(b) }
  const { Properties: pb, Type: _tb, ...restBefore } = b
  const { Properties: pa, Type: _ta, ...restAfter } = a
  const changes = [
    ...valueChanges(pb ?? {}, pa ?? {}),
    // Attributes beside Properties (DependsOn, Condition, DeletionPolicy, …) as `@Attribute/…`.
    ...valueChanges(restBefore, restAfter).map((c) => ({ ...c, path: `@${c.path.slice(1)}` })),
  ]
  return { logicalId: id, action: 'modified', type: typeOf(a), changes }
}

export function diffTemplates(before: Json, after: Json): TemplateDiff {
  const rb = section(before, 'Resources')
  const ra = section(after, 'Resources')
  const ids = [...new Set([...Object.keys(rb), ...Object.keys(ra)])].sort()
  const resources = ids
    .map((id) => resourceChange(id, rb[id], ra[id]))
    .filter((r): r is ResourceChange => r !== null)
  const { Resources: _b, ...restBefore } = before
  const { Resources: _a, ...restAfter } = after
  return { resources, sections: valueChanges(restBefore, restAfter) }
}

export const isEmptyDiff = (d: TemplateDiff) => d.resources.length === 0 && d.sections.length === 0
