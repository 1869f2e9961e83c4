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
  assert.match(md, '<details><summary><b>scp</b> — 2 change(s) in 2 entries</summary>')
  assert.match(md, '```diff')
  assert.match(md, '**destructive**')
})

const weakened = makePlan({
  config: 'org.yaml',
  inputs: { config: 'c', scps: 's', templates: 't' },
  organization: { id: 'o-1', managementAccountId: '111111111111' },
  changes: [
    change('stack[log-archive@333333333333:us-east-1]', 'update', {
      before: { template: 'aaaa', parameters: { RetentionDays: '365' } },
      after: { template: 'bbbb', parameters: { RetentionDays: '30' } },
      destructive: true,
      weakens: ['RetentionDays: shortens log retention from 365 to 30 days'],
      templateDiff: {
        resources: [
          {
            logicalId: 'LogBucketPolicy',
            action: 'modified',
            type: 'AWS::S3::BucketPolicy',
            changes: [
              {
                path: '/PolicyDocument/Statement/3',
                after: { Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: 's3:GetObject' },
              },
            ],
          },
          { logicalId: 'Old', action: 'removed', type: 'AWS::SNS::Topic' },
        ],
        sections: [],
      },
    }),
  ],
  notes: [],
  errors: [],
})

test('a weakening update: red reason lines, the template as resource / property lines instead of its hash, counted in the summary', () => {
  const text = renderText(weakened, plain)
  assert.match(text, '  ~ stack[log-archive@333333333333:us-east-1] [destructive]')
  assert.match(text, '      ! RetentionDays: shortens log retention from 365 to 30 days')
  assert.match(text, '        ~ LogBucketPolicy (AWS::S3::BucketPolicy)')
  assert.match(
    text,
    '        +     /PolicyDocument/Statement/3: {"Effect":"Allow","Principal":{"AWS":"999999999999"},"Action":"s3:GetObject"}',
  )
  assert.match(text, '        - Old (AWS::SNS::Topic) removed')
  assert.not.match(text, 'aaaa', 'the hash is not what the reviewer reads')
  assert.match(text, /-\s+"RetentionDays": "365"/)
  assert.ok(
    text
      .trimEnd()
      .endsWith(
        'Plan: 0 to add, 1 to change, 0 to destroy. 1 of the changes turn protection off or narrower (destructive: applied only with --allow-destroy).',
      ),
  )
  const md = renderMarkdown(weakened)
  assert.match(md, '  - ⚠️ RetentionDays: shortens log retention from 365 to 30 days')
  assert.match(md, '  +     /PolicyDocument/Statement/3: {"Effect":"Allow"')
  assert.not.match(md, 'aaaa')
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
