// `apply --format markdown`: the changes to apply and their outcomes share one 65,000-character cap (the plan
// capped alone, then an outcome table, could pass GitHub's comment limit); both summaries always show,
// failures come before applied rows, and the cut line says what was left out and how to see it.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Change } from '../../../src/engine/change.ts'
import type { ExecutionResult } from '../../../src/engine/executor.ts'
import { makePlan } from '../../../src/engine/plan.ts'
import { renderApplyMarkdown } from '../../../src/engine/render/apply-markdown.ts'
import { renderMarkdown } from '../../../src/engine/render/markdown.ts'
import { MARKDOWN_LIMIT } from '../../../src/engine/render/markdown-cap.ts'
import { OUTCOME_TABLE_HEAD, outcomeRows } from '../../../src/engine/render/outcomes.ts'

const test = suite('apply markdown: one cap across the changes and their outcomes')

/** `count` changes that share nothing (a value of their own in each account): nothing groups or folds. */
const changes = (count: number): Change[] =>
  Array.from({ length: count }, (_, i) => {
    const account = String(600000000000 + i)
    return {
      address: `config.recorder[${account}:us-east-1]`,
      module: 'config',
      action: 'create',
      account,
      region: 'us-east-1',
      before: null,
      after: { recording: true, name: `recorder-${i}` },
      dependsOn: [],
      destructive: false,
      reason: `start Config recording in ${account} us-east-1 as recorder-${i}`,
    }
  })

const planOf = (list: Change[]) =>
  makePlan({
    config: 'org.yaml',
    inputs: { config: 'c', scps: 's', templates: 't' },
    organization: { id: 'o-1', managementAccountId: '111111111111' },
    changes: list,
    notes: [{ module: 'config', level: 'info', message: 'recorders record every resource type' }],
    errors: [],
  })

/** The last of every `failEvery` changes fails: failures sit at the end of the run's own order. */
const resultOf = (list: Change[], failEvery: number): ExecutionResult => {
  const outcomes = list.map((change, i) =>
    i % failEvery === failEvery - 1
      ? {
          change,
          outcome: { status: 'failed' as const, error: new Error(`AccessDenied in ${change.account}`) },
        }
      : { change, outcome: { status: 'applied' as const } },
  )
  const failed = outcomes.filter((o) => o.outcome.status === 'failed').length
  return { outcomes, applied: list.length - failed, failed, skipped: 0, heldBack: 0 }
}

test('small: the plan, both summaries and every outcome, nothing cut', () => {
  const list = changes(3)
  const md = renderApplyMarkdown(planOf(list), resultOf(list, 3))
  assert.not.match(md, 'Cut to fit')
  assert.match(md, '### org-baseline apply')
  assert.match(
    md,
    '**Plan: 3 to add, 0 to change, 0 to destroy.**\n\n**Apply: 2 applied, 1 failed, 0 skipped, 0 held back.**',
  )
  assert.match(
    md,
    '#### Not applied\n\n| Change | Outcome | Detail |\n|---|---|---|\n| `config.recorder[600000000002:us-east-1]` | failed | AccessDenied in 600000000002 |\n',
  )
  assert.match(
    md,
    '#### Applied\n\n| Change | Outcome | Detail |\n|---|---|---|\n| `config.recorder[600000000000:us-east-1]` | applied |',
  )
  assert.ok(md.indexOf('#### Not applied') < md.indexOf('<details>'), 'what was not applied comes first')
  assert.match(md, '#### Notes')
})

test('nothing applied (no result): the plan alone, as before', () => {
  const md = renderApplyMarkdown(planOf(changes(2)), undefined)
  assert.not.match(md, 'applied\n\n| Change')
  assert.not.match(md, '**Apply:')
})

test('1,000 changes and outcomes: over the limit if capped apart, under it together, failures kept', () => {
  const list = changes(1_000)
  const result = resultOf(list, 10)
  // What apply printed before: the capped plan, then every outcome.
  const apart =
    renderMarkdown(planOf(list)).length + OUTCOME_TABLE_HEAD.length + outcomeRows(result).join('\n').length
  assert.ok(apart > MARKDOWN_LIMIT, `apart: ${apart} characters`)
  const md = renderApplyMarkdown(planOf(list), result)
  assert.ok(md.length <= MARKDOWN_LIMIT, `${md.length} characters`)
  assert.match(md, '**Plan: 1000 to add, 0 to change, 0 to destroy.**', 'the plan summary')
  assert.match(md, '**Apply: 900 applied, 100 failed, 0 skipped, 0 held back.**', 'the apply summary')
  for (let i = 9; i < 1_000; i += 10) assert.match(md, `| failed | AccessDenied in ${600000000000 + i} |`)
  assert.match(
    md,
    /\n> ✂️ Cut to fit a pull-request comment \(65,000 characters\): .*\d+ entries \(\d+ change\(s\)\) of .*are left out\. The summaries above count every change and outcome\. Run `org-baseline plan --detail` to see what is still pending; `apply --format json` records every outcome\.\n$/,
  )
  assert.is((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length)
})

test.run()
