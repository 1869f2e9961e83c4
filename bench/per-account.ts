// org-baseline's `apply` from empty side by side with a per-account rollout (issue 16, item 4): what
// Landing Zone Accelerator, CfCT or a script does for every active member account and target region —
// assume a role, create the Config recorder and delivery channel and start it, enable the GuardDuty detector
// and Security Hub (with the config's standards), put the root activity rule and its target — with the same
// concurrency budget (org-baseline's `--concurrency`, default 8). Each run gets its own fresh sandbox of the
// same size and profile. Printed, never asserted.
//   npx tsx bench/per-account.ts [--sizes 1000,5000,10000] [--sample 50] [--concurrency 8]
// AWS time is the elapsed time of the sandbox's simulated clock (src/sandbox/clock.ts). A per-account run at
// 10,000 accounts × 17 regions is over a million calls: `--sample N` rolls out N member accounts (spread
// evenly over the organization) and extrapolates linearly to all of them (`--sample 0`: every account);
// extrapolated figures are marked.
import { PassThrough } from 'node:stream'
import { parseArgs } from 'node:util'
import { spendWaitsOn } from '../src/aws/poll.ts'
import { main } from '../src/cli.ts'
import { type Sandbox, type SandboxOptions, startSandbox } from '../src/sandbox/index.ts'
import { connect } from './per-account/connection.ts'
import { rollOut } from './per-account/rollout.ts'
import { setUpOrganization } from './per-account/setup.ts'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

/** The sandbox profile of every run, in one place: AWS's timing (latency, stack instance durations, quotas, rates). */
export const SANDBOX_PROFILE: SandboxOptions = { timing: 'aws' }

/** A sandbox of the profile whose clock also times the tool's own poll waits (they would otherwise be real). */
async function profiledSandbox(size: number): Promise<{ sandbox: Sandbox; close: () => Promise<void> }> {
  const sandbox = await startSandbox({ ...SANDBOX_PROFILE, accounts: size })
  const virtualTime = sandbox.settings.virtualTime
  const restore = virtualTime ? spendWaitsOn((ms) => virtualTime.sleep(ms)) : () => {}
  return {
    sandbox,
    close: async () => {
      restore()
      await close()
    },
  }
}

const CONFIG = 'config/org.example.yaml'
// config/org.example.yaml's homeRegion and regions.optIn, and the role per-account tools enter accounts by.
const HOME_REGION = 'us-east-1'
const OPT_IN = ['ap-southeast-4']
const ROLE_NAME = 'OrganizationAccountAccessRole'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000' },
    sample: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '8' },
  },
})
const sizes = String(values.sizes)
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0)
const sampleSize = Number(values.sample)
const concurrency = Number(values.concurrency)

interface Figures {
  calls: number
  /** Simulated milliseconds. */
  awsMs: number
  realS: number
  /** What the figures were extrapolated from, when they were. */
  extrapolated?: string
  note?: string
}

async function perAccount(size: number): Promise<Figures> {
  const { sandbox, close } = await profiledSandbox(size)
  try {
    const clock = sandbox.world.clock
    const connection = connect(sandbox.endpoint, sandbox.credentials)
    const startedAt = clock.now()
    const started = performance.now()
    const organization = await setUpOrganization(connection, {
      homeRegion: HOME_REGION,
      optIn: OPT_IN,
      roleName: ROLE_NAME,
    })
    const setup = { calls: connection.calls, awsMs: clock.now() - startedAt }
    const members = organization.members
    const sample = sampleSize > 0 && sampleSize < members.length ? spread(members, sampleSize) : members
    const rolloutAt = clock.now()
    const result = await rollOut(connection, organization, sample, {
      homeRegion: HOME_REGION,
      roleName: ROLE_NAME,
      concurrency,
    })
    const measured = { calls: connection.calls - setup.calls, awsMs: clock.now() - rolloutAt }
    const realS = (performance.now() - started) / 1000
    const scale = members.length / sample.length
    const note =
      `${organization.regions.length} regions; ${result.done} account-regions done, ${result.skipped} skipped ` +
      `(opt-in region not enabled), ${result.failures.length} failed (${failureSummary(result.failures)})`
    return {
      calls: Math.round(setup.calls + measured.calls * scale),
      awsMs: setup.awsMs + measured.awsMs * scale,
      realS,
      note,
      ...(scale > 1
        ? {
            extrapolated:
              `from ${sample.length} of ${members.length} member accounts: ${measured.calls} calls, ` +
              `${duration(measured.awsMs)} AWS time measured, ×${scale.toFixed(2)}; setup ` +
              `(${setup.calls} calls, ${duration(setup.awsMs)}) measured in full`,
          }
        : {}),
    }
  } finally {
    await close()
  }
}

