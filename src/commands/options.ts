// Flags shared by every command that talks to AWS, and the parsing of one command's argv. Unknown flags
// and missing values are usage errors (exit 1), never ignored.
import { parseArgs } from 'node:util'
import { UsageError } from '../errors.ts'
import { LOG_LEVELS, type LogLevel } from '../log.ts'

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
export type OptionSpecs = Record<string, OptionSpec>

export const CONFIG_OPTION: OptionSpecs = { config: { type: 'string', short: 'c' } }

export const AWS_OPTIONS: OptionSpecs = {
  sandbox: { type: 'boolean' },
  seed: { type: 'string' },
  accounts: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'role-name': { type: 'string' },
  concurrency: { type: 'string' },
  stats: { type: 'boolean' },
  'connect-timeout': { type: 'string' },
  'call-timeout': { type: 'string' },
  'max-attempts': { type: 'string' },
}

export const OUTPUT_OPTIONS: OptionSpecs = {
  'log-level': { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
}

export const AWS_HELP = `AWS:
  --profile NAME        shared-config profile (SSO profiles work); default: the standard credential chain
  --region REGION       region for STS and regional defaults (default: the config's homeRegion)
  --endpoint-url URL    send every AWS call to this endpoint (AWS_ENDPOINT_URL and
                        AWS_ENDPOINT_URL_<SERVICE> are honoured too)
  --role-name NAME      role assumed in member accounts (default: the config's access.memberRoleName,
                        else OrganizationAccountAccessRole); with a config it must equal
                        access.memberRoleName, which the SCP exemptions and lockout guard are built from
  --concurrency N       changes applied at once (default 8)
  --connect-timeout D   give up connecting to an AWS endpoint after D (default 5s)
  --call-timeout D      give up waiting for one answer after D (default 60s)
  --max-attempts N      attempts per AWS call on throttling, 5xx and timeouts (default 8); then the
                        call fails naming the service, operation and endpoint
  --stats               print the AWS calls made per service and operation, and the wall time, to stderr
  --sandbox             run against a fresh in-process sandbox organization instead of AWS
  --seed FILE           with --sandbox: the organization to simulate (default config/sandbox.yaml)
  --accounts N          with --sandbox: a generated organization of N accounts instead of the seed
Output:
  --log-level LEVEL     ${LOG_LEVELS.join(', ')} (default warn); logs are JSON on stderr
  --no-color            no colour (also off when stdout is not a terminal or NO_COLOR is set)
  -h, --help            this help`

export function parseCommandArgs(command: string, argv: string[], options: OptionSpecs) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional.*$/s, '')
    throw new UsageError(`${command}: ${message}. Run "org-baseline ${command} --help" for the options.`)
  }
}

export function logLevelOf(value: string | undefined): LogLevel {
  if (value === undefined) return 'warn'
  if (!(LOG_LEVELS as string[]).includes(value)) {
    throw new UsageError(`--log-level: "${value}" is not one of ${LOG_LEVELS.join(', ')}`)
  }
  return value as LogLevel
}

export function positiveInteger(flag: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`--${flag}: expected a whole number ≥ ${min}, got "${value}"`)
  }
  return n
}

export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag}: "${value}" is not one of ${allowed.join(', ')}`)
  }
  return value as T
}

/** `90s`, `30m`, `2h` or plain seconds → milliseconds. */
export function duration(flag: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs
  const match = /^(\d+)(s|m|h)?$/.exec(value.trim())
  if (!match) throw new UsageError(`--${flag}: expected a duration such as 90s, 30m or 2h, got "${value}"`)
  const unit = { s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 's' | 'm' | 'h']
  return Number(match[1]) * unit
}
