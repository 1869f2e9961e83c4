// Shared builders for the policy evaluator's table-driven suites.
import type {
  ContextValue,
  NamedPolicy,
  Principal,
  RequestContext,
  Statement,
} from '../../../src/sandbox/policy/index.ts'

export const ADMIN: Principal = {
  type: 'AWS',
  arn: 'arn:aws:sts::222222222222:assumed-role/Admin/session',
  account: '222222222222',
}

export function request(
  overrides: Partial<RequestContext> = {},
  context: Record<string, ContextValue> = {},
): RequestContext {
  return {
    action: 'guardduty:DeleteDetector',
    resource: 'arn:aws:guardduty:us-east-1:222222222222:detector/abc',
    principal: ADMIN,
    context,
    ...overrides,
  }
}

export function policy(
  statements: Statement | Statement[],
  name = 'p',
  version: string | undefined = '2012-10-17',
): NamedPolicy {
  return { name, document: { ...(version ? { Version: version } : {}), Statement: statements } }
}

export const ALLOW_ALL: Statement = { Effect: 'Allow', Action: '*', Resource: '*' }
