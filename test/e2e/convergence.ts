// Apply from empty, then plan: converged when apply exits 0 and the next plan is empty (exit 0). With
// `cycle`, then drift injected out of band → drift reports it (exit 2) → reconcile (exit 0) → drift clean
// (exit 0), and with `onboard` a new account onboarded (exit 0). Shared by the e2e suite (one seed) and
// `npm run soak` (many seeds).
import { DEFAULT_SEED_FILE, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.ts'
import { readSeedFile } from '../../src/sandbox/seed.ts'
import { cli, EXAMPLE, type Run, withSandbox } from './harness.ts'

export { EVENTUAL_FAULTS } from './test-sandbox.ts'

export interface Convergence {
  seed: number
  converged: boolean
  applyCode: number
  planCode: number
  /** The drift cycle's exit codes (drift, reconcile, drift again, onboard), when it ran. */
  cycle?: { drift: number; reconcile: number; clean: number; onboard?: number }
  /** Calls the sandbox answered (faults included), and how many of them were errors. */
  calls: number
  errors: number
  /** The errors by code (faults injected, and AWS's answers the tool expects, such as a NotFound it reads as absent). */
  errorCodes: Record<string, number>
  /** Answers shaped by eventual consistency, per behaviour (empty-page, stale-tags, …). */
  served: Record<string, number>
  seconds: number
  /** What went wrong, for the report: the failing command's output. */
  detail: string
}

export interface ConvergenceOptions {
  faults?: string
  /** Inject drift, reconcile it, check the next drift is clean. */
  cycle?: boolean
  /** After the cycle, onboard a newly created account. */
  onboard?: boolean
}

const SCP = 'deny-leave-organization'

/** Drift in two modules, as an administrator might cause it: an SCP's content and a delegated admin. */
function injectDrift(sandbox: Sandbox): void {
  const policyId = [...sandbox.world.policies.values()].find((p) => p.name === SCP)?.id ?? ''
  sandbox.control('organizations', 'setPolicyContent', {
    policyId,
    content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
  })
  sandbox.control('organizations', 'deregisterDelegatedAdmin', {
    accountId: '222222222222',
    servicePrincipal: 'config-multiaccountsetup.amazonaws.com',
  })
}

/** The failed changes (whole lines, wherever they are) and the end of the output. */
const tail = (run: Run) => {
  const output = `${run.stdout}${run.stderr}`
  const failed = output.split('\n').filter((line) => line.includes('✗'))
  return `${failed.join('\n').slice(0, 3000)}\n…\n${output.slice(-2000)}`
}

function countCodes(sandbox: Sandbox): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { errorCode } of sandbox.calls.entries)
    if (errorCode) counts[errorCode] = (counts[errorCode] ?? 0) + 1
  return counts
}

export async function applyThenPlan(
  seed: number,
  options: ConvergenceOptions | string = {},
): Promise<Convergence> {
  const {
    faults = '',
    cycle = false,
    onboard = false,
  } = typeof options === 'string' ? { faults: options } : options
  // SCPs start disabled, so apply meets EnablePolicyType's PENDING_ENABLE too.
  const seedFile = readSeedFile(DEFAULT_SEED_FILE) as { organization: Record<string, unknown> }
  const sandboxOptions: SandboxOptions = {
    seed: { ...seedFile, organization: { ...seedFile.organization, policyTypes: [] } },
    consistency: 'eventual',
    consistencySeed: seed,
    ...(faults ? { faults, faultSeed: seed } : {}),
  }
  const started = Date.now()
  let result: Convergence | undefined
  await withSandbox(sandboxOptions, async (sandbox) => {
    let detail = ''
    const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    if (applied.code !== 0) detail = tail(applied)
    const plan = applied.code === 0 ? await cli(['plan', '-c', EXAMPLE], sandbox) : undefined
    const planCode = plan?.code ?? -1
    if (plan && planCode !== 0) detail = tail(plan)
    let cycled: Convergence['cycle']
    if (cycle && planCode === 0) {
      injectDrift(sandbox)
      const drift = await cli(['drift', '-c', EXAMPLE], sandbox)
      const reconcile = await cli(['reconcile', '-c', EXAMPLE], sandbox)
      const clean = reconcile.code === 0 ? await cli(['drift', '-c', EXAMPLE], sandbox) : undefined
      cycled = { drift: drift.code, reconcile: reconcile.code, clean: clean?.code ?? -1 }
      if (drift.code !== 2) detail ||= `drift (exit ${drift.code}, expected 2):\n${tail(drift)}`
      if (reconcile.code !== 0) detail ||= `reconcile (exit ${reconcile.code}):\n${tail(reconcile)}`
      if (clean && clean.code !== 0) detail ||= `drift after reconcile (exit ${clean.code}):\n${tail(clean)}`
      if (onboard && cycled.clean === 0) {
        const { accountId } = sandbox.control('sandbox', 'createAccount', {
          name: 'New Team',
          parent: 'Workloads/Dev',
        }) as { accountId: string }
        const onboarded = await cli(['onboard', accountId, '-c', EXAMPLE], sandbox)
        cycled.onboard = onboarded.code
        if (onboarded.code !== 0) detail ||= `onboard (exit ${onboarded.code}):\n${tail(onboarded)}`
      }
    }
    const cycleOk =
      !cycle ||
      (cycled !== undefined &&
        cycled.drift === 2 &&
        cycled.reconcile === 0 &&
        cycled.clean === 0 &&
        (!onboard || cycled.onboard === 0))
    result = {
      seed,
      converged: applied.code === 0 && planCode === 0 && cycleOk,
      applyCode: applied.code,
      planCode,
      ...(cycled ? { cycle: cycled } : {}),
      calls: sandbox.calls.entries.length,
      errors: sandbox.calls.entries.filter((c) => c.errorCode).length,
      errorCodes: countCodes(sandbox),
      served: Object.fromEntries(sandbox.world.consistency.served),
      seconds: (Date.now() - started) / 1000,
      detail,
    }
  })
  if (!result) throw new Error('the sandbox run produced no result')
  return result
}
