// `npm run soak`: apply from empty, then plan, then drift injected → drift → reconcile → drift clean, against
// an eventually consistent sandbox — 20 seeds without faults and 20 with throttling, 5xx and conflicts
// (issue 13). Prints one line per seed and a summary; exits
// 1 when any seed did not converge. `npm run soak -- --seeds 5 --parallel 2` for a shorter run;
// `--mode eventual|faults|both` runs one half or both; `--seed 7 --seed 12` reruns chosen seeds.
// `npm run soak -- --e2e [--seeds N]` runs the whole test/e2e suite instead, N seeds under each mode (e2e-soak.ts);
// `--mode` and `--seed` choose as above.
import { parseArgs } from 'node:util'
import { applyThenPlan, type Convergence, EVENTUAL_FAULTS } from '../e2e/convergence.ts'
import { soakE2e } from './e2e-soak.ts'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    parallel: { type: 'string', default: '4' },
    e2e: { type: 'boolean', default: false },
    mode: { type: 'string', default: 'both' },
    seed: { type: 'string', multiple: true },
  },
})
const MODES = ['eventual', 'faults', 'both']
if (!MODES.includes(values.mode)) {
  process.stderr.write(`--mode must be one of ${MODES.join(', ')}, not ${values.mode}\n`)
  process.exit(64)
}
const seedList = (count: number) =>
  values.seed?.map(Number) ?? Array.from({ length: Number(values.seeds ?? count) }, (_, i) => i + 1)
if (values.e2e) process.exit(await soakE2e({ seeds: seedList(1), mode: values.mode }))
const seeds = seedList(20)
const parallel = Math.max(1, Number(values.parallel))

/** Runs `work` over `items`, at most `limit` at a time (the runs mostly wait on simulated operations). */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++
        out[index] = await work(items[index] as T)
      }
    }),
  )
  return out
}

const served = (r: Convergence) =>
  Object.entries(r.served)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')

/** min / median / max of `values` (for calls a run). */
function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b)
  return `${sorted[0]}/${sorted[Math.floor((sorted.length - 1) / 2)]}/${sorted.at(-1)}`
}

async function soak(label: string, faults: string): Promise<Convergence[]> {
  const started = Date.now()
  const cpuStarted = process.cpuUsage()
  const runs = await pool(seeds, parallel, async (seed) => {
    const r = await applyThenPlan(seed, { faults, cycle: true })
    const cycle = r.cycle
      ? `, drift ${r.cycle.drift} → reconcile ${r.cycle.reconcile} → drift ${r.cycle.clean}`
      : ''
    const verdict = `${r.converged ? 'converged' : 'NOT converged'} (apply ${r.applyCode}, plan ${r.planCode}${cycle})`
    process.stdout.write(
      `${label} seed ${String(seed).padStart(2)}: ${verdict}; ${r.calls} calls, ${r.errors} errors, ${r.seconds.toFixed(1)} s; ${served(r)}\n`,
    )
    if (!r.converged) process.stdout.write(`${r.detail.trim().split('\n').slice(-15).join('\n')}\n`)
    return r
  })
  const converged = runs.filter((r) => r.converged).length
  const calls = runs.reduce((n, r) => n + r.calls, 0)
  const errors = runs.reduce((n, r) => n + r.errors, 0)
  const seconds = (Date.now() - started) / 1000
  const codes: Record<string, number> = {}
  for (const r of runs)
    for (const [code, n] of Object.entries(r.errorCodes)) codes[code] = (codes[code] ?? 0) + n
  const byCode = Object.entries(codes)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code}=${n}`)
    .join(' ')
  const cpu = process.cpuUsage(cpuStarted)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  process.stdout.write(
    `${label}: converged ${converged}/${runs.length}; ${calls} calls (${Math.round(calls / runs.length)} a run, min/median/max ${spread(runs.map((r) => r.calls))}); ${errors} errors served (min/median/max ${spread(runs.map((r) => r.errors))}); ${seconds.toFixed(0)} s wall, ${cpuSeconds.toFixed(0)} s CPU, ${(runs.reduce((n, r) => n + r.seconds, 0) / runs.length).toFixed(1)} s a run\n${label} errors by code: ${byCode || 'none'}\n\n`,
  )
  return runs
}

const all = [
  ...(values.mode === 'faults' ? [] : await soak('eventual', '')),
  ...(values.mode === 'eventual' ? [] : await soak('eventual+faults', EVENTUAL_FAULTS)),
]
process.exit(all.every((r) => r.converged) ? 0 : 1)
