// Time to a secure organization (issue 16): plan, apply from empty, a no-op apply, onboarding one new account
// and a reconcile that repairs one drifted stack instance in 1% of the accounts — per organization size, with
// calls, real seconds and AWS time (the sandbox's simulated clock under the `aws` timing profile: per-call
// latency, stack instance durations, StackSets quotas, AWS rate limits; src/sandbox/README.md). Printed,
// never asserted. The sandbox runs in its own process (`sandbox serve`) so the tool's memory is measured
// alone; the tool's polls sleep on the sandbox's clock, so waiting costs AWS time and no real time.
// Each size's five runs are then made the per-account way (bench/per-account/runs.ts) in a second sandbox of
// the same size and profile, and both are printed side by side with their ratio.
//   npx tsx bench/plan-apply.ts [--sizes 1000,5000] [--timing aws|off] [--latency-ms 0] [--markdown]
//     [--per-account true|false] [--sample 50] [--concurrency 8]
// SANDBOX_NODE_ARGS adds Node flags to the sandbox's process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { parseArgs } from 'node:util'
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { main } from '../src/cli.ts'
import { connect } from './per-account/connection.ts'
import { type PerAccountFigures, perAccountRuns } from './per-account/runs.ts'
import { type Credentials, type SandboxClient, sandboxClient } from './sandbox-client.ts'

