// Shared by the sandbox suites: SDK client configuration against a running sandbox, member-account
// credentials through STS AssumeRole (as the tool gets them), acting as any role (`actAs`) or as the
// management account's root user (`asRoot`), and error capture for assertions.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { createBucket } from '../../src/sandbox/services/s3/buckets.ts'
import { putBucketPolicy } from '../../src/sandbox/services/s3/resources.ts'
import { CONFIG_SLR, ensureServiceLinkedRole } from '../../src/sandbox/services/service-linked-roles.ts'
import type { World } from '../../src/sandbox/state.ts'
import { testAttempts } from '../e2e/test-sandbox.ts'

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
  return {
    endpoint: sandbox.endpoint,
    region,
    credentials: sandbox.credentials,
    maxAttempts: testAttempts(maxAttempts),
  }
}

/** Config for the management account's root user (which cannot assume roles). */
export function asRoot(sandbox: Sandbox, region = 'us-east-1'): ClientConfig {
  return {
    endpoint: sandbox.endpoint,
    region,
    credentials: sandbox.rootCredentials,
    maxAttempts: testAttempts(1),
  }
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
    maxAttempts: testAttempts(1),
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
    maxAttempts: testAttempts(1),
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

/**
 * A bucket CloudTrail and Config may deliver to from any account (the policies of the CloudTrail and
 * Config guides, without source conditions), for tests about something else than bucket policies.
 */
export function deliveryBucketIn(world: World, name: string, account = '333333333333'): void {
  const arn = `arn:aws:s3:::${name}`
  const services = { Service: ['cloudtrail.amazonaws.com', 'config.amazonaws.com'] }
  const bucket = createBucket(world, { name, account, region: 'us-east-1' })
  putBucketPolicy(bucket, {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AclCheck',
        Effect: 'Allow',
        Principal: services,
        Action: ['s3:GetBucketAcl', 's3:ListBucket'],
        Resource: arn,
      },
      {
        Sid: 'Write',
        Effect: 'Allow',
        Principal: services,
        Action: 's3:PutObject',
        Resource: `${arn}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      },
    ],
  })
}

export const deliveryBucket = (sandbox: Sandbox, name: string, account?: string) =>
  deliveryBucketIn(sandbox.world, name, account)

/** AWS Config's service-linked role in every account, as IAM's CreateServiceLinkedRole would make it. */
export function configRolesIn(world: World): void {
  for (const account of world.accounts.keys()) ensureServiceLinkedRole(world, account, CONFIG_SLR)
}
