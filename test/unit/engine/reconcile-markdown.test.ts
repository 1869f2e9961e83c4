// `reconcile --format markdown`: the drift before, the repairs and what remains share one 65,000-character
// cap (three parts capped alone could reach three times the limit); the summaries before and after always
// show, and the cut line names what was left out.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Change } from '../../../src/engine/change.ts'
import type { ExecutionResult } from '../../../src/engine/executor.ts'
import { makePlan } from '../../../src/engine/plan.ts'
import { driftReport } from '../../../src/engine/render/drift-report.ts'
import { MARKDOWN_LIMIT } from '../../../src/engine/render/markdown-cap.ts'
import { renderReconcileMarkdown } from '../../../src/engine/render/reconcile-markdown.ts'

const test = suite('reconcile markdown: one cap across before, repairs and after')

/** `count` changes that share nothing (a value of their own in each account): nothing groups. */
const changes = (count: number, from = 0): Change[] =>
  Array.from({ length: count }, (_, i) => {
    const account = String(600000000000 + from + i)
    return {
      address: `config.recorder[${account}:us-east-1]`,
      module: 'config',
      action: 'update',
      account,
      region: 'us-east-1',
      before: { recording: false, stoppedBy: `user-${i}` },
      after: { recording: true },
      dependsOn: [],
      destructive: false,
      drift: true,
      reason: `Config stopped recording in ${account} us-east-1 by user-${from + i}`,
    }
  })

const reportOf = (list: Change[]) =>
  driftReport(
    makePlan({
      config: 'org.yaml',
      inputs: { config: 'c', scps: 's', templates: 't' },
      organization: { id: 'o-1', managementAccountId: '111111111111' },
      changes: list,
      notes: [],
      errors: [],
    }),
  )

const resultOf = (list: Change[], failEvery: number): ExecutionResult => {
  const outcomes = list.map((change, i) =>
    i % failEvery === 0
      ? {
          change,
          outcome: { status: 'failed' as const, error: new Error(`AccessDenied in ${change.account}`) },
        }
      : { change, outcome: { status: 'applied' as const } },
  )
  const failed = outcomes.filter((o) => o.outcome.status === 'failed').length
  return { outcomes, applied: list.length - failed, failed, skipped: 0, heldBack: 0 }
}

test('small: every part whole, nothing cut', () => {
  const before = changes(3)
  const md = renderReconcileMarkdown(reportOf(before), resultOf(before, 3), reportOf(before.slice(0, 1)))
  assert.not.match(md, 'Cut to fit')
  assert.match(md, '### org-baseline reconcile')
  assert.match(md, '**Apply: 2 applied, 1 failed, 0 skipped, 0 held back.**')
  assert.match(md, '| `config.recorder[600000000000:us-east-1]` | failed | AccessDenied in 600000000000 |')
  assert.match(
    md,
    '#### Still pending after this run\n\n**Drift: 1 moved out of band, 0 pending from config changes.**',
  )
})

test('2,000 changes before, 2,000 repairs, 500 left: under one cap, both summaries kept, the cut named', () => {
  const before = changes(2_000)
  const md = renderReconcileMarkdown(reportOf(before), resultOf(before, 5), reportOf(changes(500, 0)))
  assert.ok(md.length <= MARKDOWN_LIMIT, `${md.length} characters`)
  assert.match(md, '**Drift: 2000 moved out of band, 0 pending from config changes.**', 'the summary before')
  assert.match(md, '#### Still pending after this run\n\n**Drift: 500 moved out of band', 'the summary after')
  assert.match(
    md,
    /> ✂️ Cut to fit a pull-request comment \(65,000 characters\): \d+ entries \(\d+ change\(s\)\) of drift, repairs, still drift are left out\. /,
  )
})

test('reconciled: the last line says so', () => {
  const before = changes(2)
  const md = renderReconcileMarkdown(reportOf(before), resultOf(before, 100), reportOf([]))
  assert.match(md, /\*\*Reconciled: the organization matches the baseline\.\*\*\n$/)
})

test('a module the last read could not observe: not called reconciled, its error shown', () => {
  const before = changes(2)
  const after = { ...reportOf([]), errors: [{ module: 'guardduty', message: 'ListDetectors: throttled' }] }
  const md = renderReconcileMarkdown(reportOf(before), resultOf(before, 100), after)
  assert.not.match(md, 'Reconciled')
  assert.match(md, '- ❌ **guardduty**: ListDetectors: throttled')
})

test.run()
