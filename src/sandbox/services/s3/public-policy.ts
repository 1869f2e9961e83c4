// Whether a bucket policy is "public" as S3 judges it for Block Public Access (S3 user guide, "The meaning
// of 'public'"): an Allow to everyone (`*`) that no condition pins to fixed values of the keys S3 accepts
// as restricting (source / principal account, organization, ARN, IP, VPC).
import type { PolicyDocument, Statement } from '../../../policy/types.ts'

const RESTRICTING_KEYS = [
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourceowner',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]

const everyone = (principal: Statement['Principal']): boolean => {
  if (principal === '*') return true
  if (!principal) return false
  const aws = principal.AWS
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'))
}

function restricted(statement: Statement): boolean {
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    // Wildcard matching (StringLike, ArnLike) pins nothing unless the value has no wildcard.
    const exact =
      !/Like/i.test(operator) && !/IfExists$/.test(operator) && !/^Not|StringNot|ArnNot/.test(operator)
    for (const [key, value] of Object.entries(block)) {
      if (!RESTRICTING_KEYS.includes(key.toLowerCase())) continue
      const values = Array.isArray(value) ? value : [value]
      if (exact || values.every((v) => typeof v === 'string' && !/[*?]/.test(v))) return true
    }
  }
  return false
}

export function isPublicPolicy(policy: PolicyDocument): boolean {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]
  return statements.some((s) => s.Effect === 'Allow' && everyone(s.Principal) && !restricted(s))
}
