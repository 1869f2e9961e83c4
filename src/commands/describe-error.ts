// The one place an error becomes the message a person reads. It names the cause (never a class name),
// says what to do, and reads the same every time the same cause recurs — no request ids, timings or
// stack traces. AWS errors are recognised by their cause, wherever a command wrapped them.
import { type CallContext, callOf } from '../aws/call-context.ts'
import { AwsUnreachableError } from '../aws/unreachable.ts'
import { isOptInRegion } from '../config/regions.ts'
import { OrgBaselineError } from '../errors.ts'

type Cause = Error & { code?: string; $metadata?: { attempts?: number }; address?: string; port?: number }

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  TimeoutError: 'timed out',
}
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired'])
const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
])
const BAD_TOKEN = new Set(['UnrecognizedClientException', 'InvalidClientTokenId'])

export function describeError(error: unknown): string {
  if (isConfigError(error)) return String(error)
  const cause = rootCause(error)
  const known = cause && explain(cause, callOf(cause) ?? callOf(error), unreachableIn(error))
  if (known) return `error: ${known}`
  if (error instanceof OrgBaselineError) return `error: ${error.message}`
  const e = error as Cause | undefined
  const code = e?.code ?? ''
  // A bug of the tool's own is still one line; --log-level debug has the call log that led to it.
  return `error: ${e?.message ?? String(error)}${code && !e?.message?.includes(code) ? ` (${code})` : ''}`
}

/** The tool's own wrapper of a call that got no answer, if the error chain holds one (it knows the timeouts). */
function unreachableIn(error: unknown): AwsUnreachableError | undefined {
  let current = error as { cause?: unknown } | undefined
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof AwsUnreachableError) return current
    current = current.cause as { cause?: unknown } | undefined
  }
  return undefined
}

const isConfigError = (error: unknown): boolean => (error as { code?: string })?.code === 'CONFIG_INVALID'

/** The innermost error that came from the SDK or the network (an AwsCallError's cause, a cause's cause). */
function rootCause(error: unknown): Cause | undefined {
  let current = error as Cause | undefined
  for (let depth = 0; current && depth < 5; depth++) {
    const next = (current as { cause?: unknown }).cause as Cause | undefined
    if (!next || typeof next !== 'object') return current
    current = next
  }
  return current
}

const where = (call: CallContext | undefined) =>
  call
    ? `${call.service}:${call.operation}${call.account ? ` in account ${call.account}` : ''} (${call.region})`
    : ''

const profileHint = (call: CallContext | undefined) => call?.profile ?? process.env.AWS_PROFILE

function explain(
  cause: Cause,
  call: CallContext | undefined,
  unreachable?: AwsUnreachableError,
): string | undefined {
  const name = cause.name ?? ''
  const code = cause.code ?? name
  const message = cause.message ?? ''
  const profile = profileHint(call)

  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    const missingProfile =
      /profile: \[([^\]]+)\]/.exec(message)?.[1] ??
      /Profile (\S+) (?:could not be found|was not found)/.exec(message)?.[1]
    if (missingProfile) {
      return `AWS profile "${missingProfile}" does not exist in ~/.aws/config or ~/.aws/credentials — list the profiles with "aws configure list-profiles", create one with "aws configure sso --profile ${missingProfile}", or pass an existing one with --profile NAME`
    }
    if (/SSO session .*(expired|invalid)|re-authenticate|aws sso login/i.test(message)) {
      return `the SSO session${profile ? ` of profile "${profile}"` : ''} has expired — run "aws sso login --profile ${profile ?? 'NAME'}" and try again`
    }
    return [
      'no AWS credentials found. Tried, in order: environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY),',
      `  the shared config and credentials files (~/.aws/config, ~/.aws/credentials; profile "${profile ?? 'default'}", SSO included),`,
      '  a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), credential_process, and container / EC2 instance metadata.',
      'To fix it:',
      '  - IAM Identity Center (SSO): aws sso login --profile NAME, then run with --profile NAME',
      '  - a profile you already have: --profile NAME (or export AWS_PROFILE=NAME)',
      '  - to try the tool without AWS: add --sandbox',
    ].join('\n')
  }

  if (UNREACHABLE[code] || UNREACHABLE[name]) {
    const endpoint =
      call?.endpoint ??
      (cause.address ? `${cause.address}${cause.port ? `:${cause.port}` : ''}` : 'its endpoint')
    const attempts = cause.$metadata?.attempts ?? call?.attempts
    const calling = call ? ` calling ${call.service}:${call.operation}` : ''
    const limits = unreachable
      ? `; connect timeout ${unreachable.timeouts.connectMs / 1000}s, response timeout ${unreachable.timeouts.responseMs / 1000}s (--connect-timeout, --call-timeout)`
      : ''
    return `cannot reach the ${call?.service ?? 'AWS'} endpoint ${endpoint} (${UNREACHABLE[code] ?? UNREACHABLE[name]}${attempts && attempts > 1 ? `, ${attempts} attempts` : ''})${calling}${limits} — check --endpoint-url / AWS_ENDPOINT_URL, the network and any proxy (HTTPS_PROXY)${call ? `, and that ${call.service} is offered in ${call.region}` : ''}`
  }

  if (EXPIRED.has(code) || /security token included in the request is expired/i.test(message)) {
    return `the session credentials have expired${call ? ` (${where(call)})` : ''} — renew them (${profile ? `aws sso login --profile ${profile}` : 'aws sso login --profile NAME'}, or fresh credentials from your identity provider) and run again`
  }

  if (DENIED.has(code)) {
    const match = /User: (\S+) is not authorized to perform: (\S+)/.exec(message)
    const principal =
      match?.[1] ?? (call?.account ? `the member role in account ${call.account}` : "the tool's credentials")
    const action = match?.[2] ?? (call ? `${call.service}:${call.operation}` : 'the call')
    return `access denied: ${principal} may not perform ${action}${call ? ` (${where(call)})` : ''} — give the role the policy printed by "org-baseline iam-policy" (${call?.account ? '"iam-policy --role member" for member accounts' : 'the tool role in the management account'}); an SCP or permissions boundary can also deny it`
  }

  if (BAD_TOKEN.has(code) && call && isOptInRegion(call.region)) {
    return `region ${call.region} is not enabled in ${call.account ? `account ${call.account}` : "the tool's account"} (${where(call)}) — enable it (Account settings → AWS Regions) or remove it from regions.optIn in the config`
  }
  if (BAD_TOKEN.has(code)) {
    return `AWS does not recognise the access key (${where(call) || code}) — the credentials are wrong or deleted: check AWS_ACCESS_KEY_ID / --profile`
  }

  // A service that kept failing or throttling through every retry: say which call, and that a rerun finishes.
  const status = (cause as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0
  if (call && (status >= 500 || status === 429)) {
    const attempts = cause.$metadata?.attempts ?? call.attempts
    return `AWS answered ${where(call)} with ${code} (HTTP ${status})${attempts > 1 ? ` on all ${attempts} attempts` : ''}: "${message}" — the service is failing or throttling for now: run again later (a rerun finishes what this run started); --max-attempts raises the retry budget`
  }

  if (code === 'AWSOrganizationsNotInUseException') {
    return `the credentials' account is not in an AWS Organization — run the tool with credentials of your organization's management account (--profile NAME)`
  }
  return undefined
}
