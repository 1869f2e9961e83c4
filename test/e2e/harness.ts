// Runs the CLI in-process against a sandbox the test started, through --endpoint-url like any endpoint,
// and captures what it prints.
import { PassThrough } from 'node:stream'
import { spendWaitsOn } from '../../src/aws/poll.ts'
import { main } from '../../src/cli.ts'
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.ts'
import { FAULTS_MAX_ATTEMPTS, sandboxSleep, testSandboxOptions } from './test-sandbox.ts'

export const EXAMPLE = 'config/org.example.yaml'

export interface Run {
  code: number
  stdout: string
  stderr: string
}

function sink() {
  const stream = new PassThrough()
  let text = ''
  stream.on('data', (chunk) => {
    text += String(chunk)
  })
  return { stream, text: () => text }
}

/** Sandboxes startTestSandbox gave the soak's faults mode (a suite's own fault spec is not among them). */
const faultsModed = new WeakSet<Sandbox>()

/**
 * Runs `org-baseline <argv>`; with a sandbox, against it, as its management account's role org-baseline.
 * `ttyStderr`: stderr claims to be a terminal (progress draws its live line).
 */
export async function cli(
  argv: string[],
  sandbox?: Sandbox,
  options: { ttyStderr?: boolean } = {},
): Promise<Run> {
  const out = sink()
  const err = sink()
  if (options.ttyStderr) (err.stream as PassThrough & { isTTY?: boolean }).isTTY = true
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean }
  // The e2e suites assert exit 2 for pending changes: plan and drift give it with --detailed-exitcode.
  const detailed =
    (argv[0] === 'plan' || argv[0] === 'drift') && !argv.includes('--help') ? ['--detailed-exitcode'] : []
  const attempts = sandbox && !argv.includes('--max-attempts') ? attemptBudget(sandbox) : []
  const args = sandbox
    ? [...argv, ...detailed, ...attempts, '--endpoint-url', sandbox.endpoint, '--log-level', 'silent']
    : [...argv, ...detailed]
  const code = await main(args, {
    stdout: out.stream,
    stderr: err.stream,
    stdin,
    ...(sandbox ? { credentials: async () => sandbox.credentials } : {}),
  })
  return { code, stdout: out.text(), stderr: err.text() }
}

/**
 * The tool's retry budget against this sandbox, as arguments: the soak's faults mode refuses a call in four,
 * which the default budget does not always outlast (test-sandbox.ts). Also for a CLI run in a child process.
 */
export const attemptBudget = (sandbox: Sandbox): string[] =>
  faultsModed.has(sandbox) ? ['--max-attempts', String(FAULTS_MAX_ATTEMPTS)] : []

/**
 * Runs `body` against a fresh sandbox, in the mode ORG_BASELINE_TEST_SANDBOX asks for (test-sandbox.ts);
 * `strongOnly` is the reason a test cannot hold under eventual consistency and faults.
 */
export async function withSandbox(
  options: SandboxOptions,
  body: (sandbox: Sandbox) => Promise<void>,
  strongOnly?: string,
) {
  const sandbox = await startTestSandbox(options, strongOnly)
  try {
    await body(sandbox)
  } finally {
    await sandbox.close()
  }
}

/**
 * startSandbox in the test mode (for suites that keep one sandbox across tests). Under a mode, the tool's
 * waits (polls, SDK and conflict backoff) run on the sandbox's fast clock until the sandbox closes.
 */
export async function startTestSandbox(options: SandboxOptions = {}, strongOnly?: string): Promise<Sandbox> {
  const moded = testSandboxOptions(options, strongOnly)
  const sandbox = await startSandbox(moded)
  if (moded.faults && !options.faults) faultsModed.add(sandbox)
  if (moded === options || options.timing) return sandbox
  const restore = spendWaitsOn(sandboxSleep(sandbox.world.clock.speed))
  const close = sandbox.close.bind(sandbox)
  sandbox.close = () => {
    restore()
    return close()
  }
  return sandbox
}

// Reads, and taking a role (which changes nothing in the organization).
const READ = /^(Describe|List|Get|AssumeRole$)/

/** Write calls the sandbox answered, as `service:Operation`. */
export const writes = (sandbox: Sandbox) =>
  sandbox.calls.entries.filter((c) => !READ.test(c.operation)).map((c) => `${c.service}:${c.operation}`)

/** Lines of a plan that name changes: `+ address`, `~ address`, `- address`. */
export const changeLines = (stdout: string) =>
  stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[+~-] [a-z-]+[.[]/.test(l))
    .map((l) => l.replace(/\s{2,}.*$/, '').replace(/ \[.*\]$/, ''))
