// The e2e suites' sandbox mode. `ORG_BASELINE_TEST_SANDBOX=eventual:SEED` runs every suite against an
// eventually consistent sandbox; `eventual+faults:SEED` adds throttling, 5xx and conflicts (issue 13).
// `npm run soak -- --e2e` sets it; unset (npm test), suites get the strong sandbox they ask for.
import { setTimeout as sleep } from 'node:timers/promises'
import type { SandboxOptions } from '../../src/sandbox/index.ts'

export const EVENTUAL_FAULTS = 'throttle=0.2,5xx=0.05,conflict=0.2'
export const TEST_SANDBOX_ENV = 'ORG_BASELINE_TEST_SANDBOX'

export interface TestSandboxMode {
  label: 'eventual' | 'eventual+faults'
  seed: number
}

/** The mode the env var asks for, or undefined (strong, no faults). */
export function testSandboxMode(value = process.env[TEST_SANDBOX_ENV]): TestSandboxMode | undefined {
  if (!value) return undefined
  const match = /^(eventual|eventual\+faults):(\d+)$/.exec(value)
  if (!match) throw new Error(`${TEST_SANDBOX_ENV}=${value}: expected eventual:SEED or eventual+faults:SEED`)
  return { label: match[1] as TestSandboxMode['label'], seed: Number(match[2]) }
}

/**
 * A suite's options under the mode: consistency and faults are added where the suite did not choose its
 * own (a suite that sets `consistency` or `faults` tests that mode on purpose and keeps it).
 * `strongOnly` names why a test cannot hold under eventual consistency and faults (e.g. it counts calls):
 * such a test keeps the strong sandbox, and says so.
 */
export function testSandboxOptions(options: SandboxOptions, strongOnly?: string): SandboxOptions {
  const mode = testSandboxMode()
  if (!mode || strongOnly || options.consistency || options.faults) return options
  return {
    ...options,
    consistency: 'eventual',
    consistencySeed: mode.seed,
    ...(mode.label === 'eventual+faults' ? { faults: EVENTUAL_FAULTS, faultSeed: mode.seed } : {}),
  }
}

/**
 * The tool's attempts per call (`--max-attempts`) in the faults mode. Each attempt there fails at random one
 * time in four (throttle 0.2 + 5xx 0.05, independently, unlike AWS's throttling, which follows load): with the
 * default 8 a call fails outright with p = 0.25^8 ≈ 1.5e-5, and the whole suite makes an estimated 10^5 calls, so a
 * run or two per soak failed on chance alone (a GuardDuty write's 5xx after its 8th attempt, seed 2). At 12,
 * p ≈ 6e-8. Suites that set their own faults keep the default.
 */
export const FAULTS_MAX_ATTEMPTS = 12

/**
 * Attempts for a test's own SDK clients: under injected faults a test's verifying reads meet throttling
 * and 5xx like the tool does, so they get the SDK's retries (the tool's own budget, src/aws/clients.ts).
 */
export const testAttempts = (attempts: number): number =>
  testSandboxMode()?.label === 'eventual+faults' ? Math.max(attempts, 10) : attempts

/**
 * The tool's waits on a sandbox clock running `speed` times real time: a 2 s backoff or poll against AWS takes
 * 2 simulated seconds, as the sandbox's own work does. Sleeping them for real would make a soak under faults
 * spend its time in SDK backoff (issue 13: a GuardDuty suite under faults ran for tens of minutes).
 */
export const sandboxSleep =
  (speed: number) =>
  (ms: number): Promise<unknown> =>
    sleep(ms / speed)