// The SDK's Node 22 notice would interleave with the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sizes: { type: 'string' },
    timing: { type: 'string', default: 'aws' },
    'latency-ms': { type: 'string', default: '0' },
    markdown: { type: 'boolean', default: false },
    'per-account': { type: 'string', default: 'true' },
    sample: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '8' },
  },
})
const perAccount = values['per-account'] !== 'false'
const sample = Number(values.sample)
const concurrency = Number(values.concurrency)
// `plan-apply.ts 1000 20` (accounts, latency) still works.
const sizes = (values.sizes ?? positionals[0] ?? '200').split(',').map(Number)
const latencyMs = Number(positionals[1] ?? values['latency-ms'])
const timing = values.timing === 'off' ? 'off' : 'aws'
// The example without `contacts:`: security contacts cost one paced call per account and are measured
// apart (bench/security-contacts.ts), so these figures stay the baseline's organization-wide cost.
const CONFIG = join(mkdtempSync(join(tmpdir(), 'org-baseline-bench-')), 'org.yaml')
writeFileSync(
  CONFIG,
  readFileSync('config/org.example.yaml', 'utf8').replace(/^contacts:\n(?:[ #].*\n|\n)*/m, ''),
)
/** The drifted stack instances of the reconcile run: one resource changed by hand, in the home Region. */
const DRIFT = {
  stackSetName: 'org-baseline-root-sign-in-alert',
  region: 'us-east-1',
  logicalId: 'AlertTopic',
}

interface Served {
  child: ChildProcess
  endpoint: string
  credentials: Credentials
}

async function serve(accounts: number): Promise<Served> {
  const child = spawn(
    process.execPath,
    [
      // Some 90,000 stack instances per stack set at 5,000 accounts: more heap than Node's default.
      ...(accounts > 2000 ? ['--max-old-space-size=12288'] : []),
      ...(process.env.SANDBOX_NODE_ARGS ? process.env.SANDBOX_NODE_ARGS.split(' ') : []),
      '--import',
      'tsx',
      'src/cli.ts',
      'sandbox',
      'serve',
      '--port',
      '0',
      '--accounts',
      String(accounts),
      '--latency-ms',
      String(latencyMs),
      '--speed',
      '1000',
      '--timing',
      timing,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let text = ''
  child.stdout?.on('data', (chunk) => {
    text += String(chunk)
  })
  while (!/AWS_SESSION_TOKEN=\S+/.test(text)) await once(child.stdout as NodeJS.ReadableStream, 'data')
  const value = (name: string) => text.match(new RegExp(`${name}=(\\S+)`))?.[1] ?? ''
  return {
    child,
    endpoint: value('AWS_ENDPOINT_URL'),
    credentials: {
      accessKeyId: value('AWS_ACCESS_KEY_ID'),
      secretAccessKey: value('AWS_SECRET_ACCESS_KEY'),
      sessionToken: value('AWS_SESSION_TOKEN'),
    },
  }
}

export interface RunFigures {
  run: string
  accounts: number
  exit: number
  calls: number
  attempts: number
  realSeconds: number
  awsMs: number
  /** Stack set operations the run started (auto-deployments not counted). */
  operations: number
}

async function run(
  label: string,
  argv: string[],
  accounts: number,
  sandbox: Served,
  client: SandboxClient,
): Promise<RunFigures> {
  const out = new PassThrough()
  const err = new PassThrough()
  let stats = ''
  err.on('data', (c) => {
    stats += String(c)
  })
  let printed = ''
  out.on('data', (c) => {
    printed = (printed + String(c)).slice(-2000)
  })
  const opsBefore = (await client.control<{ requested: number }>('cloudformation', 'countOperations'))
    .requested
  const awsBefore = await client.elapsedMs()
  const started = performance.now()
  // Errors and warnings (a lease left behind, a throttled call given up) are shown when a run fails.
  const options = ['--endpoint-url', sandbox.endpoint, '--stats', '--log-level', 'warn']
  // A call's AWS latency is parked on the sandbox's clock; on a busy machine that can take longer than the
  // default 60 s of real time to come round.
  options.push('--concurrency', String(concurrency), '--call-timeout', '15m')
  const code = await main([...argv, ...options], {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    credentials: async () => sandbox.credentials,
  })
  const realSeconds = (performance.now() - started) / 1000
  const awsMs = (await client.elapsedMs()) - awsBefore
  const opsAfter = (await client.control<{ requested: number }>('cloudformation', 'countOperations'))
    .requested
  const calls = stats.match(/AWS calls: (\d+) \((\d+) attempts\)/)
  const figures: RunFigures = {
    run: label,
    accounts,
    exit: code,
    calls: Number(calls?.[1] ?? Number.NaN),
    attempts: Number(calls?.[2] ?? Number.NaN),
    realSeconds,
    awsMs,
    operations: opsAfter - opsBefore,
  }
  console.log(
    `${label.padEnd(30)} exit ${code}  ${String(figures.calls).padStart(6)} calls (${figures.attempts} attempts)  ${realSeconds.toFixed(1).padStart(6)} s real  AWS ${formatAws(awsMs).padStart(9)}  ${figures.operations} StackSet operations started`,
  )
  if (code !== 0)
    console.log(
      `  ${label} exit ${code}:\n${printed.slice(-1500)}\n${stats
        .split('\n')
        .filter((line) => !/^ {2}\S+\.\S+ +\d+/.test(line) && !line.startsWith('AWS calls'))
        .join('\n')
        .slice(-3000)}`,
    )
  return figures
}

export function formatAws(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${s % 60} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

/** Member accounts of the organization (management and suspended ones left out). */
async function memberAccounts(sandbox: Served): Promise<string[]> {
  const org = new OrganizationsClient({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: sandbox.credentials,
  })
  const ids: string[] = []
  let NextToken: string | undefined
  do {
    const page = await org.send(new ListAccountsCommand({ NextToken }))
    for (const a of page.Accounts ?? []) if (a.Status === 'ACTIVE' && a.Id) ids.push(a.Id)
    NextToken = page.NextToken
  } while (NextToken)
  return ids.slice(1)
}

/** Changes the alert topic by hand in 1% of the accounts; returns how many instances drifted. */
async function driftOnePercent(sandbox: Served, client: SandboxClient, accounts: number): Promise<number> {
  const wanted = Math.max(1, Math.floor(accounts / 100))
  let drifted = 0
  for (const account of await memberAccounts(sandbox)) {
    if (drifted >= wanted) break
    try {
      await client.control('cloudformation', 'driftStackInstance', {
        ...DRIFT,
        account,
        properties: { DisplayName: 'changed by hand' },
      })
      drifted++
    } catch {
      // No instance there (an excluded OU): take the next account.
    }
  }
  return drifted
}

async function benchSize(accounts: number): Promise<RunFigures[]> {
  const sandbox = await serve(accounts)
  const client = sandboxClient(sandbox.endpoint, sandbox.credentials)
  const restore = client.spendToolWaitsHere()
  try {
    console.log(`\nOrganization: ${accounts} accounts × 17 Regions, timing profile ${timing}`)
    const rows: RunFigures[] = []
    rows.push(await run('plan (from empty)', ['plan', '-c', CONFIG], accounts, sandbox, client))
    rows.push(await run('apply (from empty)', ['apply', '-c', CONFIG, '--yes'], accounts, sandbox, client))
    rows.push(await run('apply (no-op)', ['apply', '-c', CONFIG, '--yes'], accounts, sandbox, client))
    const { accountId } = await client.control<{ accountId: string }>('organizations', 'createAccount', {
      name: 'bench-new-account',
    })
    // Created under the root, moved by onboard into a target OU; StackSets auto-deploys to it there.
    rows.push(
      await run(
        'onboard (one new account)',
        ['onboard', accountId, '--ou', 'Infrastructure', '-c', CONFIG],
        accounts,
        sandbox,
        client,
      ),
    )
    const drifted = await driftOnePercent(sandbox, client, accounts)
    rows.push(
      await run(
        `reconcile (${drifted} drifted instances)`,
        ['reconcile', '-c', CONFIG],
        accounts,
        sandbox,
        client,
      ),
    )
    return rows
  } finally {
    restore()
    sandbox.child.kill()
  }
}

/** The same five runs the per-account way, in a fresh sandbox of the same size and profile. */
async function perAccountSize(accounts: number, drifted: number): Promise<PerAccountFigures[]> {
  const sandbox = await serve(accounts)
  const client = sandboxClient(sandbox.endpoint, sandbox.credentials)
  const restore = client.spendToolWaitsHere()
  try {
    console.log(`\nPer-account, ${accounts} accounts (concurrency ${concurrency}, sample ${sample})`)
    const figures = await perAccountRuns(
      connect(sandbox.endpoint, sandbox.credentials),
      {
        concurrency,
        sample,
        elapsedMs: () => client.elapsedMs(),
        createAccount: async () =>
          (
            await client.control<{ accountId: string }>('organizations', 'createAccount', {
              name: 'bench-new-account',
            })
          ).accountId,
      },
      drifted,
    )
    for (const f of figures)
      console.log(
        `${f.run.padEnd(30)} ${String(f.calls).padStart(8)} calls${f.scaled ? '*' : ' '}  ${f.realSeconds.toFixed(1).padStart(6)} s real  AWS ${formatAws(f.awsMs).padStart(9)}${f.scaled ? '*' : ' '}  ${f.note}`,
      )
    const scaled = figures.find((f) => f.scaled)?.scaled
    if (scaled) console.log(`* scaled ${scaled} (setup, onboard and repairs measured in full)`)
    return figures
  } finally {
    restore()
    sandbox.child.kill()
  }
}

// Two significant digits below 1 (onboarding is faster per account: 0.035×, not 0.0×).
const ratio = (a: number, b: number) =>
  b > 0 && Number.isFinite(a) ? `${a / b < 1 ? (a / b).toPrecision(2) : (a / b).toFixed(1)}×` : '-'

// Loaded before the first measured run, so module loading is not counted as AWS time.
for (const command of ['plan', 'apply', 'onboard', 'reconcile']) await import(`../src/commands/${command}.ts`)

const all: { ours: RunFigures; theirs?: PerAccountFigures }[] = []
for (const size of sizes) {
  const ours = await benchSize(size)
  const drifted = Number(ours.at(-1)?.run.match(/\((\d+) drifted/)?.[1] ?? 0)
  const theirs = perAccount ? await perAccountSize(size, drifted) : []
  ours.forEach((r, i) => {
    all.push({ ours: r, ...(theirs[i] ? { theirs: theirs[i] } : {}) })
  })
}
console.log(`\nPeak memory of the tool: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
if (values.markdown) {
  console.log(
    '\n| Run | Accounts | org-baseline AWS time | calls | StackSet operations | per-account AWS time | calls | ratio AWS time | ratio calls | real s (ours / theirs) | exit |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const { ours: r, theirs: t } of all) {
    const star = t?.scaled ? '*' : ''
    console.log(
      `| ${r.run} | ${r.accounts} | ${formatAws(r.awsMs)} | ${r.calls} | ${r.operations} | ` +
        `${t ? `${formatAws(t.awsMs)}${star}` : '-'} | ${t ? `${t.calls}${star}` : '-'} | ` +
        `${t ? ratio(t.awsMs, r.awsMs) : '-'} | ${t ? ratio(t.calls, r.calls) : '-'} | ` +
        `${r.realSeconds.toFixed(1)} / ${t ? t.realSeconds.toFixed(1) : '-'} | ${r.exit} |`,
    )
  }
  if (all.some((a) => a.theirs?.scaled))
    console.log('\n\\* per-account passes run on a sample of the accounts and scaled linearly (see above)')
}
