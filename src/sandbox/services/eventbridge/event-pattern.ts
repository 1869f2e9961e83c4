// Event pattern validation, as EventBridge does it on PutRule: the pattern is a JSON object whose leaves are
// arrays of values or of content-filter objects (prefix, suffix, anything-but, numeric, exists, …).
import { SandboxError } from '../../errors.ts'

const MAX_PATTERN_LENGTH = 4096
const FILTERS = new Set([
  'prefix',
  'suffix',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
  'equals-ignore-case',
  'wildcard',
])

const invalid = (reason: string) =>
  new SandboxError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`)

export function validateEventPattern(text: string): void {
  if (text.length > MAX_PATTERN_LENGTH) {
    throw new SandboxError(
      'ValidationException',
      `1 validation error detected: Value at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PATTERN_LENGTH}`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw invalid(`Filter is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid('Filter is not an object')
  }
  checkObject(parsed as Record<string, unknown>, '')
}

function checkObject(node: Record<string, unknown>, path: string): void {
  const keys = Object.keys(node)
  if (keys.length === 0) throw invalid(`Empty objects are not allowed${path ? ` at ${path}` : ''}`)
  for (const key of keys) {
    const value = node[key]
    const at = path ? `${path}.${key}` : key
    if (key === '$or') checkAlternatives(value, at)
    else if (Array.isArray(value)) checkValues(value, at)
    else if (value !== null && typeof value === 'object') checkObject(value as Record<string, unknown>, at)
    else throw invalid(`"${at}" must be an object or an array`)
  }
}

/** `"$or": [ {…}, {…} ]`: two or more alternative sub-patterns. */
function checkAlternatives(value: unknown, at: string): void {
  if (!Array.isArray(value) || value.length < 2)
    throw invalid(`"${at}" must be an array of at least two objects`)
  for (const alternative of value) {
    if (alternative === null || typeof alternative !== 'object' || Array.isArray(alternative)) {
      throw invalid(`"${at}" must be an array of objects`)
    }
    checkObject(alternative as Record<string, unknown>, at)
  }
}

function checkValues(values: unknown[], at: string): void {
  if (values.length === 0) throw invalid(`Empty arrays are not allowed at "${at}"`)
  for (const value of values) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) continue
    if (Array.isArray(value)) throw invalid(`Nested arrays are not allowed at "${at}"`)
    const filter = Object.keys(value as object)
    const name = filter[0]
    if (filter.length !== 1 || name === undefined || !FILTERS.has(name)) {
      throw invalid(`Unrecognized match type ${filter.join(',')} at "${at}"`)
    }
    const operand = (value as Record<string, unknown>)[name]
    if (name === 'exists' && typeof operand !== 'boolean')
      throw invalid(`exists match pattern must be either true or false.`)
    if (name === 'numeric' && (!Array.isArray(operand) || operand.length === 0)) {
      throw invalid(`Value of numeric must be an array.`)
    }
  }
}
