// Logs go to stderr as JSON (pino), so stdout carries only the result. Anything that looks like a secret
// is redacted wherever it appears in a log object.
import { pino } from 'pino'

export const REDACT_PATHS = [
  'credentials',
  '*.credentials',
  'secretAccessKey',
  '*.secretAccessKey',
  'sessionToken',
  '*.sessionToken',
  'SecretAccessKey',
  '*.SecretAccessKey',
  'SessionToken',
  '*.SessionToken',
  '*.Credentials',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
]

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
export const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

export function createLogger(
  level: LogLevel = 'warn',
  destination: pino.DestinationStream = pino.destination(2),
) {
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { tool: 'org-baseline' } },
    destination,
  )
}

export type { Logger } from 'pino'
