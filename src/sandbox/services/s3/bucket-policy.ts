// A bucket policy as S3 judges it at PutBucketPolicy (and so at AWS::S3::BucketPolicy): every problem is a
// `MalformedPolicy` 400 with S3's short message. Messages below are the ones S3 is widely reported to send
// (AWS re:Post and issue trackers quote "Policy has invalid resource", "Missing required field Principal",
// "Invalid principal in policy", "Policy has invalid action", "Action does not apply to any resource(s) in
// statement", "This policy contains invalid Json"); the rest are crafted in the same style.

import { checkPolicyGrammar } from '../../../policy/index.ts'
import type { PolicyDocument, Statement } from '../../../policy/types.ts'
import { SandboxError } from '../../errors.ts'
import { bucketArn } from './buckets.ts'

const malformed = (message: string) => new SandboxError('MalformedPolicy', message)

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

/** A glob as IAM matches it: `*` any run of characters, `?` one character. */
function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${source}$`).test(value)
}

const PRINCIPAL_KINDS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser'])

function checkPrincipal(principal: unknown): void {
  if (principal === '*') return
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal))
    throw malformed('Invalid principal in policy')
  for (const [kind, values] of Object.entries(principal)) {
    if (!PRINCIPAL_KINDS.has(kind)) throw malformed('Invalid principal in policy')
    for (const value of list(values)) {
      if (typeof value !== 'string' || value === '') throw malformed('Invalid principal in policy')
      if (kind === 'AWS' && value !== '*' && !/^(\d{12}|arn:aws:(iam|sts)::\d{12}:.+)$/.test(value))
        throw malformed('Invalid principal in policy')
      if (kind === 'Service' && !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(value))
        throw malformed('Invalid principal in policy')
    }
  }
}

/** Object-level actions act on `bucket/key` resources, the rest on the bucket (S3's action table, by name). */
const isObjectAction = (action: string) => /object|multipartupload/i.test(action)

function actionAppliesTo(action: string, resource: string, bucket: string): boolean {
  const onObject = resource.startsWith(`${bucketArn(bucket)}/`) || resource.includes('/')
  const name = action.toLowerCase()
  if (name === '*' || name === 's3:*' || name.includes('*') || name.includes('?')) return true
  return isObjectAction(name) ? onObject || resource.endsWith('*') : !onObject
}

function checkStatement(statement: Statement, bucket: string): void {
  if (typeof statement !== 'object' || statement === null) throw malformed('Invalid policy syntax.')
  if (statement.Effect === undefined) throw malformed('Missing required field Effect')
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
    throw malformed(`Invalid effect: ${String(statement.Effect)}`)
  if (statement.Principal === undefined && statement.NotPrincipal === undefined)
    throw malformed('Missing required field Principal')
  checkPrincipal(statement.Principal ?? statement.NotPrincipal)
  const actions = list(statement.Action ?? statement.NotAction)
  if (actions.length === 0) throw malformed('Missing required field Action')
  for (const action of actions) {
    if (typeof action !== 'string' || !(action === '*' || /^s3:[A-Za-z*?]+$/.test(action)))
      throw malformed('Policy has invalid action')
  }
  const resources = list(statement.Resource ?? statement.NotResource)
  if (resources.length === 0) throw malformed('Missing required field Resource')
  for (const resource of resources) {
    const text = String(resource)
    // The bucket part (before the first `/`) must name this bucket, literally or by a pattern matching it.
    const inBucket = globMatches(text.split('/')[0] ?? text, bucketArn(bucket))
    if (typeof resource !== 'string' || !inBucket || text === 'arn:aws:s3:::*')
      throw malformed('Policy has invalid resource')
  }
  if (statement.Action !== undefined && statement.Resource !== undefined) {
    const applies = actions.some((a) => resources.some((r) => actionAppliesTo(String(a), String(r), bucket)))
    if (!applies) throw malformed('Action does not apply to any resource(s) in statement')
  }
  if (statement.Condition !== undefined) {
    const condition = statement.Condition as unknown
    if (typeof condition !== 'object' || condition === null || Array.isArray(condition))
      throw malformed('Invalid Condition')
  }
}

/** Parses and checks a bucket policy for `bucket`; returns the document to store. */
export function checkBucketPolicy(document: unknown, bucket: string): PolicyDocument {
  let parsed = document
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document)
    } catch {
      throw malformed('This policy contains invalid Json')
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw malformed('This policy contains invalid Json')
  const policy = parsed as PolicyDocument
  if (policy.Version !== undefined && policy.Version !== '2012-10-17' && policy.Version !== '2008-10-17')
    throw malformed('The policy must contain a valid version string')
  if (policy.Statement === undefined) throw malformed('Missing required field Statement')
  const statements = list(policy.Statement) as Statement[]
  if (statements.length === 0) throw malformed('Could not parse the policy: Statement is empty!')
  const sids = new Set<string>()
  for (const statement of statements) {
    if (statement?.Sid !== undefined) {
      if (sids.has(statement.Sid)) throw malformed('Statement IDs (SID) must be unique')
      sids.add(statement.Sid)
    }
    checkStatement(statement, bucket)
  }
  if (JSON.stringify(policy).length > 20 * 1024) throw malformed('Policies must be less than 20KB')
  // The rest of the IAM grammar (condition operators, element types, unknown elements): S3 answers such
  // problems with a generic MalformedPolicy (message crafted); the problem found is appended.
  const [problem] = checkPolicyGrammar(policy, { kind: 'resource' })
  if (problem !== undefined) throw malformed(`Invalid policy syntax. (${problem})`)
  return policy
}
