// Asks a person to confirm on a terminal; elsewhere --yes is required, so a scheduled job never applies
// by accident and never hangs waiting for an answer.
import { createInterface } from 'node:readline/promises'
import { UsageError } from '../errors.ts'
import type { Io } from './io.ts'

export async function confirm(io: Io, question: string, yes: boolean, command = 'apply'): Promise<boolean> {
  if (yes) return true
  if (!io.stdin.isTTY)
    throw new UsageError(`${command} needs --yes when not run on a terminal (nothing was changed)`)
  const rl = createInterface({ input: io.stdin, output: io.stdout })
  try {
    const answer = await rl.question(`${question} Only "yes" is accepted: `)
    return answer.trim() === 'yes'
  } finally {
    rl.close()
  }
}
