// Shared by the sandbox suites: SDK client configuration against a running sandbox, member-account
// credentials through STS AssumeRole (as the tool gets them), acting as any role (`actAs`) or as the
// management account's root user (`asRoot`), and error capture for assertions.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import type { Sandbox } from '../../src/sandbox/index.ts'

export interface ClientConfig {
  endpoint: string
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  maxAttempts?: number
}

/**
 * Config for the management account, as the sandbox's default credentials: a session of its role
 * `org-baseline`; `maxAttempts: 1` unless a test wants the SDK's retries.
 */
export function management(sandbox: Sandbox, region = 'us-east-1', maxAttempts = 1): ClientConfig {
  return { endpoint: sandbox.endpoint, region, credentials: sandbox.credentials, maxAttempts }
}

/** Config for the management account's root user (which cannot assume roles). */
export function asRoot(sandbox: Sandbox, region = 'us-east-1'): ClientConfig {
  return { endpoint: sandbox.endpoint, region, credentials: sandbox.rootCredentials, maxAttempts: 1 }
}

/**
 * Config acting as a session of `roleName` in `account` (the role must exist: seeded, made with the
 * `iam/put-role` control or IAM CreateRole), issued out of band by the `sts/issue-session` control — e.g. a
 * member account's administrator through its OrganizationAccountAccessRole.
 */
export function actAs(
  sandbox: Sandbox,
  account: string,
  roleName: string,
  region = 'us-east-1',
  path = '/',
): ClientConfig {
  const issued = sandbox.control('sts', 'issue-session', {
    roleArn: `arn:aws:iam::${account}:role${path}${roleName}`,
  }) as { accessKeyId: string; secretAccessKey: string; sessionToken: string }
  return {
    endpoint: sandbox.endpoint,
    region,
    maxAttempts: 1,
    credentials: {
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
    },
  }
}

/** Config for a member account, entered through OrganizationAccountAccessRole. */
export async function member(
  sandbox: Sandbox,
  accountId: string,
  region = 'us-east-1',
  role = 'OrganizationAccountAccessRole',
): Promise<ClientConfig> {
  const sts = new STSClient(management(sandbox))
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${role}`,
      RoleSessionName: 'sandbox-test',
    }),
  )
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey || !Credentials.SessionToken) {
    throw new Error('AssumeRole returned no credentials')
  }
  return {
    endpoint: sandbox.endpoint,
    region,
    maxAttempts: 1,
    credentials: {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretAccessKey,
      sessionToken: Credentials.SessionToken,
    },
  }
}

export interface CapturedError {
  name: string
  status: number | undefined
  message: string
  error: Record<string, unknown>
}

/** Runs a call that must fail and returns what the SDK made of the error. */
export async function failure(call: Promise<unknown>): Promise<CapturedError> {
  try {
    await call
  } catch (caught) {
    const error = caught as Error & { $metadata?: { httpStatusCode?: number } }
    return {
      name: error.name,
      status: error.$metadata?.httpStatusCode,
      message: error.message,
      error: error as unknown as Record<string, unknown>,
    }
  }
  throw new Error('expected the call to fail, and it succeeded')
}
