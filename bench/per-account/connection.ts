// How the per-account rollout reaches AWS: SDK clients on one shared keep-alive agent (a client per account
// and region would otherwise open a socket each), every call counted, member accounts entered by STS
// AssumeRole as per-account tools enter them (Landing Zone Accelerator: AWSControlTowerExecution or
// OrganizationAccountAccessRole).
import { Agent } from 'node:http'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'

export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface Connection {
  endpoint: string
  /** The management account's credentials (the pipeline's). */
  credentials: Credentials
  /** API calls made so far (SDK retries not included: the sandbox's call log counts attempts). */
  calls: number
  agent: Agent
  /** An SDK client acting with `credentials` in `region`, its every call counted. */
  client<C>(Client: new (config: ClientConfig) => C, credentials: Credentials, region: string): C
}

export interface ClientConfig {
  endpoint: string
  region: string
  credentials: Credentials
  requestHandler: { httpAgent: Agent }
}

/** The part of an SDK client's middleware stack the counter uses. */
interface MiddlewareStack {
  add(
    middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
    options: { step: 'initialize'; name: string },
  ): void
}

export function connect(endpoint: string, credentials: Credentials, sockets = 64): Connection {
  const connection: Connection = {
    endpoint,
    credentials,
    calls: 0,
    agent: new Agent({ keepAlive: true, maxSockets: sockets }),
    client: (Client, credentials, region) => {
      const client = new Client({
        endpoint,
        region,
        credentials,
        requestHandler: { httpAgent: connection.agent },
      })
      // Counted once per call, before the SDK's retries (the initialize step runs once per send).
      ;(client as unknown as { middlewareStack: MiddlewareStack }).middlewareStack.add(
        (next) => (args) => {
          connection.calls++
          return next(args)
        },
        { step: 'initialize', name: 'countPerAccountCalls' },
      )
      return client
    },
  }
  return connection
}

/** A session of `roleName` in `account`, assumed with the management account's credentials. */
export async function assumeRole(
  connection: Connection,
  account: string,
  roleName: string,
): Promise<Credentials> {
  const sts = connection.client(STSClient, connection.credentials, 'us-east-1')
  const { Credentials: issued } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${account}:role/${roleName}`,
      RoleSessionName: 'per-account-rollout',
    }),
  )
  if (!issued?.AccessKeyId || !issued.SecretAccessKey)
    throw new Error(`AssumeRole into ${account} gave no keys`)
  return {
    accessKeyId: issued.AccessKeyId,
    secretAccessKey: issued.SecretAccessKey,
    ...(issued.SessionToken ? { sessionToken: issued.SessionToken } : {}),
  }
}
