// Entry point: picks the command, runs it, and maps what happened to an exit code — 0 done / in sync,
// 2 changes pending, 1 error. Errors are printed as one clear message on stderr, never a stack trace,
// unless --log-level debug asks for detail.
import { readFileSync } from 'node:fs'
import { applyCommand } from './commands/apply.ts'
import { auditRootCommand } from './commands/audit-root.ts'
import { driftCommand } from './commands/drift.ts'
import { iamPolicyCommand } from './commands/iam-policy.ts'
import { type Io, processIo } from './commands/io.ts'
import { onboardCommand } from './commands/onboard.ts'
import { planCommand } from './commands/plan.ts'
import { reconcileCommand } from './commands/reconcile.ts'
import { sandboxCommand } from './commands/sandbox-serve.ts'
import { unlockCommand } from './commands/unlock.ts'
import { validateCommand } from './commands/validate.ts'
import { ConfigError } from './config/errors.ts'
import { OrgBaselineError, UsageError } from './errors.ts'

const COMMANDS: Record<string, { run: (argv: string[], io: Io) => Promise<number>; summary: string }> = {
  validate: {
    run: validateCommand,
    summary: 'check the config offline (schema, regions, SCP files, limits)',
  },
  plan: { run: planCommand, summary: 'show what apply would change (exit 2 when changes are pending)' },
  apply: { run: applyCommand, summary: 'make the organization match the baseline' },
  drift: {
    run: driftCommand,
    summary: 'report what moved out of band, apart from config changes (exit 2 when any)',
  },
  reconcile: { run: reconcileCommand, summary: 'the scheduled job: drift, repair, final report' },
  onboard: { run: onboardCommand, summary: 'bring one account under the baseline and verify every control' },
  'audit-root': {
    run: auditRootCommand,
    summary: 'root user posture (password, access keys, MFA) of every account',
  },
  'iam-policy': {
    run: iamPolicyCommand,
    summary: 'the least-privilege IAM policy for the configured modules',
  },
  unlock: {
    run: unlockCommand,
    summary: 'release the run lease a vanished apply or reconcile left on the organization',
  },
  sandbox: { run: sandboxCommand, summary: 'serve the simulated organization (sandbox serve)' },
}

export const version = (): string =>
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version as string

const HELP = `org-baseline ${version()} — an AWS Organization's security baseline, planned and applied.

Usage: org-baseline <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "org-baseline <command> --help" for a command's options.
Exit codes: 0 done or in sync, 2 changes pending, 1 error.`

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(`${HELP}\n`)
      return command === undefined ? 1 : 0
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${version()}\n`)
      return 0
    }
    const entry = COMMANDS[command]
    if (!entry)
      throw new UsageError(`unknown command "${command}" — commands are ${Object.keys(COMMANDS).join(', ')}`)
    return await entry.run(rest, io)
  } catch (error) {
    io.stderr.write(`${describeError(error)}\n`)
    return 1
  }
}

export function describeError(error: unknown): string {
  if (error instanceof ConfigError) return error.toString()
  if (error instanceof OrgBaselineError) return `error: ${error.message}`
  const name = (error as Error)?.name ?? 'Error'
  return `error: ${name}: ${(error as Error)?.message ?? String(error)}`
}

// Run when executed directly (tsx src/cli.ts, bin/org-baseline.js), not when imported by tests.
const entry = process.argv[1] ?? ''
if (entry.endsWith('cli.ts') || entry.endsWith('org-baseline.js') || entry.endsWith('org-baseline')) {
  // The SDK warns on every run that its 2027 releases need Node 22; the README says so once instead.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  process.exitCode = await main(process.argv.slice(2))
  // A run stopped by SIGINT / SIGTERM has reported and released its lease; waits it abandoned must not
  // keep the process alive (they can start no write: the client factory refuses them).
  if (process.exitCode === 130 || process.exitCode === 143) process.exit(process.exitCode)
}
