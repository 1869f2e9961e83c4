// Policy documents as IAM takes and returns them: checked on the way in (MalformedPolicyDocument 400, sizes
// LimitExceeded 409) and URL-encoded on the way out ("The policy document returned in this structure is URL-
// encoded compliant with RFC 3986" — GetRolePolicy / Role.AssumeRolePolicyDocument in the IAM API reference).

import { checkPolicyGrammar } from '../../../policy/index.ts'
import { SandboxError } from '../../errors.ts'

export type DocumentKind = 'trust' | 'identity'

export const malformed = (message: string) => new SandboxError('MalformedPolicyDocument', message, 400)

/** Prohibited elements per kind (IAM answers "Has prohibited field …"; IAM User Guide, "IAM JSON policy elements"). */
const PROHIBITED: Record<DocumentKind, string[]> = {
  identity: ['Principal', 'NotPrincipal'],
  trust: ['Resource', 'NotResource'],
}

/** Throws MalformedPolicyDocument when the text is no valid policy of this kind. */
export function checkDocument(text: string, kind: DocumentKind): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw malformed('This policy contains invalid Json')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw malformed('Syntax errors in policy.')
  const statements = (parsed as { Statement?: unknown }).Statement
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    if (!statement || typeof statement !== 'object') continue
    for (const field of PROHIBITED[kind]) {
      if (field in statement) throw malformed(`Has prohibited field ${field}`)
    }
    if (kind === 'trust') checkTrustActions(statement as Record<string, unknown>)
  }
  const [problem] = checkPolicyGrammar(text, { kind })
  if (problem) throw malformed(problem)
}

/** A trust policy grants only STS's role-assumption actions (IAM: "AssumeRole policy may only specify STS AssumeRole actions."). */
function checkTrustActions(statement: Record<string, unknown>): void {
  const actions = statement.Action ?? []
  for (const action of Array.isArray(actions) ? actions : [actions]) {
    if (
      typeof action === 'string' &&
      action !== '*' &&
      !/^sts:(AssumeRole\w*|TagSession|SetSourceIdentity|SetContext|\*)$/i.test(action)
    )
      throw malformed('AssumeRole policy may only specify STS AssumeRole actions.')
  }
}

/** RFC 3986 percent-encoding, as IAM returns policy documents. */
export const urlEncoded = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
