// Whether an event matches a rule's event pattern (EventBridge user guide, "Event patterns" and "Content
// filtering"): every field the pattern names must match; a leaf array matches when any of its values or
// filters matches the event's value (or, for an array in the event, any of its elements); nested objects
// recurse. Filters: exact values, prefix, suffix, anything-but, numeric, exists, equals-ignore-case,
// wildcard, cidr (IPv4), and `$or`.
type Json = unknown

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function wildcard(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${source}$`).test(value)
}

function ipv4(value: string): number | undefined {
  const parts = value.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined
  return parts.reduce((acc, p) => acc * 256 + p, 0)
}

function cidr(range: string, value: string): boolean {
  const [base = '', bits = '32'] = range.split('/')
  const start = ipv4(base)
  const ip = ipv4(value)
  if (start === undefined || ip === undefined) return false
  const size = 2 ** (32 - Number(bits))
  return Math.floor(ip / size) === Math.floor(start / size)
}

function numeric(conditions: Json[], value: Json): boolean {
  if (typeof value !== 'number') return false
  for (let i = 0; i + 1 < conditions.length; i += 2) {
    const op = conditions[i]
    const bound = Number(conditions[i + 1])
    const ok =
      op === '='
        ? value === bound
        : op === '<'
          ? value < bound
          : op === '<='
            ? value <= bound
            : op === '>'
              ? value > bound
              : op === '>='
                ? value >= bound
                : false
    if (!ok) return false
  }
  return true
}

function anythingBut(spec: Json, value: Json): boolean {
  if (value === undefined) return false
  if (isObject(spec)) {
    if (typeof spec.prefix === 'string') return !(typeof value === 'string' && value.startsWith(spec.prefix))
    if (typeof spec.suffix === 'string') return !(typeof value === 'string' && value.endsWith(spec.suffix))
    return true
  }
  const excluded = Array.isArray(spec) ? spec : [spec]
  return !excluded.includes(value as never)
}

/** One leaf element (a value or a filter object) against one scalar of the event (undefined = absent). */
function leafMatches(filter: Json, value: Json): boolean {
  if (!isObject(filter)) return value !== undefined && filter === value
  if ('exists' in filter) return filter.exists === (value !== undefined)
  if (value === undefined) return false
  if ('prefix' in filter) {
    const p = filter.prefix
    if (isObject(p) && typeof p['equals-ignore-case'] === 'string')
      return (
        typeof value === 'string' && value.toLowerCase().startsWith(p['equals-ignore-case'].toLowerCase())
      )
    return typeof value === 'string' && typeof p === 'string' && value.startsWith(p)
  }
  if ('suffix' in filter) {
    const s = filter.suffix
    if (isObject(s) && typeof s['equals-ignore-case'] === 'string')
      return typeof value === 'string' && value.toLowerCase().endsWith(s['equals-ignore-case'].toLowerCase())
    return typeof value === 'string' && typeof s === 'string' && value.endsWith(s)
  }
  if ('anything-but' in filter) return anythingBut(filter['anything-but'], value)
  if ('numeric' in filter) return numeric(filter.numeric as Json[], value)
  if ('equals-ignore-case' in filter)
    return (
      typeof value === 'string' && value.toLowerCase() === String(filter['equals-ignore-case']).toLowerCase()
    )
  if ('wildcard' in filter) return typeof value === 'string' && wildcard(String(filter.wildcard), value)
  if ('cidr' in filter) return typeof value === 'string' && cidr(String(filter.cidr), value)
  return false
}

function leafListMatches(filters: Json[], value: Json): boolean {
  const values = Array.isArray(value) ? (value.length > 0 ? value : [undefined]) : [value]
  return filters.some((f) => values.some((v) => leafMatches(f, v)))
}

export function matchesPattern(pattern: Json, event: Json): boolean {
  if (!isObject(pattern)) return false
  for (const [key, expected] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(expected) || !expected.some((branch) => matchesPattern(branch, event))) return false
      continue
    }
    const actual = isObject(event) ? event[key] : undefined
    if (Array.isArray(expected)) {
      if (!leafListMatches(expected, actual)) return false
    } else if (isObject(expected)) {
      const nested = Array.isArray(actual) ? actual : [actual]
      if (!nested.some((item) => matchesPattern(expected, item))) return false
    } else return false
  }
  return true
}
