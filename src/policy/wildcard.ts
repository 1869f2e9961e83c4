// Wildcard matching for the four places IAM allows `*` and `?`:
// - Action / NotAction: whole `service:action`, case-insensitive (reference_policies_elements_action:
//   "action names are not case-sensitive"; `*` any characters, `?` one).
// - Resource / NotResource: case-sensitive; `*` and `?` work within an ARN segment (the parts between colons),
//   and "if the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the
//   colon boundaries" (reference_policies_elements_resource, "Using wildcards in resource ARNs").
// - StringLike / StringNotLike: the whole value, case-sensitive, `*` and `?` match anything.
// - ArnLike / ArnEquals: each of the six colon-delimited ARN parts is matched separately
//   (reference_policies_elements_condition_operators, "Amazon Resource Name (ARN) condition operators").
import type { PatternPiece } from './variables.ts'

export type WildcardKind = 'action' | 'resource' | 'string'

const cache = new Map<string, RegExp>()

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Compiles resolved pattern pieces to an anchored RegExp. */
export function compileWildcard(pieces: PatternPiece[], kind: WildcardKind): RegExp {
  const cacheable = pieces.length === 1 && !pieces[0]?.literal
  const key = `${kind}\u0000${pieces[0]?.text}`
  if (cacheable) {
    const hit = cache.get(key)
    if (hit) return hit
  }
  let source = ''
  for (const [index, piece] of pieces.entries()) {
    if (piece.literal) {
      source += escapeRegex(piece.text)
      continue
    }
    const text = piece.text
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string
      if (ch === '*') {
        if (kind === 'resource') {
          // Last character of a segment: the next character is a colon, or the pattern ends here.
          const next = i + 1 < text.length ? text[i + 1] : pieces[index + 1]?.text[0]
          source += next === undefined || next === ':' ? '.*' : '[^:]*'
        } else source += '.*'
      } else if (ch === '?') source += kind === 'resource' ? '[^:]' : '.'
      else source += escapeRegex(ch)
    }
  }
  const regex = new RegExp(`^${source}$`, kind === 'action' ? 'is' : 's')
  if (cacheable) {
    if (cache.size > 10000) cache.clear()
    cache.set(key, regex)
  }
  return regex
}

const plainCache: Record<WildcardKind, Map<string, RegExp>> = {
  action: new Map(),
  resource: new Map(),
  string: new Map(),
}

/** A pattern without variables against a value; patterns without wildcards compare directly (the common case). */
export function matchesWildcard(pattern: string, value: string, kind: WildcardKind): boolean {
  if (pattern === '*') return true
  if (!pattern.includes('*') && !pattern.includes('?')) {
    if (kind !== 'action') return pattern === value
    return pattern.length === value.length && pattern.toLowerCase() === value.toLowerCase()
  }
  const cache = plainCache[kind]
  let regex = cache.get(pattern)
  if (!regex) {
    regex = compileWildcard([{ text: pattern, literal: false }], kind)
    if (cache.size > 10000) cache.clear()
    cache.set(pattern, regex)
  }
  return regex.test(value)
}

const partsCache = new Map<string, readonly string[] | undefined>()

/** The six parts of an ARN (`arn:partition:service:region:account:resource`), or undefined if not an ARN. */
export function arnParts(value: string): readonly string[] | undefined {
  // The same principal and resource ARNs come back request after request (the lockout guard: thousands).
  if (partsCache.has(value)) return partsCache.get(value)
  const split = value.split(':')
  const parts =
    split.length < 6 || split[0] !== 'arn' ? undefined : [...split.slice(0, 5), split.slice(5).join(':')]
  if (partsCache.size > 10000) partsCache.clear()
  partsCache.set(value, parts)
  return parts
}

/** The six part matchers of an ARN pattern; undefined when the pattern has no six parts (matches no ARN). */
function compileArnPattern(pieces: PatternPiece[]): RegExp[] | undefined {
  // Split the pattern's non-literal text at its first five colons; resolved values stay within their part.
  const parts: PatternPiece[][] = [[]]
  for (const piece of pieces) {
    if (piece.literal) {
      parts[parts.length - 1]?.push(piece)
      continue
    }
    const segments = piece.text.split(':')
    for (const [i, segment] of segments.entries()) {
      if (i > 0) {
        if (parts.length < 6) parts.push([])
        else parts[5]?.push({ text: ':', literal: true })
      }
      if (segment) parts[parts.length - 1]?.push({ text: segment, literal: false })
    }
  }
  if (parts.length !== 6) return undefined
  return parts.map((part) => compileWildcard(part.length ? part : [{ text: '', literal: true }], 'string'))
}

const arnCache = new Map<string, RegExp[] | undefined>()

/** ArnLike / ArnEquals: a pattern of pieces against an ARN, part by part. */
export function matchesArn(pieces: PatternPiece[], value: string): boolean {
  const valueParts = arnParts(value)
  if (!valueParts) return false
  let matchers: RegExp[] | undefined
  const plain = pieces.length === 1 && !pieces[0]?.literal ? (pieces[0]?.text as string) : undefined
  if (plain !== undefined && arnCache.has(plain)) matchers = arnCache.get(plain)
  else {
    matchers = compileArnPattern(pieces)
    if (plain !== undefined) {
      if (arnCache.size > 10000) arnCache.clear()
      arnCache.set(plain, matchers)
    }
  }
  return matchers?.every((m, i) => m.test(valueParts[i] as string)) ?? false
}
