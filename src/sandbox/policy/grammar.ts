// Grammar problems of a policy document, for the services that refuse a malformed policy (IAM
// MalformedPolicyDocument, Organizations MALFORMED_POLICY, S3 MalformedPolicy). Only what AWS documents:
// IAM user guide, "Grammar of the IAM JSON policy language" (reference_policies_grammar) and the element pages
// (reference_policies_elements_*): the top-level elements are Version, Id, Statement; a statement has Sid,
// Effect (Allow | Deny, required), exactly one of Action / NotAction, at most one of Resource / NotResource
// (identity policies need one), at most one of Principal / NotPrincipal (resource policies need one, identity
// policies and SCPs take none), Condition of known operators; Version is 2012-10-17 or 2008-10-17.
// The wording of each problem is crafted (AWS's own texts vary by service and are not documented as a list),
// except where IAM's MalformedPolicyDocument messages are commonly quoted ("Policy document should not specify a
// principal.", "Missing required field Principal", "Has prohibited field Resource").

import { parseOperator } from './conditions.ts'
import { asList } from './document.ts'

/**
 * What the document is: an identity policy (also permissions boundaries, session policies), a resource-based
 * policy, a role trust policy, an SCP or an RCP. `any` checks the shared grammar only.
 */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp' | 'any'

export interface GrammarOptions {
  kind?: PolicyKind
}

const TOP = new Set(['Version', 'Id', 'Statement'])
const STATEMENT = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
])
const VERSIONS = new Set(['2012-10-17', '2008-10-17'])
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser'])
/** The kinds IAM itself stores, where the Sid rules of reference_policies_elements_sid apply. */
const IAM_KINDS = new Set<PolicyKind>(['identity', 'trust'])

function isStringList(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
  )
}

function checkActions(where: string, value: unknown, problems: string[]): void {
  if (!isStringList(value)) {
    problems.push(`${where}: must be a string or a list of strings`)
    return
  }
  for (const action of asList(value as string | string[])) {
    // "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc." (IAM)
    if (action !== '*' && !/^[a-zA-Z0-9-]+:[^:]*$/.test(action))
      problems.push(`${where}: "${action}" must be "*" or service:action`)
  }
}

function checkResources(where: string, value: unknown, problems: string[]): void {
  if (!isStringList(value)) {
    problems.push(`${where}: must be a string or a list of strings`)
    return
  }
  for (const resource of asList(value as string | string[])) {
    // "Resource must be in ARN format or "*"." (IAM)
    if (resource !== '*' && !resource.startsWith('arn:'))
      problems.push(`${where}: "${resource}" must be an ARN or "*"`)
  }
}

function checkPrincipal(where: string, value: unknown, problems: string[], allowStar: boolean): void {
  if (value === '*' && allowStar) return
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${where}: must be "*" or an object of principal types`)
    return
  }
  for (const [type, entries] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.has(type)) problems.push(`${where}: unknown principal type ${type}`)
    if (!isStringList(entries)) {
      problems.push(`${where}.${type}: must be a string or a list of strings`)
      continue
    }
    // "you can use * only to specify everyone/anonymous. You cannot use it to specify part of a name or ARN."
    for (const entry of asList(entries as string | string[]))
      if (entry !== '*' && /[*?]/.test(entry))
        problems.push(`${where}.${type}: "${entry}" may not use a wildcard`)
  }
}

function checkCondition(where: string, value: unknown, problems: string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${where}: must be an object of condition operators`)
    return
  }
  for (const [operator, keys] of Object.entries(value)) {
    if (!parseOperator(operator)) problems.push(`${where}: unknown condition operator ${operator}`)
    if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) {
      problems.push(`${where}.${operator}: must be an object of condition keys`)
      continue
    }
    for (const [key, values] of Object.entries(keys)) {
      const list = Array.isArray(values) ? values : [values]
      if (list.length === 0 || list.some((v) => !['string', 'number', 'boolean'].includes(typeof v)))
        problems.push(`${where}.${operator}.${key}: values must be strings, numbers or booleans`)
    }
  }
}

function checkStatement(statement: unknown, where: string, kind: PolicyKind, problems: string[]): void {
  if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) {
    problems.push(`${where}: a statement must be an object`)
    return
  }
  const s = statement as Record<string, unknown>
  for (const key of Object.keys(s)) if (!STATEMENT.has(key)) problems.push(`${where}: unknown element ${key}`)
  if (s.Sid !== undefined && typeof s.Sid !== 'string') problems.push(`${where}.Sid: must be a string`)
  // IAM's own policies: "basic alphanumeric characters (A-Z,a-z,0-9) are the only allowed characters".
  else if (IAM_KINDS.has(kind) && typeof s.Sid === 'string' && !/^[A-Za-z0-9]*$/.test(s.Sid))
    problems.push(`${where}.Sid: only A-Z, a-z and 0-9 are allowed`)
  if (s.Effect === undefined) problems.push(`${where}: missing required field Effect`)
  else if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
    problems.push(`${where}.Effect: must be Allow or Deny`)

  if (s.Action !== undefined && s.NotAction !== undefined)
    problems.push(`${where}: has both Action and NotAction`)
  else if (s.Action === undefined && s.NotAction === undefined)
    problems.push(`${where}: must contain Action or NotAction`)
  if (s.Action !== undefined) checkActions(`${where}.Action`, s.Action, problems)
  if (s.NotAction !== undefined) checkActions(`${where}.NotAction`, s.NotAction, problems)

  if (s.Resource !== undefined && s.NotResource !== undefined)
    problems.push(`${where}: has both Resource and NotResource`)
  if (s.Resource !== undefined) checkResources(`${where}.Resource`, s.Resource, problems)
  if (s.NotResource !== undefined) checkResources(`${where}.NotResource`, s.NotResource, problems)

  if (s.Principal !== undefined && s.NotPrincipal !== undefined)
    problems.push(`${where}: has both Principal and NotPrincipal`)
  if (s.Principal !== undefined) checkPrincipal(`${where}.Principal`, s.Principal, problems, true)
  if (s.NotPrincipal !== undefined) checkPrincipal(`${where}.NotPrincipal`, s.NotPrincipal, problems, false)
  if (s.Condition !== undefined) checkCondition(`${where}.Condition`, s.Condition, problems)

  const hasPrincipal = s.Principal !== undefined || s.NotPrincipal !== undefined
  const hasResource = s.Resource !== undefined || s.NotResource !== undefined
  if ((kind === 'identity' || kind === 'scp') && hasPrincipal)
    problems.push(`${where}: policy document should not specify a principal`)
  if ((kind === 'resource' || kind === 'trust') && !hasPrincipal)
    problems.push(`${where}: missing required field Principal`)
  if (kind === 'identity' && !hasResource) problems.push(`${where}: must contain Resource or NotResource`)
  if (kind === 'trust' && hasResource) problems.push(`${where}: has prohibited field Resource`)
  if (kind === 'rcp') {
    // Organizations user guide, "Resource control policies (RCPs)" syntax: Principal must be "*", custom RCPs
    // deny only, and NotAction is not supported.
    if (s.Principal !== '*') problems.push(`${where}: an RCP's Principal must be "*"`)
    if (s.NotPrincipal !== undefined) problems.push(`${where}: an RCP does not support NotPrincipal`)
    if (s.NotAction !== undefined) problems.push(`${where}: an RCP does not support NotAction`)
  }
}

/** The grammar problems of a document (object or JSON text); empty when it is well-formed. */
export function checkPolicyGrammar(document: unknown, options: GrammarOptions = {}): string[] {
  const kind = options.kind ?? 'any'
  let doc = document
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc)
    } catch {
      return ['policy is not valid JSON']
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return ['policy must be a JSON object']
  const d = doc as Record<string, unknown>
  const problems: string[] = []
  for (const key of Object.keys(d)) if (!TOP.has(key)) problems.push(`unknown element ${key}`)
  if (d.Version !== undefined && !VERSIONS.has(d.Version as string))
    problems.push(`Version: must be 2012-10-17 or 2008-10-17`)
  if (d.Id !== undefined && typeof d.Id !== 'string') problems.push('Id: must be a string')
  // "The id_block … must not be included in identity-based policies" (grammar notes).
  if (d.Id !== undefined && kind === 'identity') problems.push('Id: not allowed in an identity-based policy')
  if (d.Statement === undefined) problems.push('missing required field Statement')
  const statements = Array.isArray(d.Statement) ? d.Statement : d.Statement === undefined ? [] : [d.Statement]
  if (Array.isArray(d.Statement) && d.Statement.length === 0) problems.push('Statement: must not be empty')
  const sids = new Set<string>()
  for (const [i, statement] of statements.entries()) {
    checkStatement(statement, `Statement[${i}]`, kind, problems)
    const sid = (statement as { Sid?: unknown } | null)?.Sid
    if (typeof sid === 'string' && sid !== '' && IAM_KINDS.has(kind)) {
      // "In IAM, the Sid value must be unique within a JSON policy" (reference_policies_elements_sid).
      if (sids.has(sid)) problems.push(`Statement[${i}].Sid: duplicate Sid ${sid}`)
      sids.add(sid)
    }
  }
  return problems
}
