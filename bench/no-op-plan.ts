// The no-op plan's calls (issue 15: within 350 at 1,000 accounts × 17 regions with every item on except
// security contacts, which are measured apart in bench/security-contacts.ts): the example with Inspector and
// the resource control policies on and no `contacts:`, applied to a generated organization, then planned
// once more; the calls of that plan, per service, as the sandbox answered them. Printed, never asserted
// (test/e2e/plan-apply.test.ts pins the default seed's count). The apply takes minutes at 1,000 accounts:
// Inspector associates every existing account in every region, one call per account and region.
//   npx tsx bench/no-op-plan.ts [accounts=1000]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { main } from '../src/cli.ts'
import { type Sandbox, startSandbox } from '../src/sandbox/index.ts'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const sizes = (process.argv[2] ?? '1000').split(',').map(Number)

/** The example with every item on but security contacts. */
function everyItemConfig(example: string): string {
  return example
    .replace(/^inspector:\n((?: {2}#.*\n)*) {2}enabled: false/m, 'inspector:\n$1  enabled: true')
    .replace(/^resourceControlPolicies:\n {2}enabled: false/m, 'resourceControlPolicies:\n  enabled: true')
    .replace(/^contacts:\n(?:[ #].*\n|\n)*/m, '')
}

async function run(argv: string[], sandbox: Sandbox): Promise<number> {
  const sink = new PassThrough().resume()
  return main([...argv, '--endpoint-url', sandbox.endpoint, '--log-level', 'silent'], {
    stdout: sink,
    stderr: sink,
    stdin: new PassThrough(),
    credentials: async () => sandbox.credentials,
  })
}

const config = join(mkdtempSync(join(tmpdir(), 'org-baseline-noop-')), 'org.yaml')
writeFileSync(config, everyItemConfig(readFileSync('config/org.example.yaml', 'utf8')))

for (const accounts of sizes) {
  const sandbox = await startSandbox({ accounts })
  try {
    const applied = await run(['apply', '-c', config, '--yes'], sandbox)
    if (applied !== 0) throw new Error(`apply exited ${applied}`)
    sandbox.calls.clear()
    const started = performance.now()
    const planned = await run(['plan', '-c', config, '--detailed-exitcode'], sandbox)
    const seconds = (performance.now() - started) / 1000
    const byService = new Map<string, number>()
    for (const call of sandbox.calls.entries)
      byService.set(call.service, (byService.get(call.service) ?? 0) + 1)
    const services = [...byService]
      .sort((a, b) => b[1] - a[1])
      .map(([service, n]) => `${service} ${n}`)
      .join(', ')
    console.log(
      `${String(accounts).padStart(5)} accounts: no-op plan ${sandbox.calls.entries.length} calls in ${seconds.toFixed(1)} s (exit ${planned}, 0 = nothing to change) — ${services}`,
    )
  } finally {
    await sandbox.close()
  }
}
