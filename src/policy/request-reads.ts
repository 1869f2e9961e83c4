// What of a request a set of policies can read: the statements whose Action / NotAction admit its action
// read only the resource (Resource / NotResource), the principal (Principal / NotPrincipal) and the context
// keys their Condition names or their variables (`${aws:PrincipalAccount}`) resolve. Two requests with the
// same action that agree on all of these get the same evaluation from those policies — same effect, same
// deciding statement — so a caller judging thousands of requests (the lockout guard) judges each distinct
// reading once. Statements whose action does not match are never looked at by evaluate.ts either.
import { contextLookup } from './context.ts'
import { asList, statementsOf } from './document.ts'
import { candidatesFor } from './evaluate.ts'
import type { NamedPolicy, RequestContext, Statement } from './types.ts'

interface Reads {
  resource: boolean
  principal: boolean
  /** Condition keys and variable names, lower-cased (lookups are case-insensitive). */
  keys: Set<string>
}

const VARIABLE = /\$\{([^}]*)\}/g
// `${*}`, `${?}`, `${$}` stand for literal characters, not keys (variables.ts).
const SPECIAL = new Set(['*', '?', '$'])

/** The context keys the `${…}` variables in a text resolve (the part before a `, 'default'`). */
function variableKeys(text: string, into: Set<string>): void {
  if (!text.includes('${')) return
  for (const [, inner = ''] of text.matchAll(VARIABLE)) {
    const key = (inner.split(',')[0] ?? '').trim()
    if (!SPECIAL.has(key)) into.add(key.toLowerCase())
  }
}

/** Every string inside a Condition value (one value or a list, as written). */
function conditionTexts(value: unknown): string[] {
  return asList(value as unknown[]).map((v) => String(v))
}

const statementReads = new WeakMap<Statement, Reads>()

function readsOf(statement: Statement): Reads {
  let reads = statementReads.get(statement)
  if (!reads) {
    const keys = new Set<string>()
    const resources = [...asList(statement.Resource), ...asList(statement.NotResource)]
    for (const pattern of resources) if (typeof pattern === 'string') variableKeys(pattern, keys)
    for (const byKey of Object.values(statement.Condition ?? {})) {
      if (byKey === null || typeof byKey !== 'object') continue
      for (const [key, values] of Object.entries(byKey)) {
        keys.add(key.toLowerCase())
        for (const text of conditionTexts(values)) variableKeys(text, keys)
      }
    }
    reads = {
      // `*` matches every resource: only another pattern makes the verdict depend on it.
      resource: resources.some((pattern) => pattern !== '*'),
      principal: statement.Principal !== undefined || statement.NotPrincipal !== undefined,
      keys,
    }
    statementReads.set(statement, reads)
  }
  return reads
}

interface SetReads extends Reads {
  /** Which statements admit the action, by position: actions admitted by the same ones are judged alike. */
  candidates: string
}

/** The union of what the statements admitting `action` read, over every policy of every set. */
function setReads(sets: readonly (readonly NamedPolicy[])[], action: string): SetReads {
  const union: SetReads = { resource: false, principal: false, keys: new Set(), candidates: '' }
  const positions: string[] = []
  for (const [level, policies] of sets.entries()) {
    for (const [at, policy] of policies.entries()) {
      for (const [index, statement] of candidatesFor(statementsOf(policy).statements, action)) {
        positions.push(`${level}.${at}.${index}`)
        const reads = readsOf(statement)
        union.resource ||= reads.resource
        union.principal ||= reads.principal
        for (const key of reads.keys) union.keys.add(key)
      }
    }
  }
  union.candidates = positions.join(',')
  return union
}

const readsBySets = new WeakMap<object, Map<string, SetReads>>()

/**
 * A key equal for two requests only when `sets` (SCP or RCP levels, each a list of policies) must judge them
 * alike: the same statements admit their actions — the action itself is read only to pick those (evaluate.ts)
 * — and the requests agree on all those statements read. Only for inputs of SCPs / RCPs alone: identity and
 * resource policies also depend on whether principal and resource share an account. `sets` is cached by
 * identity: pass the same array for the same policies.
 */
export function requestReadsKey(sets: readonly (readonly NamedPolicy[])[], request: RequestContext): string {
  let byAction = readsBySets.get(sets)
  if (!byAction) {
    byAction = new Map()
    readsBySets.set(sets, byAction)
  }
  let reads = byAction.get(request.action)
  if (!reads) {
    reads = setReads(sets, request.action)
    byAction.set(request.action, reads)
  }
  const parts = [reads.candidates, request.principal.type, contextReads(reads, request)]
  if (reads.resource) parts.push(request.resource)
  if (reads.principal) parts.push(JSON.stringify(request.principal))
  return parts.join('\0')
}

const readsByContext = new WeakMap<object, Map<SetReads, string>>()

/** The context values `reads` looks at, as text: callers reuse a context object for many requests. */
function contextReads(reads: SetReads, request: RequestContext): string {
  let byReads = readsByContext.get(request.context)
  if (!byReads) {
    byReads = new Map()
    readsByContext.set(request.context, byReads)
  }
  let text = byReads.get(reads)
  if (text === undefined) {
    const lookup = contextLookup(request)
    text = [...reads.keys].map((key) => `${key}=${JSON.stringify(lookup(key) ?? null)}`).join('\0')
    byReads.set(reads, text)
  }
  return text
}
