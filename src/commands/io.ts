// Where a command reads and writes. The CLI passes the process's streams; tests pass buffers, so the
// whole command runs in-process and its output can be compared.
import type { Readable, Writable } from 'node:stream'
import type { AwsCredentialIdentityProvider } from '@smithy/types'
import type { Clock } from '../aws/poll.ts'

export interface Io {
  stdout: Writable & { isTTY?: boolean }
  stderr: Writable & { isTTY?: boolean }
  stdin: Readable & { isTTY?: boolean }
  /** Credentials to use instead of the standard chain (tests against a sandbox they started). */
  credentials?: AwsCredentialIdentityProvider
  /** Time for the run lease's waits (tests pass the sandbox's simulated clock); real time by default. */
  clock?: Clock
}

export const processIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin })
