// One policy against one request. Source: IAM user guide, "Policy evaluation logic" and "Grammar of the IAM
// JSON policy language": a statement applies when its Action (or NotAction), Resource (or NotResource), Principal
// (or NotPrincipal, resource policies) and Condition all match; a policy denies if any applicable statement
// denies, allows if none denies and one allows, and is otherwise not applicable (an implicit deny).

import { evaluateConditions } from './conditions.ts'
import { contextLookup } from './context.ts'
import { asList, statementsOf } from './document.ts'
import { GRANTEE_RANK, type Grantee, matchPrincipal } from './principal.ts'
import type { NamedPolicy, PolicyEvaluation, RequestContext, Statement } from './types.ts'
import { resolveVariables } from './variables.ts'
import { compileWildcard, matchesWildcard } from './wildcard.ts'

export type { Grantee } from './principal.ts'

/** The evaluation of one policy, with how its Allow named the principal (resource-based policies). */
export interface DetailedEvaluation extends PolicyEvaluation {
  grantee?: Grantee
}

/** An Action / NotAction list, compiled once per statement: exact names in a set, wildcard patterns apart. */
interface ActionList {
  any: boolean
  exact: Set<string>
  patterns: string[]
}

const actionLists = new WeakMap<Statement, ActionList>()

function actionList(statement: Statement): ActionList {
  let list = actionLists.get(statement)
  if (!list) {
    list = { any: false, exact: new Set(), patterns: [] }
    for (const pattern of asList(statement.Action ?? statement.NotAction)) {
      if (typeof pattern !== 'string') continue
      if (pattern === '*') list.any = true
      else if (pattern.includes('*') || pattern.includes('?')) list.patterns.push(pattern)
      else list.exact.add(pattern.toLowerCase())
    }
    actionLists.set(statement, list)
  }
  return list
}

function actionListed(statement: Statement, action: string): boolean {
  const list = actionList(statement)
  return (
    list.any ||
    list.exact.has(action.toLowerCase()) ||
    list.patterns.some((p) => matchesWildcard(p, action, 'action'))
  )
}

function actionMatches(statement: Statement, action: string): boolean {
  if (statement.Action !== undefined) return actionListed(statement, action)
  if (statement.NotAction !== undefined) return !actionListed(statement, action)
  return false
}

function resourcePatternMatches(
  pattern: string,
  resource: string,
  request: RequestContext,
  variables: boolean,
): boolean {
  if (!variables || !pattern.includes('${')) return matchesWildcard(pattern, resource, 'resource')
  const pieces = resolveVariables(pattern, contextLookup(request))
  return pieces !== undefined && compileWildcard(pieces, 'resource').test(resource)
}

/** A statement without Resource or NotResource (trust policies, SCPs) applies to every resource. */
function resourceMatches(statement: Statement, request: RequestContext, variables: boolean): boolean {
  const { resource } = request
  if (statement.Resource !== undefined)
    return asList(statement.Resource).some((p) => resourcePatternMatches(p, resource, request, variables))
  if (statement.NotResource !== undefined)
    return !asList(statement.NotResource).some((p) => resourcePatternMatches(p, resource, request, variables))
  return true
}

/** How the statement names the principal if it applies to the request, else undefined. */
export function statementApplies(
  statement: Statement,
  request: RequestContext,
  version?: string,
): Grantee | undefined {
  if (!actionMatches(statement, request.action)) return undefined
  return appliesBeyondAction(statement, request, version)
}

/** statementApplies for a statement whose Action or NotAction already admits the request's action. */
function appliesBeyondAction(
  statement: Statement,
  request: RequestContext,
  version: string | undefined,
): Grantee | undefined {
  const variables = version === '2012-10-17'
  if (!resourceMatches(statement, request, variables)) return undefined
  const grantee = matchPrincipal(statement, request.principal)
  if (!grantee) return undefined
  const lookup = contextLookup(request)
  if (!evaluateConditions(statement.Condition, lookup, variables ? lookup : undefined)) return undefined
  return grantee
}

/** A document's statements whose Action / NotAction admit an action, with their index, in document order. */
type Candidates = [index: number, statement: Statement][]

const candidatesByAction = new WeakMap<Statement[], Map<string, Candidates>>()

// A policy is asked about the same actions over and over (the lockout guard: thousands of requests, most
// of them for actions few statements name): the action test is made once per document and action.
export function candidatesFor(statements: Statement[], action: string): Candidates {
  let byAction = candidatesByAction.get(statements)
  if (!byAction) {
    byAction = new Map()
    candidatesByAction.set(statements, byAction)
  }
  let candidates = byAction.get(action)
  if (!candidates) {
    candidates = []
    for (const [index, statement] of statements.entries())
      if (actionMatches(statement, action)) candidates.push([index, statement])
    if (byAction.size > 2000) byAction.clear()
    byAction.set(action, candidates)
  }
  return candidates
}

export function evaluateDetailed(policy: NamedPolicy, request: RequestContext): DetailedEvaluation {
  const { version, statements } = statementsOf(policy)
  let allow: DetailedEvaluation | undefined
  for (const [index, statement] of candidatesFor(statements, request.action)) {
    const grantee = appliesBeyondAction(statement, request, version)
    if (!grantee) continue
    const match = {
      policy: policy.name,
      statement: statement.Sid ?? String(index),
      ...(policy.arn ? { policyArn: policy.arn } : {}),
    }
    if (statement.Effect === 'Deny') return { effect: 'Deny', match }
    if (
      statement.Effect === 'Allow' &&
      (!allow?.grantee || GRANTEE_RANK[grantee] > GRANTEE_RANK[allow.grantee])
    )
      allow = { effect: 'Allow', match, grantee }
  }
  return allow ?? { effect: 'NotApplicable' }
}

/** One policy (document as object or JSON text) against one request. */
export function evaluatePolicy(policy: NamedPolicy, request: RequestContext): PolicyEvaluation {
  const { effect, match } = evaluateDetailed(policy, request)
  return match ? { effect, match } : { effect }
}
