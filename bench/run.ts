// `npm run bench`: every benchmark, one after another, each printing its own figures.
// `npm run bench -- --sizes 1000,5000,10000`: the organization sizes of the AWS-time benchmark, which also makes
// its five runs the per-account way and prints both with their ratio (default 200).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '200' } } })

const benches: [string, string[]][] = [
  ['bench/startup.ts', ['5']],
  ['bench/install.ts', []],
  ['bench/sandbox-throughput.ts', []],
  // AWS time (the sandbox's aws timing profile) of plan, apply, a no-op apply, onboard and reconcile.
  ['bench/plan-apply.ts', ['--sizes', values.sizes ?? '200', '--markdown']],
  ['bench/status-html.ts', ['1000,10000']],
  ['bench/markdown-plan.ts', ['10000']],
  ['bench/security-contacts.ts', ['1000,5000', '8']],
  // Issue 15's no-op plan budget (350 calls at 1,000 accounts × 17 regions, contacts apart).
  ['bench/no-op-plan.ts', ['1000']],
]
let failed = 0
for (const [file, args] of benches) {
  if (!existsSync(file)) continue
  console.log(`\n== ${file} ${args.join(' ')}`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    stdio: 'inherit',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  })
  if (result.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
