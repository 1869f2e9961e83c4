// Wording of config errors. Every message says what was found and what would be accepted, so the
// reader can fix the file without opening the docs.
import type { z } from 'zod'

/** Renders a value from the YAML the way the user wrote it (strings quoted, collections named). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'an empty value'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return JSON.stringify(value)
  return String(value)
}

/** Levenshtein distance, small inputs only (config keys and enum values). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** The candidate the user most likely meant: same letters in another case, or at most 2 edits away. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase()
  const sameLetters = candidates.find((c) => c.toLowerCase() === lower)
  if (sameLetters) return sameLetters
  let best: string | undefined
  let bestDistance = Math.min(3, Math.ceil(input.length / 2))
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

export function didYouMean(input: string, candidates: readonly string[]): string {
  const guess = closest(input, candidates)
  return guess ? ` — did you mean "${guess}"?` : ''
}

/** Message for a value that must be one of a fixed set (`noun` names what the set is, e.g. "feature"). */
export function oneOfMessage(noun: string, values: readonly string[], input: unknown): string {
  const list = values.join(', ')
  if (typeof input !== 'string') return `expected a ${noun} (one of ${list}), got ${describeValue(input)}`
  const guess = closest(input, values)
  if (guess)
    return `unknown ${noun} ${describeValue(input)} — did you mean "${guess}"? Expected one of ${list}`
  return `unknown ${noun} ${describeValue(input)} — expected one of ${list}`
}

/** Region lists are too long to print in full: suggest the nearest name instead. */
export function regionMessage(values: readonly string[], input: unknown): string {
  if (typeof input !== 'string')
    return `expected a region name such as eu-west-1, got ${describeValue(input)}`
  const guess = closest(input, values)
  if (guess) return `unknown region ${describeValue(input)} — did you mean "${guess}"?`
  return `unknown region ${describeValue(input)} — expected an AWS commercial region name such as eu-west-1`
}

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, small: boolean): string {
  const limit = Number(small ? issue.minimum : issue.maximum)
  if (issue.inclusive === false) return String(small ? limit + 1 : limit - 1)
  return String(limit)
}

/** Fallback wording for issues whose schema did not give its own message. */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeNames[issue.expected] ?? issue.expected
      if (issue.input === undefined) return 'missing required key'
      if (issue.expected === 'string' && typeof issue.input === 'number') {
        return `expected a string, got the number ${issue.input} — put it in quotes`
      }
      return `expected ${expected}, got ${describeValue(issue.input)}`
    }
    case 'too_small':
      if (issue.origin === 'array') {
        const minimum = bound(issue, true)
        return minimum === '1' ? 'must not be empty' : `must list at least ${minimum} items`
      }
      if (issue.origin === 'string') return 'must not be empty'
      return `must be at least ${bound(issue, true)}, got ${describeValue(issue.input)}`
    case 'too_big':
      if (issue.origin === 'array') return `must list at most ${bound(issue, false)} items`
      if (issue.origin === 'string') return `must be at most ${bound(issue, false)} characters long`
      return `must be at most ${bound(issue, false)}, got ${describeValue(issue.input)}`
    case 'invalid_value':
      return oneOfMessage('value', issue.values.map(String), issue.input)
    case 'invalid_format':
      if (issue.format === 'email') return `not a valid e-mail address: ${describeValue(issue.input)}`
      return `invalid format: ${describeValue(issue.input)}`
    default:
      return undefined
  }
}
