// Policy variables (`${aws:PrincipalAccount}`) in Resource and in string / ARN condition values. Source: IAM
// user guide, "IAM policy elements: Variables and tags" (reference_policies_variables): variables need
// "Version": "2012-10-17" (older versions read `${…}` literally); `${*}`, `${?}`, `${$}` stand for the literal
// characters; `${key, 'default'}` gives a default; a key absent from the request makes the element not match.
import type { ContextLookup } from './context.ts'

/** A piece of a pattern: literal text (wildcards in it are still wildcards) or a resolved value (always literal). */
export type PatternPiece = { text: string; literal: boolean }

const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' }

/**
 * Splits a pattern into pieces, resolving its variables through `lookup`; `undefined` when a variable cannot be
 * resolved (the element then matches nothing). Without `lookup` (an old-version policy) the text is taken as is.
 */
export function resolveVariables(
  pattern: string,
  lookup: ContextLookup | undefined,
): PatternPiece[] | undefined {
  if (!lookup || !pattern.includes('${')) return [{ text: pattern, literal: false }]
  const pieces: PatternPiece[] = []
  let rest = pattern
  for (;;) {
    const start = rest.indexOf('${')
    const end = start < 0 ? -1 : rest.indexOf('}', start)
    if (start < 0 || end < 0) break
    if (start > 0) pieces.push({ text: rest.slice(0, start), literal: false })
    const inner = rest.slice(start + 2, end)
    const value = resolveOne(inner, lookup)
    if (value === undefined) return undefined
    pieces.push({ text: value, literal: true })
    rest = rest.slice(end + 1)
  }
  if (rest) pieces.push({ text: rest, literal: false })
  return pieces
}

function resolveOne(inner: string, lookup: ContextLookup): string | undefined {
  const special = SPECIAL[inner.trim()]
  if (special) return special
  const [keyPart, ...defaultParts] = inner.split(',')
  const key = (keyPart ?? '').trim()
  const value = lookup(key)
  if (typeof value === 'string') return value
  if (value === undefined && defaultParts.length > 0) {
    const fallback = defaultParts.join(',').trim()
    const quoted = fallback.match(/^'(.*)'$/)
    if (quoted) return quoted[1]
  }
  // Absent, or multi-valued (a variable stands for one value): no match.
  return undefined
}
