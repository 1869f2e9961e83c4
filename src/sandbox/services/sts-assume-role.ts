// STS AssumeRole, judged as AWS judges it (README, "STS"):
// - the root user cannot assume a role ("Roles may not be assumed by root accounts.");
// - the role must exist, in an ACTIVE account;
// - its trust policy must allow the caller — a role trust policy must allow even within one account
//   (IAM User Guide, "Policy evaluation logic": "Role trust policies and KMS key policies are exceptions…
//   they must explicitly allow access for principals");
// - the caller's own policies (identity, boundary, session) must allow sts:AssumeRole on the role, unless the
//   trust policy names the caller itself in the role's own account (the evaluator's `account` grantee: a trust
//   naming only the account delegates to its identity policies);
// - SCPs are the server's authorization hook's part, as for every call.

import { authorize } from '../../policy/index.ts'
import type { NamedPolicy } from '../../policy/types.ts'
import { principalPolicies } from '../authz/principal-policies.ts'
import { rcpLevels } from '../authz/rcp-path.ts'
import { principalKeys, requestContext, resourceKeys } from '../authz/request-context.ts'
import { SandboxError } from '../errors.ts'
import { checkDocument } from './iam-roles/documents.ts'
import { managedPolicy, roleByArn } from './iam-roles/store.ts'
import type { Operation } from './service.ts'
import { issueRoleSession, sessions } from './sts-sessions.ts'

const validation = (message: string) => new SandboxError('ValidationError', message, 400)

/** Role chaining caps sessions at one hour (aws-facts §10). */
const CHAINED_MAX_SESSION_SECONDS = 3600
/** AssumeRole API reference: session policies' plaintext "can't exceed 2,048 characters"; at most 10 ARNs. */
const SESSION_POLICY_MAX_CHARS = 2048
const SESSION_POLICY_ARNS_MAX = 10

function sessionPolicies(
  input: Record<string, unknown>,
  world: Parameters<Operation>[1]['world'],
): NamedPolicy[] | undefined {
  const inline = typeof input.Policy === 'string' ? input.Policy : undefined
  const arns = Array.isArray(input.PolicyArns)
    ? (input.PolicyArns as Record<string, unknown>[]).map((p) => String(p.arn ?? ''))
    : []
  if (inline === undefined && arns.length === 0) return undefined
  if (arns.length > SESSION_POLICY_ARNS_MAX) {
    throw validation(
      `1 validation error detected: Value '[…]' at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${SESSION_POLICY_ARNS_MAX}`,
    )
  }
  const policies: NamedPolicy[] = []
  if (inline !== undefined) {
    if (inline.length > SESSION_POLICY_MAX_CHARS) {
      // Crafted after AWS's PackedPolicyTooLarge text.
      throw new SandboxError(
        'PackedPolicyTooLarge',
        'Packed policy consumes more than 100% of allotted space, please use smaller policy.',
        400,
      )
    }
    try {
      checkDocument(inline, 'identity')
    } catch (error) {
      if (error instanceof SandboxError) throw new SandboxError('MalformedPolicyDocument', error.message, 400)
      throw error
    }
    policies.push({ name: 'session-policy', document: inline })
  }
  for (const arn of arns) {
    const document = managedPolicy(world, arn)?.document
    // A managed policy the sandbox cannot read contributes no Allow: the stricter reading.
    policies.push({ name: arn, document: document ?? { Version: '2012-10-17', Statement: [] } })
  }
  return policies
}

export const assumeRole: Operation = (input, ctx) => {
  const { world } = ctx
  const roleArn = typeof input.RoleArn === 'string' ? input.RoleArn : ''
  const sessionName = typeof input.RoleSessionName === 'string' ? input.RoleSessionName : ''
  if (!roleArn)
    throw validation(
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    )
  if (!sessionName) {
    throw validation(
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    )
  }
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw validation(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    )
  }
  const duration = input.DurationSeconds === undefined ? 3600 : Number(input.DurationSeconds)
  if (!Number.isInteger(duration) || duration < 900) {
    throw validation(
      `1 validation error detected: Value '${input.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
    )
  }
  if (duration > 43_200) {
    throw validation(
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`,
    )
  }
  const session = sessionPolicies(input, world)
  const caller = sessions(world).get(ctx.accessKeyId)
  if (!caller)
    throw new SandboxError(
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      403,
    )
  if (!caller.assumedRole)
    throw new SandboxError('AccessDenied', 'Roles may not be assumed by root accounts.', 403)
  if (duration > CHAINED_MAX_SESSION_SECONDS) {
    throw validation(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    )
  }
  const match = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/.exec(roleArn)
  if (!match) throw validation(`${roleArn} is invalid`)
  const denied = new SandboxError(
    'AccessDenied',
    `User: ${ctx.principalArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  )
  const target = world.accounts.get(match[1] ?? '')
  const role = roleByArn(world, roleArn)
  if (target?.status !== 'ACTIVE' || !role) throw denied
  // The role is a resource of its account: that account's RCPs take part (authz/rcp-path.ts).
  const rcps = rcpLevels(world, role.account, 'sts:AssumeRole')
  const decision = authorize(
    {
      ...principalPolicies(world, caller),
      ...(rcps ? { rcps } : {}),
      resource: [{ name: `${role.name} trust policy`, document: role.trustPolicy }],
      sameAccount: caller.account === role.account,
      resourceMustAllow: true,
    },
    // The same condition keys the server's hook sets (authz/request-context.ts); STS is global: us-east-1.
    requestContext(caller, 'sts:AssumeRole', role.arn, {
      ...principalKeys(world, caller, 'us-east-1'),
      // The role is the resource: aws:ResourceAccount / aws:ResourceOrgID as for every other call.
      ...resourceKeys(world, role.arn),
      'sts:RoleSessionName': sessionName,
    }),
  )
  if (!decision.allowed) throw denied
  if (duration > role.maxSessionDuration) {
    throw validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')
  }
  const issued = issueRoleSession(world, role, {
    sessionName,
    expiresAt: Date.now() + duration * 1000,
    ...(session ? { sessionPolicies: session } : {}),
  })
  return {
    Credentials: {
      AccessKeyId: issued.accessKeyId,
      SecretAccessKey: issued.secretAccessKey,
      SessionToken: issued.sessionToken,
      Expiration: new Date(issued.expiresAt ?? 0),
    },
    AssumedRoleUser: { AssumedRoleId: issued.userId, Arn: issued.principalArn },
    // Percent of the allotted plaintext the inline session policy uses (AssumeRole API reference).
    PackedPolicySize: Math.ceil(
      ((typeof input.Policy === 'string' ? input.Policy.length : 0) / SESSION_POLICY_MAX_CHARS) * 100,
    ),
  }
}