async function orgBaseline(size: number): Promise<Figures> {
  const { sandbox, close } = await profiledSandbox(size)
  try {
    const clock = sandbox.world.clock
    const out = new PassThrough()
    const err = new PassThrough()
    let stats = ''
    err.on('data', (chunk) => {
      stats += String(chunk)
    })
    out.resume()
    const startedAt = clock.now()
    const started = performance.now()
    const argv = ['apply', '-c', CONFIG, '--yes', '--concurrency', String(concurrency)]
    const code = await main(
      [...argv, '--endpoint-url', sandbox.endpoint, '--stats', '--log-level', 'silent'],
      { stdout: out, stderr: err, stdin: new PassThrough(), credentials: async () => sandbox.credentials },
    )
    const awsMs = clock.now() - startedAt
    const realS = (performance.now() - started) / 1000
    const calls = stats.match(/AWS calls: (\d+) \((\d+) attempts\)/)
    return {
      calls: Number(calls?.[1] ?? Number.NaN),
      awsMs,
      realS,
      note: `exit ${code}, ${calls?.[2] ?? '?'} attempts`,
    }
  } finally {
    await close()
  }
}

/** `n` elements spread evenly over `all` (so the sample has the organization's mix of accounts). */
function spread<T>(all: T[], n: number): T[] {
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)] as T)
}

function failureSummary(failures: { error: string }[]): string {
  const counts = new Map<string, number>()
  for (const f of failures) {
    const name = f.error.split(':')[0] ?? f.error
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts].map(([name, n]) => `${n} ${name}`).join(', ') || 'none'
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : m > 0 ? `${m} min ${s % 60} s` : `${s} s`
}

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '-')

console.log(
  `Per-account rollout vs org-baseline apply from empty; concurrency ${concurrency}; sandbox profile ` +
    `${JSON.stringify(SANDBOX_PROFILE)}; AWS time = the sandbox clock's elapsed simulated time`,
)
if (!('timing' in SANDBOX_PROFILE)) {
  console.log(
    'Without a timing profile the clock is real time × the sandbox speed: AWS time then measures this ' +
      "machine's CPU and the tool's real sleeps, not AWS.",
  )
}
const rows: string[] = []
for (const size of sizes) {
  console.log(`\n${size} accounts`)
  const mark = await perAccount(size)
  const star = mark.extrapolated ? '*' : ''
  console.log(
    `  per-account   ${mark.calls} calls${star}  ${duration(mark.awsMs)} AWS time${star}  ${mark.realS.toFixed(1)} s real`,
  )
  console.log(`                ${mark.note}`)
  if (mark.extrapolated) console.log(`                * extrapolated ${mark.extrapolated}`)
  const ours = await orgBaseline(size)
  console.log(
    `  org-baseline  ${ours.calls} calls  ${duration(ours.awsMs)} AWS time  ${ours.realS.toFixed(1)} s real  (${ours.note})`,
  )
  console.log(
    `  ratio (per-account / org-baseline): calls ${ratio(mark.calls, ours.calls)}, AWS time ${ratio(mark.awsMs, ours.awsMs)}`,
  )
  rows.push(
    `| ${size} | ${mark.calls}${star} | ${duration(mark.awsMs)}${star} | ${ours.calls} | ${duration(ours.awsMs)} | ` +
      `${ratio(mark.calls, ours.calls)} | ${ratio(mark.awsMs, ours.awsMs)} |`,
  )
}
console.log(
  '\n| accounts | per-account calls | per-account AWS time | org-baseline calls | org-baseline AWS time | calls ratio | AWS time ratio |',
)
console.log('|---|---|---|---|---|---|---|')
for (const row of rows) console.log(row)
if (rows.some((r) => r.includes('*')))
  console.log('* extrapolated linearly from a measured sample (see above)')
