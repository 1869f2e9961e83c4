// AWS STS (awsQuery, version 2011-06-15): GetCallerIdentity and AssumeRole. STS also owns the sandbox's
// credential store: access key → account and principal, which the server uses to identify every caller.
import { randomBytes } from 'node:crypto'
import { SandboxError } from '../errors.ts'
import type { World } from '../state.ts'
import type { Operation, SimulatedService } from './service.ts'

export interface Session {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  account: string
  principalArn: string
  /** Real epoch ms (the SDK compares Expiration with the real clock); undefined for long-term keys. */
  expiresAt?: number
  /** For assumed-role sessions: the role session's user id (`<role id>:<session name>`). */
  userId: string
  assumedRole: boolean
  /** For assumed-role sessions: the role's ARN with its path (what `aws:PrincipalArn` reports). */
  roleArn?: string
  /** A privileged root session (sts:AssumeRoot; not issued by the sandbox yet): sets `aws:AssumedRoot`. */
  assumedRoot?: boolean
}

type Protocol = 'awsJson1_1' | 'awsQuery' | 'restJson1'

export function sessions(world: World): Map<string, Session> {
  return world.slice('sts.sessions', () => new Map<string, Session>())
}

/** Long-term credentials for an account's root principal (the sandbox hands out the management account's). */
export function issueRootCredentials(
  world: World,
  accountId: string,
  accessKeyId: string,
  secretAccessKey: string,
): Session {
  const session: Session = {
    accessKeyId,
    secretAccessKey,
    account: accountId,
    principalArn: `arn:aws:iam::${accountId}:root`,
    userId: accountId,
    assumedRole: false,
  }
  sessions(world).set(accessKeyId, session)
  return session
}

/** Who signed this request; an unknown or expired key is refused with the protocol's own error. */
export function resolveCaller(
  world: World,
  accessKeyId: string,
  sessionToken: string | undefined,
  protocol: Protocol,
): Session {
  const session = sessions(world).get(accessKeyId)
  if (!session || (session.sessionToken !== undefined && session.sessionToken !== sessionToken)) {
    if (protocol === 'awsQuery') {
      throw new SandboxError(
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
        403,
      )
    }
    throw new SandboxError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      403,
    )
  }
  if (session.expiresAt !== undefined && session.expiresAt <= Date.now()) {
    throw new SandboxError(
      'ExpiredTokenException',
      'The security token included in the request is expired',
      403,
    )
  }
  return session
}

const validation = (message: string) => new SandboxError('ValidationError', message, 400)

/** OrganizationAccountAccessRole's default MaxSessionDuration (IAM default for roles): one hour. */
const ROLE_MAX_SESSION_SECONDS = 3600
/** Role chaining caps sessions at one hour (aws-facts §10). */
const CHAINED_MAX_SESSION_SECONDS = 3600

const assumeRole: Operation = (input, ctx) => {
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
  const caller = sessions(world).get(ctx.accessKeyId)
  if (caller?.assumedRole && duration > CHAINED_MAX_SESSION_SECONDS) {
    throw validation(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    )
  }
  const match = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/.exec(roleArn)
  const denied = new SandboxError(
    'AccessDenied',
    `User: ${ctx.principalArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  )
  if (!match) throw validation(`${roleArn} is invalid`)
  const [, accountId = '', roleName = ''] = match
  const target = world.accounts.get(accountId)
  // The member access role trusts the management account only; a suspended account cannot be entered.
  const trusted = ctx.account === world.managementAccountId && target?.accessRoles.has(roleName) === true
  if (!target || !trusted || target.status !== 'ACTIVE') throw denied
  if (duration > ROLE_MAX_SESSION_SECONDS) {
    throw validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.')
  }
  const roleId = `AROA${roleIdFor(accountId, roleName)}`
  const session: Session = {
    accessKeyId: `SBXSESSION${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(20).toString('base64'),
    sessionToken: randomBytes(32).toString('base64'),
    account: accountId,
    principalArn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    expiresAt: Date.now() + duration * 1000,
    userId: `${roleId}:${sessionName}`,
    assumedRole: true,
    roleArn,
  }
  sessions(world).set(session.accessKeyId, session)
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAt ?? 0),
    },
    AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.principalArn },
    PackedPolicySize: 0,
  }
}

/** A stable, readable role id per account and role name (real ones are random). */
function roleIdFor(accountId: string, roleName: string): string {
  let hash = 0
  for (const char of `${accountId}/${roleName}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0
  return `SANDBOX${hash.toString(36).toUpperCase().padStart(7, '0')}`
}

const getCallerIdentity: Operation = (_input, ctx) => {
  const session = sessions(ctx.world).get(ctx.accessKeyId)
  return { UserId: session?.userId ?? ctx.account, Account: ctx.account, Arn: ctx.principalArn }
}

export const sts: SimulatedService = {
  spec: {
    signingName: 'sts',
    protocol: 'awsQuery',
    version: '2011-06-15',
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    operations: { AssumeRole: assumeRole, GetCallerIdentity: getCallerIdentity },
  },
}
