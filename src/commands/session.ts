// What a command that talks to AWS needs: a logger, the one client factory, and — with --sandbox — an
// in-process simulated organization that the clients reach through endpoint override like any endpoint.
import { AwsClients, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_RESPONSE_TIMEOUT_MS } from '../aws/clients.ts'
import type { Baseline } from '../config/baseline.ts'
import { packagePath } from '../config/package-paths.ts'
import { UsageError } from '../errors.ts'
import { createLogger, type Logger } from '../log.ts'
import { startSandboxThread } from '../sandbox/in-worker.ts'
import type { Io } from './io.ts'
import { duration, logLevelOf, positiveInteger, region as regionOf } from './options.ts'

export interface Session {
  aws: AwsClients
  log: Logger
  concurrency: number
  close(): Promise<void>
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

const DEFAULT_SEED = packagePath('config/sandbox.yaml')

export async function openSession(
  values: Values,
  io: Io,
  defaults: { region: string; memberRoleName: string; bootstrapRoleName?: string },
): Promise<Session> {
  const log = createLogger(logLevelOf(values['log-level'] as string | undefined))
  const concurrency = positiveInteger('concurrency', values.concurrency as string | undefined, 8)
  const region = regionOf('region', values.region as string | undefined) ?? defaults.region
  const memberRoleName = (values['role-name'] as string | undefined) ?? defaults.memberRoleName
  let endpointUrl = values['endpoint-url'] as string | undefined
  let credentials = io.credentials
  let close = async () => {}

  if (values.sandbox) {
    if (endpointUrl) throw new UsageError('--sandbox and --endpoint-url cannot be used together')
    // The CLI wiring is the one place outside src/sandbox allowed to start it (DESIGN.md §4); it runs on a
    // thread of its own (sandbox/in-worker.ts), which cli.ts started loading when it saw --sandbox.
    const accounts =
      values.accounts === undefined ? undefined : positiveInteger('accounts', values.accounts as string, 1)
    const sandbox = await startSandboxThread(
      accounts ? { accounts } : { seed: (values.seed as string | undefined) ?? DEFAULT_SEED },
      (error) => log.error({ err: error }, 'the sandbox thread failed: calls to it will fail'),
    )
    endpointUrl = sandbox.endpoint
    credentials = async () => sandbox.credentials
    close = () => sandbox.close()
    log.info({ endpoint: sandbox.endpoint }, 'sandbox started')
  } else if (values.seed || values.accounts) {
    throw new UsageError('--seed and --accounts only make sense with --sandbox')
  }

  const aws = new AwsClients({
    region,
    log,
    memberRoleName,
    // --role-name asks for exactly that role: no fallback then.
    ...(defaults.bootstrapRoleName && values['role-name'] === undefined
      ? { bootstrapRoleName: defaults.bootstrapRoleName }
      : {}),
    ...(typeof values.profile === 'string' ? { profile: values.profile } : {}),
    ...(endpointUrl ? { endpointUrl } : {}),
    ...(credentials ? { credentials } : {}),
    connectTimeoutMs: duration(
      'connect-timeout',
      values['connect-timeout'] as string | undefined,
      DEFAULT_CONNECT_TIMEOUT_MS,
    ),
    responseTimeoutMs: duration(
      'call-timeout',
      values['call-timeout'] as string | undefined,
      DEFAULT_RESPONSE_TIMEOUT_MS,
    ),
    maxAttempts: positiveInteger('max-attempts', values['max-attempts'] as string | undefined, 8),
    concurrency,
  })
  return { aws, log, concurrency, close }
}

/**
 * Runs a command's body in a session opened with the config's defaults (home region, member role), and
 * on every exit path prints --stats and closes it (and the embedded sandbox, if any).
 */
export async function withSession<T>(
  values: Values,
  io: Io,
  baseline: Baseline | undefined,
  body: (session: Session) => Promise<T>,
): Promise<T> {
  const roleName = values['role-name'] as string | undefined
  const configured = baseline?.config.access.memberRoleName
  // The SCP exemptions, the lockout guard and iam-policy are built from the config's role: a run that
  // assumes another role would be judged against rules written for a role it does not use.
  if (baseline && roleName !== undefined && roleName !== configured) {
    throw new UsageError(
      `--role-name ${roleName} differs from access.memberRoleName (${configured}) in ${baseline.file} — the SCP exemptions and the lockout guard are built from the config: set access.memberRoleName: ${roleName} there, or drop --role-name`,
    )
  }
  const session = await openSession(values, io, {
    region: baseline?.config.homeRegion ?? 'us-east-1',
    memberRoleName: baseline?.config.access.memberRoleName ?? 'OrganizationAccountAccessRole',
    ...(baseline ? { bootstrapRoleName: baseline.config.access.bootstrapRoleName } : {}),
  })
  try {
    await session.aws.preflight()
    return await body(session)
  } finally {
    if (values.stats) io.stderr.write(`${session.aws.stats.format()}\n`)
    await session.close()
  }
}
