// Apply from empty, then plan: converged when apply exits 0 and the next plan is empty (exit 0). Shared by
// the e2e suite (one seed per mode) and `npm run soak` (many seeds).
import { DEFAULT_SEED_FILE, type SandboxOptions } from '../../src/sandbox/index.ts'
import { readSeedFile } from '../../src/sandbox/seed.ts'
import { cli, EXAMPLE, withSandbox } from './harness.ts'

export const EVENTUAL_FAULTS = 'throttle=0.2,5xx=0.05,conflict=0.2'

export interface Convergence {
  seed: number
  converged: boolean
  applyCode: number
  planCode: number
  /** Calls the sandbox answered (faults included), and how many of them were errors. */
  calls: number
  errors: number
  /** Answers shaped by eventual consistency, per behaviour (empty-page, stale-tags, …). */
  served: Record<string, number>
  seconds: number
  /** What went wrong, for the report: the plan's change lines or apply's stderr. */
  detail: string
}

export async function applyThenPlan(seed: number, faults = ''): Promise<Convergence> {
  // SCPs start disabled, so apply meets EnablePolicyType's PENDING_ENABLE too.
  const seedFile = readSeedFile(DEFAULT_SEED_FILE) as { organization: Record<string, unknown> }
  const options: SandboxOptions = {
    seed: { ...seedFile, organization: { ...seedFile.organization, policyTypes: [] } },
    consistency: 'eventual',
    consistencySeed: seed,
    ...(faults ? { faults, faultSeed: seed } : {}),
  }
  const started = Date.now()
  let result: Convergence | undefined
  await withSandbox(options, async (sandbox) => {
    const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    const plan = applied.code === 0 ? await cli(['plan', '-c', EXAMPLE], sandbox) : undefined
    const planCode = plan?.code ?? -1
    result = {
      seed,
      converged: applied.code === 0 && planCode === 0,
      applyCode: applied.code,
      planCode,
      calls: sandbox.calls.entries.length,
      errors: sandbox.calls.entries.filter((c) => c.errorCode).length,
      served: Object.fromEntries(sandbox.world.consistency.served),
      seconds: (Date.now() - started) / 1000,
      detail:
        applied.code !== 0
          ? `${applied.stderr}${applied.stdout}`.slice(-2000)
          : planCode !== 0
            ? `${plan?.stdout ?? ''}${plan?.stderr ?? ''}`.slice(-2000)
            : '',
    }
  })
  if (!result) throw new Error('the sandbox run produced no result')
  return result
}
