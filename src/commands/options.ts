// Flags shared by every command that talks to AWS, and the parsing of one command's argv. Unknown flags
// and missing values are usage errors (exit 1), never ignored.
import { parseArgs } from 'node:util'
import { DEFAULT_REGIONS, OPT_IN_REGIONS } from '../config/regions.ts'
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

/**
 * Parses one command's argv. `positionals` names the arguments the command takes (none by default): any
 * other word is an error, so `plan staging.yaml` cannot silently plan config/org.yaml.
 */
export function parseCommandArgs(
  command: string,
  argv: string[],
  options: OptionSpecs,
  positionals: string[] = [],
) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: OptionSpecs; allowPositionals: true; strict: true }>
  >
  try {
    parsed = parseArgs({
      args: joinNegativeNumbers(argv, options),
      options,
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional.*$/s, '')
    throw new UsageError(`${command}: ${message}. Run "org-baseline ${command} --help" for the options.`)
  }
  const extra = parsed.positionals.slice(positionals.length)
  if (extra.length > 0) {
    const file = extra.find((p) => /\.ya?ml$/.test(p))
    const takes = positionals.length ? `takes ${positionals.join(' ')}` : 'takes no arguments'
    throw new UsageError(
      `${command}: unexpected argument "${extra.join(' ')}" — ${command} ${takes}${file ? `; to use ${file} as the config: -c ${file}` : ''}. Run "org-baseline ${command} --help" for the options.`,
    )
  }
  return parsed
}

/** `--concurrency -5` reaches the number check (a clear message) instead of parseArgs' "ambiguous" error. */
function joinNegativeNumbers(argv: string[], options: OptionSpecs): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const next = argv[i + 1]
    const name = arg.startsWith('--') ? arg.slice(2) : undefined
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`)
      i++
    } else out.push(arg)
  }
  return out
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

/** `90s`, `30m`, `2h`, `1h30m` or plain seconds → milliseconds. */
export function duration(flag: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs
  const text = value.trim()
  const units = { h: 3_600_000, m: 60_000, s: 1000 } as const
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text)
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!text || !match) {
    throw new UsageError(`--${flag}: expected a duration such as 90s, 30m, 2h or 1h30m, got "${value}"`)
  }
  return Number(match[1] ?? 0) * units.h + Number(match[2] ?? 0) * units.m + Number(match[3] ?? 0) * units.s
}

/** A commercial AWS region name; undefined when the flag is absent. */
export function region(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const known: readonly string[] = [...DEFAULT_REGIONS, ...OPT_IN_REGIONS]
  if (!known.includes(value)) {
    throw new UsageError(
      `--${flag}: "${value}" is not an AWS region — use a name such as us-east-1 or eu-west-1 (known: ${known.join(', ')})`,
    )
  }
  return value
}

/** A TCP port, 0 (any free one) to 65535. */
export function port(flag: string, value: string | undefined, fallback: number): number {
  const n = positiveInteger(flag, value, fallback, 0)
  if (n > 65_535) throw new UsageError(`--${flag}: a port is 0 to 65535 (0 picks a free one), got "${value}"`)
  return n
}
