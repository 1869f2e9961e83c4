// Every markdown output's size at organization scale (issue 14: a pull-request comment must stay under
// 65,000 characters), with the time each took. Against a sandbox of N accounts: plan, drift (everything
// pending), status (every gap open) and onboard (one account's checklist) as the CLI prints them; apply
// and reconcile records and out-of-band drift in every account and region, built from that plan and fed
// to the renderers the commands use (an apply of 10,000 accounts takes too long here). Printed, and each
// size checked: exit 1 over the cap.
//   npx tsx bench/markdown-plan.ts [accounts=10000]
import type { Change } from '../src/engine/change.ts'
import type { ExecutionResult } from '../src/engine/executor.ts'
import type { Plan } from '../src/engine/plan.ts'
import { renderApplyMarkdown } from '../src/engine/render/apply-markdown.ts'
import { driftReport, renderDriftMarkdown } from '../src/engine/render/drift-report.ts'
import { MARKDOWN_LIMIT } from '../src/engine/render/markdown-cap.ts'
import { renderReconcileMarkdown } from '../src/engine/render/reconcile-markdown.ts'
import { startSandbox } from '../src/sandbox/index.ts'
import { cli, EXAMPLE } from '../test/e2e/harness.ts'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const accounts = Number(process.argv[2] ?? 10_000)
const sandbox = await startSandbox({ accounts })
const sizes: { name: string; text: string; ms: number }[] = []

async function measure(name: string, work: () => Promise<string> | string) {
  const started = performance.now()
  const text = await work()
  sizes.push({ name, text, ms: performance.now() - started })
  return text
}

const run = async (argv: string[]) => {
  const result = await cli(argv, sandbox)
  if (result.code !== 0 && result.code !== 2)
    throw new Error(`${argv[0]} exited ${result.code}: ${result.stderr}`)
  return result.stdout
}

/** A member account of the plan (security contacts are set in every account). */
const member = (plan: Plan) =>
  plan.changes
    .filter((c) => c.module === 'security-contacts' && c.account)
    .map((c) => c.account as string)
    .sort()
    .at(-1) as string

/** Every 10th change failed: a run with something to report for many accounts. */
const resultOf = (changes: Change[]): ExecutionResult => {
  const outcomes = changes.map((change, i) =>
    i % 10 === 9
      ? {
          change,
          outcome: { status: 'failed' as const, error: new Error(`AccessDenied in ${change.account}`) },
        }
      : { change, outcome: { status: 'applied' as const } },
  )
  const failed = outcomes.filter((o) => o.outcome.status === 'failed').length
  return { outcomes, applied: changes.length - failed, failed, skipped: 0, heldBack: 0 }
}

try {
  await measure('plan', () => run(['plan', '-c', EXAMPLE, '--format', 'markdown']))
  const text = await measure('plan (text)', () => run(['plan', '-c', EXAMPLE]))
  const plan = JSON.parse(await run(['plan', '-c', EXAMPLE, '--format', 'json'])) as Plan
  await measure('drift (all pending)', () => run(['drift', '-c', EXAMPLE, '--format', 'markdown']))
  await measure('status (every gap)', () => run(['status', '-c', EXAMPLE, '--format', 'markdown']))
  await measure('onboard (one account)', () =>
    run(['onboard', member(plan), '-c', EXAMPLE, '--max-wait', '1s', '--format', 'markdown']),
  )
  await measure('apply (10% failed)', () => renderApplyMarkdown(plan, resultOf(plan.changes)))
  // Config recording stopped out of band in every account and region, each by someone else: nothing groups.
  const regions = [...new Set(plan.changes.flatMap((c) => (c.region ? [c.region] : [])))]
  const ids = Array.from({ length: accounts }, (_, i) => String(500000000000 + i))
  const drifted: Change[] = ids.flatMap((account, i) =>
    regions.map((region) => ({
      address: `stackset.instance[config-recorder@${account}:${region}]`,
      module: 'stacksets',
      action: 'update' as const,
      account,
      region,
      before: { recording: false, stoppedBy: `user-${i}` },
      after: { recording: true },
      dependsOn: [],
      destructive: false,
      drift: true,
      reason: `Config stopped recording in ${account} ${region} by user-${i}`,
    })),
  )
  const driftPlan = { ...plan, changes: drifted }
  await measure('drift (every account × region moved)', () => renderDriftMarkdown(driftReport(driftPlan)))
  await measure('reconcile (same, 10% not repaired)', () => {
    const result = resultOf(drifted)
    const left = drifted.filter((_, i) => i % 10 === 9)
    return renderReconcileMarkdown(driftReport(driftPlan), result, driftReport({ ...plan, changes: left }))
  })
  console.log(`accounts                                  ${accounts}`)
  for (const s of sizes) {
    const size = s.name.endsWith('(text)')
      ? `${s.text.split('\n').length} lines`
      : `${s.text.length} characters`
    const cut = s.text.includes('Cut to fit') ? ', cut' : ''
    console.log(`${s.name.padEnd(42)}${size}${cut}, ${(s.ms / 1000).toFixed(1)} s`)
  }
  console.log(`(cap ${MARKDOWN_LIMIT}; text plan has ${text.split('\n').length} lines)`)
  const over = sizes.filter((s) => !s.name.endsWith('(text)') && s.text.length >= MARKDOWN_LIMIT)
  for (const s of over) console.log(`  FAIL: ${s.name} is over the cap`)
  process.exitCode = over.length ? 1 : 0
} finally {
  await sandbox.close()
}
