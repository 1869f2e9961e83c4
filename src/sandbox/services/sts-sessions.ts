// STS's credential store: access key → account and principal, which the server uses to identify every
// caller. Long-term keys act as an account's root user; session keys act as a role session and carry the
// session policies passed at AssumeRole (they narrow the role's permissions: IAM User Guide, "Session policies").
import { randomBytes } from 'node:crypto'
import type { NamedPolicy } from '../../policy/types.ts'
import { SandboxError } from '../errors.ts'
import type { World } from '../state.ts'
import type { Role } from './iam-roles/store.ts'

export interface Session {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  account: string
  principalArn: string
  /** Real epoch ms (the SDK compares Expiration with the real clock); undefined for keys that do not expire. */
  expiresAt?: number
  /** For assumed-role sessions: the role session's user id (`<role id>:<session name>`). */
  userId: string
  assumedRole: boolean
  /** For assumed-role sessions: the role's ARN (path included), which `aws:PrincipalArn` reports. */
  roleArn?: string
  /** A privileged root session (sts:AssumeRoot; not issued by the sandbox yet): sets `aws:AssumedRoot`. */
  assumedRoot?: boolean
  /** Session policies passed at AssumeRole (`Policy`, `PolicyArns`); undefined when none were passed. */
  sessionPolicies?: NamedPolicy[]
}

type Protocol = 'awsJson1_1' | 'awsQuery' | 'restJson1' | 'restXml'

export function sessions(world: World): Map<string, Session> {
  return world.slice('sts.sessions', () => new Map<string, Session>())
}

/** Long-term credentials for an account's root principal (the sandbox keeps the management account's). */
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

export interface RoleSessionOptions {
  sessionName: string
  /** Real epoch ms; omitted = never expires (the sandbox's default credentials). */
  expiresAt?: number
  sessionPolicies?: NamedPolicy[]
  /** Fixed keys (the sandbox's default credentials); random otherwise. */
  keys?: { accessKeyId: string; secretAccessKey: string; sessionToken: string }
}

/** A session of a role: keys that act as `arn:aws:sts::<account>:assumed-role/<name>/<session>`. */
export function issueRoleSession(world: World, role: Role, options: RoleSessionOptions): Session {
  const keys = options.keys ?? {
    accessKeyId: `ASIASBX${randomBytes(7).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(48).toString('base64'),
  }
  const session: Session = {
    ...keys,
    account: role.account,
    principalArn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${options.sessionName}`,
    ...(options.expiresAt !== undefined ? { expiresAt: options.expiresAt } : {}),
    userId: `${role.id}:${options.sessionName}`,
    assumedRole: true,
    roleArn: role.arn,
    ...(options.sessionPolicies ? { sessionPolicies: options.sessionPolicies } : {}),
  }
  sessions(world).set(session.accessKeyId, session)
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
    // S3's answer for an unknown key (S3 API reference, "List of error codes").
    if (protocol === 'restXml') {
      throw new SandboxError(
        'InvalidAccessKeyId',
        'The AWS access key ID you provided does not exist in our records.',
        403,
      )
    }
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
