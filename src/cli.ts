// Entry point: picks the command, runs it, and maps what happened to an exit code — 0 done / in sync,
// 2 changes pending (plan/drift only with --detailed-exitcode), 1 error. Errors are printed as one clear
// message on stderr (src/commands/describe-error.ts), never a stack trace.
// Commands load on demand, so `--version`, `--help` and offline commands never load the AWS SDK.
import { readFileSync, realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describeError } from './commands/describe-error.ts'
import { type Io, processIo } from './commands/io.ts'
import { packagePath } from './config/package-paths.ts'
import { UsageError } from './errors.ts'
import { discardPreloadedSandbox, preloadSandbox } from './sandbox/in-worker.ts'

type Run = (argv: string[], io: Io) => Promise<number>
type Command = { load: () => Promise<Run>; summary: string }

export const COMMANDS: Record<string, Command> = {
  init: {
    load: async () => (await import('./commands/init.ts')).initCommand,
    summary: 'write a starter config with the accounts and OUs of your organization',
  },
  validate: {
    load: async () => (await import('./commands/validate.ts')).validateCommand,
    summary: 'check the config offline (schema, regions, SCP files, limits)',
  },
  plan: {
    load: async () => (await import('./commands/plan.ts')).planCommand,
    summary: 'show what apply would change',
  },
  apply: {
    load: async () => (await import('./commands/apply.ts')).applyCommand,
    summary: 'make the organization match the baseline',
  },
  drift: {
    load: async () => (await import('./commands/drift.ts')).driftCommand,
    summary: 'report what moved out of band, apart from config changes',
  },
  reconcile: {
    load: async () => (await import('./commands/reconcile.ts')).reconcileCommand,
    summary: 'the scheduled job: drift, repair, final report',
  },
  onboard: {
    load: async () => (await import('./commands/onboard.ts')).onboardCommand,
    summary: 'bring one account under the baseline and verify every control',
  },
  'audit-root': {
    load: async () => (await import('./commands/audit-root.ts')).auditRootCommand,
    summary: 'root user posture (password, access keys, MFA) of every account',
  },
  'iam-policy': {
    load: async () => (await import('./commands/iam-policy.ts')).iamPolicyCommand,
    summary: 'the least-privilege IAM policy for the configured modules',
  },
  unlock: {
    load: async () => (await import('./commands/unlock.ts')).unlockCommand,
    summary: 'release the run lease a vanished apply or reconcile left on the organization',
  },
  status: {
    load: async () => (await import('./commands/status.ts')).statusCommand,
    summary: 'coverage of every control by account and region, with the reason for each gap (--html FILE)',
  },
  report: {
    load: async () => (await import('./commands/status.ts')).statusCommand,
    summary: 'the same as status',
  },
  sandbox: {
    load: async () => (await import('./commands/sandbox-serve.ts')).sandboxCommand,
    summary: 'serve the simulated organization (sandbox serve)',
  },
  completion: {
    load: async () => (await import('./commands/completion.ts')).completionCommand,
    summary: 'print a shell completion script (completion bash|zsh)',
  },
}

export const version = (): string =>
  JSON.parse(readFileSync(packagePath('package.json'), 'utf8')).version as string

const help = () => `org-baseline ${version()} — an AWS Organization's security baseline, planned and applied.

Usage: org-baseline <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`)
  .join('\n')}

Run "org-baseline help <command>" (or "<command> --help") for a command's options.
  -v, --version   the version
Exit codes: 0 done or in sync, 1 error; 2 changes pending with plan/drift --detailed-exitcode,
and when reconcile or onboard leave something undone.`

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === '--help' || command === '-h') {
      io.stdout.write(`${help()}\n`)
      return command === undefined ? 1 : 0
    }
    if (command === 'help') {
      const [topic, ...extra] = rest
      if (topic === undefined) return main(['--help'], io)
      if (extra.length > 0) throw new UsageError(`help takes one command, got "${rest.join(' ')}"`)
      return main([topic, '--help'], io)
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout.write(`${version()}\n`)
      return 0
    }
    const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
    if (!entry)
      throw new UsageError(
        `unknown command "${command}" — commands are ${Object.keys(COMMANDS).join(', ')} (org-baseline --help)`,
      )
    // The sandbox's thread loads while the command and the config do (sandbox/in-worker.ts).
    if (command !== 'sandbox' && rest.includes('--sandbox')) preloadSandbox()
    return await (await entry.load())(rest, io)
  } catch (error) {
    io.stderr.write(`${describeError(error)}\n`)
    return 1
  } finally {
    // A run that ended before it asked for the sandbox (a bad flag, an invalid config) leaves none behind.
    discardPreloadedSandbox()
  }
}

/** Runs the CLI on the process's argv and streams (bin/org-baseline.js, or this file run directly). */
export async function run(): Promise<void> {
  // The SDK warns on every run that its 2027 releases need Node 22; the README says so once instead.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  quietOnBrokenPipe()
  process.exitCode = await main(process.argv.slice(2))
  // A run stopped by SIGINT / SIGTERM has reported and released its lease; waits it abandoned must not
  // keep the process alive (they can start no write: the client factory refuses them).
  if (process.exitCode === 130 || process.exitCode === 143) process.exit(process.exitCode)
}

/** `org-baseline plan | head` closes stdout early: that is the reader's choice, not an error. */
function quietOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
      throw error
    })
  }
}

const self = fileURLToPath(import.meta.url)
const invoked = process.argv[1] ? realpathOrSelf(process.argv[1]) : ''
if (invoked === self) await run()

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}
