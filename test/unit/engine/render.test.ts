import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Change } from '../../../src/engine/change.ts'
import { makePlan } from '../../../src/engine/plan.ts'
import { renderMarkdown } from '../../../src/engine/render/markdown.ts'
import { chooseStyle, colours, plain } from '../../../src/engine/render/style.ts'
import { renderText } from '../../../src/engine/render/text.ts'

const test = suite('plan rendering')

const change = (address: string, action: Change['action'], extra: Partial<Change> = {}): Change => ({
  address,
  module: address.split(/[.[]/)[0] ?? 'm',
  action,
  before:
    action === 'create' ? null : { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*' }] },
  after:
    action === 'delete' ? null : { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*' }] },
  reason: `why ${address}`,
  dependsOn: [],
  destructive: action === 'delete',
  ...extra,
})

const plan = makePlan({
  config: 'org.yaml',
  inputs: { config: 'c', scps: 's', templates: 't' },
  organization: { id: 'o-1', managementAccountId: '111111111111' },
  changes: [
    change('scp.policy[a]', 'update', { drift: true }),
    change('trusted-access[x]', 'create'),
    change('scp.attachment[b→Root]', 'delete'),
  ],
  notes: [{ module: 'scp', level: 'warning', message: 'SCPs never apply to the management account' }],
  errors: [],
})

test('text groups by module with + ~ -, shows an update as a diff, and ends with the summary line', () => {
  const text = renderText(plan, plain)
  assert.match(text, '  ~ scp.policy[a] [drift]')
  assert.match(text, '  - scp.attachment[b→Root] [destructive]')
  assert.match(text, '  + trusted-access[x]')
  assert.match(text, /\n {8}- {7}"Action": "s3:\*"\n {8}\+ {7}"Action": "ec2:\*"\n/)
  assert.match(text, '! scp: SCPs never apply to the management account')
  assert.ok(text.trimEnd().endsWith('Plan: 1 to add, 1 to change, 1 to destroy.'))
  assert.not.match(text, '\x1b[')
})

test('markdown suits a pull-request comment: summary first, one collapsible section per module, diff blocks', () => {
  const md = renderMarkdown(plan)
  assert.ok(md.indexOf('**Plan: 1 to add, 1 to change, 1 to destroy.**') < md.indexOf('<details>'))
  assert.match(md, '<details><summary><b>scp</b> — 2 change(s)</summary>')
  assert.match(md, '```diff')
  assert.match(md, '**destructive**')
})

test('colour only on a terminal, and never with NO_COLOR or --no-color', () => {
  const saved = process.env.NO_COLOR
  delete process.env.NO_COLOR
  try {
    assert.is(chooseStyle({ isTTY: true }, false), colours)
    assert.is(chooseStyle({ isTTY: false }, false), plain)
    assert.is(chooseStyle({ isTTY: true }, true), plain)
    process.env.NO_COLOR = '1'
    assert.is(chooseStyle({ isTTY: true }, false), plain)
  } finally {
    if (saved === undefined) delete process.env.NO_COLOR
    else process.env.NO_COLOR = saved
  }
})

test.run()
