// `sandbox serve`: the simulated organization as a standalone endpoint, so any AWS client (the AWS CLI,
// another tool, org-baseline itself with --endpoint-url) can be pointed at it.
import { UsageError } from '../errors.ts'
import type { Io } from './io.ts'
import { oneOf, parseCommandArgs, port as portOf, positiveInteger, region as regionOf } from './options.ts'

export const SANDBOX_HELP = `Usage: org-baseline sandbox serve [--port 4566] [--seed FILE] [--accounts N --regions r1,r2]
                                [--latency-ms X] [--throttle off|aws] [--faults SPEC] [--speed N]
                                [--consistency strong|eventual] [--consistency-seed N] [--timing off|aws]

Serves a simulated AWS Organization on 127.0.0.1 that answers the real AWS wire protocols
(Organizations, STS, IAM, CloudFormation, GuardDuty, Security Hub, Config, CloudTrail, EventBridge,
Account, S3, SNS, Inspector, IAM Access Analyzer). Prints the endpoint and credentials of the management account's role org-baseline (a session
that does not expire), then runs until interrupted.

  --port N              port on 127.0.0.1 (default 4566; 0 picks a free one)
  --seed FILE           the organization to simulate (default config/sandbox.yaml)
  --accounts N          a generated organization of N accounts instead of a seed
  --regions LIST        with --accounts: the regions it uses (comma-separated)
  --latency-ms X        real milliseconds added to every answer (default 0)
  --throttle MODE       off (default) or aws: per-API rate limits answered with AWS's throttling errors
  --faults SPEC         injected faults, e.g. throttle=0.2,5xx=0.05,conflict=0.2@AttachPolicy
  --speed N             simulated seconds per real second (default 60)
  --consistency MODE    strong (default) or eventual: empty pages, pending policy types, lagging
                        stack set operation lists, delayed settings and stale tags, from a seeded PRNG
  --consistency-seed N  seed of that PRNG (default 1)
  --timing PROFILE      off (default) or aws: calls and stack instances take AWS's time, StackSets quotas and
                        --throttle aws apply, on a clock that skips waits (GET /_sandbox/clock reads it)
  -h, --help            this help`

export async function sandboxCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    io.stdout.write(`${SANDBOX_HELP}\n`)
    return sub === undefined ? 1 : 0
  }
  if (sub !== 'serve') throw new UsageError(`sandbox: unknown subcommand "${sub}" — the only one is "serve"`)
  const { values } = parseCommandArgs('sandbox serve', rest, {
    port: { type: 'string' },
    seed: { type: 'string' },
    accounts: { type: 'string' },
    regions: { type: 'string' },
    'latency-ms': { type: 'string' },
    throttle: { type: 'string' },
    faults: { type: 'string' },
    speed: { type: 'string' },
    consistency: { type: 'string' },
    'consistency-seed': { type: 'string' },
    timing: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  })
  if (values.help) {
    io.stdout.write(`${SANDBOX_HELP}\n`)
    return 0
  }
  const port = portOf('port', values.port as string | undefined, 4566)
  const { startSandbox } = await import('../sandbox/index.ts')
  const regions = values.regions
    ? (values.regions as string).split(',').map((r) => regionOf('regions', r.trim()) as string)
    : undefined
  const timing = oneOf('timing', values.timing as string | undefined, ['off', 'aws'] as const, 'off')
  const sandbox = await startSandbox({
    port,
    timing,
    ...(values.seed ? { seed: values.seed as string } : {}),
    ...(values.accounts ? { accounts: positiveInteger('accounts', values.accounts as string, 1) } : {}),
    ...(regions ? { regions } : {}),
    latencyMs: positiveInteger('latency-ms', values['latency-ms'] as string | undefined, 0, 0),
    // The aws timing profile implies AWS's rate limits unless --throttle says otherwise.
    throttle: oneOf(
      'throttle',
      values.throttle as string | undefined,
      ['off', 'aws'] as const,
      timing === 'aws' ? 'aws' : 'off',
    ),
    ...(values.faults ? { faults: values.faults as string } : {}),
    speed: positiveInteger('speed', values.speed as string | undefined, 60),
    consistency: oneOf(
      'consistency',
      values.consistency as string | undefined,
      ['strong', 'eventual'] as const,
      'strong',
    ),
    consistencySeed: positiveInteger(
      'consistency-seed',
      values['consistency-seed'] as string | undefined,
      1,
      0,
    ),
  }).catch((error) => {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error
    throw new UsageError(
      `port ${port} on 127.0.0.1 is already in use (another sandbox?) — stop that process, choose another port with --port N, or --port 0 for a free one`,
    )
  })
  io.stdout.write(
    [
      `Sandbox organization listening on ${sandbox.endpoint}`,
      `  export AWS_ENDPOINT_URL=${sandbox.endpoint}`,
      `  export AWS_ACCESS_KEY_ID=${sandbox.credentials.accessKeyId}`,
      `  export AWS_SECRET_ACCESS_KEY=${sandbox.credentials.secretAccessKey}`,
      `  export AWS_SESSION_TOKEN=${sandbox.credentials.sessionToken ?? ''}`,
      `  export AWS_REGION=${sandbox.region}`,
      `Management account ${sandbox.world.managementAccountId}, ${sandbox.world.accounts.size} accounts. Ctrl-C stops it.`,
      '',
    ].join('\n'),
  )
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await sandbox.close()
  return 0
}
