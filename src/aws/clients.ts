// The one place AWS SDK clients are built. Every client gets the same region handling, credentials,
// endpoint override, retry policy and call counting; modules ask for a client by service, region and
// the account to act in, and never construct one themselves.
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer'
import { AccountClient } from '@aws-sdk/client-account'
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { ConfigServiceClient } from '@aws-sdk/client-config-service'
import { EventBridgeClient } from '@aws-sdk/client-eventbridge'
import { GuardDutyClient } from '@aws-sdk/client-guardduty'
import { IAMClient } from '@aws-sdk/client-iam'
import { Inspector2Client } from '@aws-sdk/client-inspector2'
import { OrganizationsClient } from '@aws-sdk/client-organizations'
import { SecurityHubClient } from '@aws-sdk/client-securityhub'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromNodeProviderChain } from '@aws-sdk/credential-providers'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { AwsCallError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { annotateCalls } from './call-context.ts'
import { CallStats } from './call-stats.ts'
import { nameMissingApis } from './missing-api.ts'
import { paceCalls } from './pace-calls.ts'
import { ProfileNotFound, profileExists } from './profiles.ts'
import { retryStrategy } from './retry-backoff.ts'
import { type SharedClientConfig, sharedClientConfig } from './shared-config.ts'
import { AwsUnreachableError, isNoAnswer, type Timeouts } from './unreachable.ts'
import { isRead, WritesStoppedError } from './writes-gate.ts'

export interface AwsSettings {
  /** Region for regional calls that have no region of their own (STS, the caller identity). */
  region: string
  profile?: string
  /** Overrides every service's endpoint (`--endpoint-url`); `AWS_ENDPOINT_URL*` are honoured by the SDK itself. */
  endpointUrl?: string
  /** Role assumed in member accounts. */
  memberRoleName: string
  /**
   * Taken instead where the member role cannot be assumed (its stack set has not reached the account: the first
   * plan, an account outside the targets or just created). Organizations creates OrganizationAccountAccessRole
   * in every account it creates.
   */
  bootstrapRoleName?: string
  /** Credentials to use instead of the standard chain (the embedded sandbox hands its own). */
  credentials?: AwsCredentialIdentityProvider
  /** Total attempts per call for throttling and transient errors (the SDK's own retry strategy). */
  maxAttempts?: number
  /** Logs every AWS call attempt at debug level (service, operation, region, account, attempt, duration). */
  log?: Logger
  /** Calls a module may have in flight for per-account reads (`--concurrency`; default 8). */
  concurrency?: number
  /** TCP connect timeout per attempt (`--connect-timeout`). */
  connectTimeoutMs?: number
  /** Time for an attempt's answer to arrive once connected (`--call-timeout`). */
  responseTimeoutMs?: number
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000
export const DEFAULT_RESPONSE_TIMEOUT_MS = 60_000
const DEFAULT_MAX_ATTEMPTS = 8

// Organizations and IAM are global services whose endpoints live in us-east-1.
const GLOBAL_REGION = 'us-east-1'
// Refresh assumed-role credentials this long before they expire.
const REFRESH_MARGIN_MS = 5 * 60_000

type ClientClass<C> = new (config: Record<string, unknown>) => C
interface SendingClient {
  middlewareStack: {
    add: (middleware: unknown, options: Record<string, unknown>) => void
  }
}

export class AwsClients {
  readonly stats = new CallStats()
  private readonly base: AwsCredentialIdentityProvider
  private readonly clients = new Map<string, unknown>()
  private readonly assumed = new Map<string, Promise<AwsCredentialIdentity>>()
  private caller?: Promise<string>
  private shared?: SharedClientConfig
  /** Set by an interrupt: no write starts after it, except the ones this predicate lets through. */
  private writesStopped?: {
    reason: string
    allow: (service: string, operation: string, input: unknown) => boolean
  }

  constructor(readonly settings: AwsSettings) {
    this.base = settings.credentials ?? withProfileCheck(settings.profile)
  }

  /** The account the tool's own credentials belong to; run as intended, the management account. */
  callerAccount(): Promise<string> {
    this.caller ??= this.sts()
      .send(new GetCallerIdentityCommand({}))
      .then((identity) => identity.Account ?? '')
      .catch((error) => {
        this.caller = undefined
        throw new AwsCallError('sts:GetCallerIdentity', error, 'check the credentials (profile, environment)')
      })
    return this.caller
  }

  /**
   * The first call of a run, made alone so that missing credentials or an unreachable endpoint fail the
   * same way every time (not as whichever of many concurrent calls gave up first), after a short retry.
   */
  async preflight(): Promise<string> {
    const identity = (maxAttempts: number) =>
      this.client('sts', STSClient, this.settings.region, undefined, maxAttempts)
        .send(new GetCallerIdentityCommand({}))
        .then((answer) => answer.Account ?? '')
    // The short retry is for endpoints that do not answer; an answer that says "later" (throttling, a 5xx)
    // gets the full retry budget, as every other call does.
    this.caller ??= identity(Math.min(3, this.timeouts.maxAttempts)).catch((error) => {
      if (isThrottled(error) || isServerError(error)) return identity(this.timeouts.maxAttempts)
      throw error
    })
    try {
      return await this.caller
    } catch (error) {
      this.caller = undefined
      throw error
    }
  }

  /**
   * From now on every write call fails before it is sent (WritesStoppedError), except those `allow` lets
   * through (the run lease's own tag). Reads go on: waits already under way may still look.
   */
  stopWrites(reason: string, allow: (service: string, operation: string, input: unknown) => boolean): void {
    this.writesStopped = { reason, allow }
  }

  organizations = () => this.client('organizations', OrganizationsClient, GLOBAL_REGION)
  iam = (account?: string) => this.client('iam', IAMClient, GLOBAL_REGION, account)
  sts = (region = this.settings.region) => this.client('sts', STSClient, region)
  account = (account?: string) => this.client('account', AccountClient, GLOBAL_REGION, account)
  cloudformation = (region: string, account?: string) =>
    this.client('cloudformation', CloudFormationClient, region, account)
  guardduty = (region: string, account?: string) => this.client('guardduty', GuardDutyClient, region, account)
  securityhub = (region: string, account?: string) =>
    this.client('securityhub', SecurityHubClient, region, account)
  config = (region: string, account?: string) => this.client('config', ConfigServiceClient, region, account)
  cloudtrail = (region: string, account?: string) =>
    this.client('cloudtrail', CloudTrailClient, region, account)
  events = (region: string, account?: string) => this.client('events', EventBridgeClient, region, account)
  inspector2 = (region: string, account?: string) =>
    this.client('inspector2', Inspector2Client, region, account)
  accessanalyzer = (region: string, account?: string) =>
    this.client('access-analyzer', AccessAnalyzerClient, region, account)

  private client<C>(
    service: string,
    Client: ClientClass<C>,
    region: string,
    account?: string,
    maxAttempts = this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  ): C {
    const key = `${service}|${region}|${account ?? ''}|${maxAttempts}`
    let client = this.clients.get(key) as C | undefined
    if (!client) {
      this.shared ??= sharedClientConfig(this.settings.profile)
      client = new Client({
        ...this.shared,
        region,
        credentials: account ? this.credentialsFor(account) : this.base,
        ...(this.settings.endpointUrl ? { endpoint: this.settings.endpointUrl } : {}),
        maxAttempts,
        retryStrategy: retryStrategy(maxAttempts),
        // Without these a silent endpoint holds a call for ever. throwOnRequestTimeout: the handler only
        // warns otherwise (@smithy/node-http-handler 4.x).
        requestHandler: {
          connectionTimeout: this.timeouts.connectMs,
          requestTimeout: this.timeouts.responseMs,
          throwOnRequestTimeout: true,
        },
      })
      this.count(service, client as unknown as SendingClient)
      paceCalls((client as unknown as SendingClient).middlewareStack)
      annotateCalls(
        (client as unknown as SendingClient).middlewareStack,
        {
          service,
          region,
          ...(account ? { account } : {}),
          ...(this.settings.profile ? { profile: this.settings.profile } : {}),
        },
        this.settings.log,
      )
      nameMissingApis(
        service,
        this.settings.endpointUrl ?? `the ${service} endpoint in ${region}`,
        client as unknown as SendingClient,
      )
      this.nameUnreachable(service, client as unknown as SendingClient)
      this.gateWrites(service, client as unknown as SendingClient)
      this.clients.set(key, client)
    }
    return client
  }

  /** Credentials to act in `account`: the tool's own when it is the caller's account, else the member role. */
  private credentialsFor(account: string): AwsCredentialIdentityProvider {
    return async () => ((await this.callerAccount()) === account ? this.base() : this.assume(account))
  }

  private assume(account: string): Promise<AwsCredentialIdentity> {
    const cached = this.assumed.get(account)
    if (cached) {
      return cached.then((credentials) =>
        (credentials.expiration?.getTime() ?? 0) - Date.now() > REFRESH_MARGIN_MS
          ? credentials
          : this.refresh(account),
      )
    }
    return this.refresh(account)
  }

  private refresh(account: string): Promise<AwsCredentialIdentity> {
    const { memberRoleName, bootstrapRoleName } = this.settings
    const member = this.assumeRole(account, memberRoleName)
    const pending =
      bootstrapRoleName && bootstrapRoleName !== memberRoleName
        ? member.catch(() => this.assumeRole(account, bootstrapRoleName))
        : member
    pending.catch(() => this.assumed.delete(account))
    this.assumed.set(account, pending)
    return pending
  }

  private assumeRole(account: string, roleName: string): Promise<AwsCredentialIdentity> {
    const roleArn = `arn:aws:iam::${account}:role/${roleName}`
    return this.sts()
      .send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'org-baseline', DurationSeconds: 3600 }),
      )
      .then(({ Credentials: c }) => {
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials')
        return {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
          expiration: c.Expiration,
        }
      })
      .catch((error) => {
        throw new AwsCallError(
          `sts:AssumeRole ${roleArn}`,
          error,
          `the role must exist in account ${account} and trust the management account (--role-name sets its name)`,
        )
      })
  }

  private get timeouts(): Timeouts {
    return {
      connectMs: this.settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      responseMs: this.settings.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS,
      maxAttempts: this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    }
  }

  /** Outermost: once the SDK's retries are spent on a call that got no answer, say which call and where. */
  private nameUnreachable(service: string, client: SendingClient): void {
    client.middlewareStack.add(
      (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string; endpointV2?: { url?: URL } },
      ) =>
        (args: unknown) =>
          next(args).catch((error: unknown) => {
            if (!isNoAnswer(error)) throw error
            const endpoint = context.endpointV2?.url?.href ?? this.settings.endpointUrl ?? 'the AWS endpoint'
            const operation = context.commandName?.replace(/Command$/, '') ?? 'unknown'
            throw new AwsUnreachableError(service, operation, endpoint, this.timeouts, error)
          }),
      { step: 'initialize', priority: 'high', name: 'orgBaselineUnreachable' },
    )
  }

  private gateWrites(service: string, client: SendingClient): void {
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
        const operation = context.commandName?.replace(/Command$/, '') ?? 'unknown'
        const stopped = this.writesStopped
        const input = (args as { input?: unknown }).input
        if (stopped && !isRead(operation) && !stopped.allow(service, operation, input))
          return Promise.reject(new WritesStoppedError(`${service}:${operation}`, stopped.reason))
        return next(args)
      },
      { step: 'initialize', priority: 'low', name: 'orgBaselineWritesGate' },
    )
  }

  private count(service: string, client: SendingClient): void {
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
        this.stats.recordCall(service, context.commandName?.replace(/Command$/, '') ?? 'unknown')
        return next(args)
      },
      { step: 'initialize', name: 'orgBaselineCallCount' },
    )
    // After the retry middleware, so every attempt passes through it.
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
        this.stats.recordAttempt(service, context.commandName?.replace(/Command$/, '') ?? 'unknown')
        return next(args)
      },
      { step: 'finalizeRequest', priority: 'low', name: 'orgBaselineAttemptCount' },
    )
  }
}

/** The standard chain; when it fails for a --profile that no file defines, says so instead. */
function withProfileCheck(profile: string | undefined): AwsCredentialIdentityProvider {
  const chain = fromNodeProviderChain(profile ? { profile } : {})
  if (!profile) return chain
  return (options) =>
    chain(options).catch(async (error) => {
      throw (await profileExists(profile)) ? error : new ProfileNotFound(profile)
    })
}

// The throttling codes the SDK's standard retry strategy recognises (@smithy/service-error-classification).
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
])

function isServerError(error: unknown): boolean {
  return ((error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode ?? 0) >= 500
}

function isThrottled(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean } }
  return Boolean(e?.$retryable?.throttling) || THROTTLING_CODES.has(e?.name ?? '')
}
