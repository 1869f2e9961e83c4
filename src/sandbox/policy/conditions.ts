// The Condition element. Source: IAM user guide, "IAM JSON policy elements: Condition operators"
// (reference_policies_elements_condition_operators) and "Condition element" / "Single-valued vs. multivalued
// context keys" (reference_policies_condition-single-vs-multi-valued-context-keys, …_condition-logic-multiple-
// context-keys-or-values):
// - several operators, and several keys under one operator, are ANDed; several values for one key are ORed;
// - a key absent from the request makes the condition false, except for the negated operators (StringNotEquals,
//   StringNotLike, ArnNotLike, NumericNotEquals…), which are then true; `…IfExists` makes an absent key true;
//   `Null` tests presence;
// - `ForAnyValue:` is true if at least one request value matches (false for an absent or empty key),
//   `ForAllValues:` if every request value matches (true for an absent or empty key);
// - without a set operator, a multi-valued key is matched as ForAnyValue by the positive operators and the
//   negated ones are true only if no request value matches.
import type { ContextLookup } from './context.ts'
import { asList } from './document.ts'
import { type PatternPiece, resolveVariables } from './variables.ts'
import { compileWildcard, matchesArn } from './wildcard.ts'

type Family = 'string' | 'arn' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip'

interface OperatorSpec {
  family: Family
  negated: boolean
  /** true: compare the request value against the policy value. */
  compare: (requestValue: string, policy: PatternPiece[]) => boolean
}

const text = (pieces: PatternPiece[]) => pieces.map((p) => p.text).join('')

function num(value: string): number | undefined {
  if (value.trim() === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : undefined
}

/** Dates are ISO 8601 or epoch seconds ("Date condition operators"). */
function date(value: string): number | undefined {
  const ms = /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

function numeric(test: (a: number, b: number) => boolean) {
  return (rv: string, pv: PatternPiece[]) => {
    const a = num(rv)
    const b = num(text(pv))
    return a !== undefined && b !== undefined && test(a, b)
  }
}

function dated(test: (a: number, b: number) => boolean) {
  return (rv: string, pv: PatternPiece[]) => {
    const a = date(rv)
    const b = date(text(pv))
    return a !== undefined && b !== undefined && test(a, b)
  }
}

function ipv4(value: string): number | undefined {
  const parts = value.split('.')
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0)
}

/** IpAddress: IPv4 CIDR (IPv6 is not modelled and never matches). */
function inCidr(rv: string, pv: PatternPiece[]): boolean {
  const [base, bits = '32'] = text(pv).split('/')
  const address = ipv4(rv)
  const network = ipv4(base ?? '')
  const size = Number(bits)
  if (address === undefined || network === undefined || !(size >= 0 && size <= 32)) return false
  const block = 2 ** (32 - size)
  return Math.floor(address / block) === Math.floor(network / block)
}

const equals = (rv: string, pv: PatternPiece[]) => rv === text(pv)
const equalsIgnoreCase = (rv: string, pv: PatternPiece[]) => rv.toLowerCase() === text(pv).toLowerCase()
const like = (rv: string, pv: PatternPiece[]) => compileWildcard(pv, 'string').test(rv)
const arnLike = (rv: string, pv: PatternPiece[]) => matchesArn(pv, rv)
const bool = (rv: string, pv: PatternPiece[]) => rv.toLowerCase() === text(pv).toLowerCase()

function spec(family: Family, negated: boolean, compare: OperatorSpec['compare']): OperatorSpec {
  return { family, negated, compare }
}

/** Every documented operator but Null (handled apart). */
export const OPERATORS: Record<string, OperatorSpec> = {
  StringEquals: spec('string', false, equals),
  StringNotEquals: spec('string', true, equals),
  StringEqualsIgnoreCase: spec('string', false, equalsIgnoreCase),
  StringNotEqualsIgnoreCase: spec('string', true, equalsIgnoreCase),
  StringLike: spec('string', false, like),
  StringNotLike: spec('string', true, like),
  NumericEquals: spec(
    'numeric',
    false,
    numeric((a, b) => a === b),
  ),
  NumericNotEquals: spec(
    'numeric',
    true,
    numeric((a, b) => a === b),
  ),
  NumericLessThan: spec(
    'numeric',
    false,
    numeric((a, b) => a < b),
  ),
  NumericLessThanEquals: spec(
    'numeric',
    false,
    numeric((a, b) => a <= b),
  ),
  NumericGreaterThan: spec(
    'numeric',
    false,
    numeric((a, b) => a > b),
  ),
  NumericGreaterThanEquals: spec(
    'numeric',
    false,
    numeric((a, b) => a >= b),
  ),
  DateEquals: spec(
    'date',
    false,
    dated((a, b) => a === b),
  ),
  DateNotEquals: spec(
    'date',
    true,
    dated((a, b) => a === b),
  ),
  DateLessThan: spec(
    'date',
    false,
    dated((a, b) => a < b),
  ),
  DateLessThanEquals: spec(
    'date',
    false,
    dated((a, b) => a <= b),
  ),
  DateGreaterThan: spec(
    'date',
    false,
    dated((a, b) => a > b),
  ),
  DateGreaterThanEquals: spec(
    'date',
    false,
    dated((a, b) => a >= b),
  ),
  Bool: spec('bool', false, bool),
  BinaryEquals: spec('binary', false, equals),
  IpAddress: spec('ip', false, inCidr),
  NotIpAddress: spec('ip', true, inCidr),
  ArnEquals: spec('arn', false, arnLike),
  ArnLike: spec('arn', false, arnLike),
  ArnNotEquals: spec('arn', true, arnLike),
  ArnNotLike: spec('arn', true, arnLike),
}

export interface ParsedOperator {
  set?: 'any' | 'all'
  base: string
  ifExists: boolean
}

/** `ForAnyValue:StringLikeIfExists` → its parts; undefined for an operator IAM does not know. */
export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name
  let set: ParsedOperator['set']
  if (rest.startsWith('ForAnyValue:')) set = 'any'
  else if (rest.startsWith('ForAllValues:')) set = 'all'
  if (set) rest = rest.slice(rest.indexOf(':') + 1)
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists'
  if (ifExists) rest = rest.slice(0, -'IfExists'.length)
  if (rest === 'Null') return ifExists ? undefined : { ...(set ? { set } : {}), base: rest, ifExists }
  if (!OPERATORS[rest]) return undefined
  return { ...(set ? { set } : {}), base: rest, ifExists }
}

