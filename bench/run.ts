// `npm run bench`: every benchmark, one after another, each printing its own figures.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const benches: [string, string[]][] = [
  ['bench/startup.ts', ['5']],
  ['bench/install.ts', []],
  ['bench/sandbox-throughput.ts', []],
  ['bench/plan-apply.ts', ['1000', '20']],
  ['bench/plan-apply.ts', ['5000', '0']],
  ['bench/status-html.ts', ['1000,10000']],
  ['bench/markdown-plan.ts', ['10000']],
  ['bench/security-contacts.ts', ['1000,5000', '8']],
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
