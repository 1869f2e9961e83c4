// Structural checks of an SCP document (IAM policy grammar as SCPs use it). Offline and deliberately
// narrow: it catches files that are not policies at all, not every subtlety IAM would reject.

export type PolicyDocument = {
  Version: string
  Statement: PolicyStatement[]
  Id?: string
}

export type PolicyStatement = {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Condition?: Record<string, Record<string, unknown>>
}

const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement'])
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringOrList(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.length > 0)
}

function checkPair(statement: Record<string, unknown>, name: string, not: string, where: string): string[] {
  const has = statement[name] !== undefined
  const hasNot = statement[not] !== undefined
  if (has && hasNot) return [`${where}: has both ${name} and ${not} — keep one`]
  if (!has && !hasNot) return [`${where}: needs ${name} or ${not}`]
  const key = has ? name : not
  if (!isStringOrList(statement[key]))
    return [`${where}: ${key} must be a string or a non-empty list of strings`]
  return []
}

/** RCPs name `Principal` (Organizations user guide, "RCP syntax"); SCPs name none. */
export interface PolicyKindOptions {
  principal?: boolean
}

function checkStatement(statement: unknown, where: string, options: PolicyKindOptions = {}): string[] {
  if (!isRecord(statement)) return [`${where}: must be an object`]
  const problems: string[] = []
  for (const key of Object.keys(statement)) {
    if (options.principal && key === 'Principal') continue
    if (options.principal && key === 'NotAction') {
      problems.push(`${where}: RCPs do not support NotAction`)
    } else if (key === 'Principal' || key === 'NotPrincipal') {
      problems.push(`${where}: SCPs do not support ${key} — use a Condition on aws:PrincipalArn`)
    } else if (!STATEMENT_KEYS.has(key)) {
      problems.push(`${where}: unknown element "${key}"`)
    }
  }
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    const got = statement.Effect === undefined ? 'nothing' : JSON.stringify(statement.Effect)
    problems.push(`${where}: Effect must be "Allow" or "Deny", got ${got}`)
  }
  problems.push(...checkPair(statement, 'Action', 'NotAction', where))
  problems.push(...checkPair(statement, 'Resource', 'NotResource', where))
  if (statement.Sid !== undefined && typeof statement.Sid !== 'string')
    problems.push(`${where}: Sid must be a string`)
  if (statement.Condition !== undefined) {
    const condition = statement.Condition
    if (!isRecord(condition) || !Object.values(condition).every(isRecord)) {
      problems.push(`${where}: Condition must map operators to { key: value } objects`)
    }
  }
  return problems
}

/** Problems that make `document` unusable as an SCP; empty when it is a well-formed policy. */
export function policyProblems(document: unknown, options: PolicyKindOptions = {}): string[] {
  if (!isRecord(document)) return ['must be a JSON object with Version and Statement']
  const problems: string[] = []
  for (const key of Object.keys(document)) {
    if (!DOCUMENT_KEYS.has(key)) problems.push(`unknown top-level element "${key}"`)
  }
  if (document.Version !== '2012-10-17') {
    const got = document.Version === undefined ? 'nothing' : JSON.stringify(document.Version)
    problems.push(`Version must be "2012-10-17", got ${got}`)
  }
  const statements = document.Statement
  if (statements === undefined) problems.push('Statement is missing — a policy needs "Statement": [ … ]')
  else if (!Array.isArray(statements)) problems.push('Statement must be a list of statements')
  else if (statements.length === 0) problems.push('Statement must not be empty')
  else {
    for (const [index, statement] of statements.entries()) {
      problems.push(...checkStatement(statement, `Statement[${index}]`, options))
    }
  }
  return problems
}