function policyValues(value: unknown): string[] {
  return asList(value as unknown[]).map((v) => String(v))
}

/** One operator, one key, its values. `variables` is the lookup for policy variables (Version 2012-10-17). */
export function evaluateCondition(
  operator: string,
  key: string,
  values: unknown,
  lookup: ContextLookup,
  variables: ContextLookup | undefined,
): boolean {
  const parsed = parseOperator(operator)
  if (!parsed) return false
  const raw = lookup(key)
  const requestValues = raw === undefined ? [] : asList(raw)
  const wanted = policyValues(values)
  if (parsed.base === 'Null') {
    const absent = requestValues.length === 0
    return wanted.some((v) => (v.toLowerCase() === 'true') === absent)
  }
  const op = OPERATORS[parsed.base] as OperatorSpec
  if (requestValues.length === 0) {
    if (parsed.ifExists || parsed.set === 'all') return true
    if (parsed.set === 'any') return false
    return op.negated
  }
  const allowsVariables = op.family === 'string' || op.family === 'arn'
  const patterns: PatternPiece[][] = []
  for (const v of wanted) {
    const pieces = allowsVariables ? resolveVariables(v, variables) : [{ text: v, literal: false }]
    if (pieces) patterns.push(pieces)
  }
  // A value naming a variable the request lacks is "effectively null": nothing equals or is like it, so the
  // positive operators do not match it and the negated ones do (reference_policies_variables, "Policy variables
  // with no value").
  const matchesOne = (rv: string) => patterns.some((p) => op.compare(rv, p))
  const holds = (rv: string) => (op.negated ? !matchesOne(rv) : matchesOne(rv))
  if (parsed.set === 'any') return requestValues.some(holds)
  if (parsed.set === 'all') return requestValues.every(holds)
  return op.negated ? !requestValues.some(matchesOne) : requestValues.some(matchesOne)
}

/** The whole Condition block: every operator and every key must hold. */
export function evaluateConditions(
  block: Record<string, Record<string, unknown>> | undefined,
  lookup: ContextLookup,
  variables: ContextLookup | undefined,
): boolean {
  if (!block) return true
  for (const [operator, keys] of Object.entries(block)) {
    if (keys === null || typeof keys !== 'object') return false
    for (const [key, values] of Object.entries(keys)) {
      if (!evaluateCondition(operator, key, values, lookup, variables)) return false
    }
  }
  return true
}
