// Turns zod issues into config issues: one per problem, placed on the YAML node that causes it.
import type { z } from 'zod'
import { formatPath } from './errors.ts'
import { describeValue, didYouMean } from './messages.ts'
import type { ConfigPath, SourceMap } from './source-map.ts'

type Issue = z.core.$ZodIssue
type AnySchema = z.core.$ZodType

interface Def {
  type: string
  shape?: Record<string, AnySchema>
  element?: AnySchema
  innerType?: AnySchema
  in?: AnySchema
  options?: AnySchema[]
}

function defOf(schema: AnySchema): Def {
  return schema._zod.def as unknown as Def
}

/** Looks through wrappers (defaults, optionals, pipes) to the schema that gives the value its shape. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema
  for (;;) {
    const def = defOf(current)
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined)
    if (!next) return current
    current = next
  }
}

/** The keys a strict object accepts at `path`, for "did you mean" suggestions. */
export function keysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const def = defOf(unwrap(schema))
  if (def.type === 'union') return (def.options ?? []).flatMap((option) => keysAt(option, path))
  const [head, ...rest] = path
  if (head === undefined) return def.type === 'object' ? Object.keys(def.shape ?? {}) : []
  if (def.type === 'object') {
    const child = def.shape?.[String(head)]
    return child ? keysAt(child, rest) : []
  }
  if (def.type === 'array' && def.element) return keysAt(def.element, rest)
  return []
}

interface Placed {
  path: ConfigPath
  message: string
  /** Point at the key rather than the value (unknown keys). */
  atKey?: boolean
  /** Point at the parent mapping (missing keys). */
  atParent?: boolean
}

function toConfigPath(path: readonly PropertyKey[]): ConfigPath {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)))
}

function branchSummary(branch: Issue[]): string | undefined {
  const root = branch.find((issue) => issue.path.length === 0)
  if (root?.code === 'invalid_value') return root.values.map((value) => JSON.stringify(value)).join(' or ')
  if (root?.code === 'invalid_type') return root.expected === 'array' ? 'a list' : `a ${root.expected}`
  return undefined
}

/** Picks the union branch the user evidently meant: the one that got past its type check. */
function flattenUnion(issue: Extract<Issue, { code: 'invalid_union' }>, input: unknown): Issue[] {
  const deep = issue.errors.find(
    (branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0),
  )
  if (deep) return deep.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }))
  const shapes = issue.errors.map(branchSummary).filter((shape) => shape !== undefined)
  const message = `expected ${shapes.join(' or ')}, got ${describeValue(input)}`
  return [{ ...issue, message } as Issue]
}

function place(issue: Issue, schema: AnySchema, source: SourceMap): Placed[] {
  const path = toConfigPath(issue.path)
  const input = (issue as { input?: unknown }).input
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, issue.path)
    return issue.keys.map((key) => ({
      path: [...path, key],
      atKey: true,
      message:
        `unknown key "${key}"` +
        (didYouMean(key, known) || (known.length > 0 ? ` — expected one of ${known.join(', ')}` : '')),
    }))
  }
  if (issue.code === 'invalid_union') {
    return flattenUnion(issue, input).flatMap((inner) =>
      inner.code === 'invalid_union' ? [{ path, message: inner.message }] : place(inner, schema, source),
    )
  }
  if (input === undefined && path.length > 0 && !source.has(path)) {
    return [{ path, atParent: true, message: 'required key is missing' }]
  }
  return [{ path, message: issue.message }]
}

export interface PlacedIssue {
  path: string
  line: number
  col: number
  file: string
  message: string
}

export function placeZodIssues(issues: Issue[], schema: AnySchema, source: SourceMap): PlacedIssue[] {
  // A cross-field rule on a mapping with a misspelt key (`polcy:`) only repeats the typo's consequence.
  const withUnknownKeys = new Set(
    issues.filter((issue) => issue.code === 'unrecognized_keys').map((issue) => formatPath(issue.path)),
  )
  const relevant = issues.filter(
    (issue) => issue.code !== 'custom' || !withUnknownKeys.has(formatPath(issue.path)),
  )
  return relevant.flatMap((issue) =>
    place(issue, schema, source).map((placed) => {
      const position = placed.atKey
        ? source.locateKey(placed.path)
        : placed.atParent
          ? source.locate(placed.path.slice(0, -1))
          : source.locate(placed.path)
      return { ...position, path: formatPath(placed.path), message: placed.message }
    }),
  )
}
