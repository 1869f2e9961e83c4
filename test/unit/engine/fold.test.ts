// Folding same-kind entries (issue 14: the default seed's plan in at most 150 lines): entries of a module
// that differ only by a name become one entry naming them all; destructive, drift and weakening entries and
// values that differ are never folded away; repeated notes are shown once.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Change, Note } from '../../../src/engine/change.ts'
import { makePlan } from '../../../src/engine/plan.ts'
import { changesOf, foldPlan, isFold, sharedStem } from '../../../src/engine/render/fold.ts'
import { renderMarkdown } from '../../../src/engine/render/markdown.ts'
import { foldNotes } from '../../../src/engine/render/notes.ts'
import { plain } from '../../../src/engine/render/style.ts'
import { renderText } from '../../../src/engine/render/text.ts'

const test = suite('folded plans')

const SERVICES = [
  'cloudtrail.amazonaws.com',
  'config.amazonaws.com',
  'guardduty.amazonaws.com',
  'malware-protection.guardduty.amazonaws.com',
]

const trusted = (service: string, extra: Partial<Change> = {}): Change => ({
  address: `trusted-access[${service}]`,
  module: 'trusted-access',
  action: 'create',
  before: null,
  after: { servicePrincipal: service },
  reason: `enable trusted access for ${service}: ${service.split('.')[0]} needs it`,
  dependsOn: [],
  destructive: false,
  ...extra,
})

const scp = (name: string, extra: Partial<Change> = {}): Change => ({
  address: `scp.policy[${name}]`,
  module: 'scp',
  action: 'create',
  before: null,
  after: { name, content: { Statement: [{ Sid: name }] } },
  reason: `create SCP ${name} (shipped with org-baseline)`,
  dependsOn: [],
  destructive: false,
  ...extra,
})

const stack = (name: string, region: string, extra: Partial<Change> = {}): Change => ({
  address: `stack[${name}@111111111111:${region}]`,
  module: 'stacksets',
  action: 'create',
  account: '111111111111',
  region,
  before: null,
  after: { stack: `org-baseline-${name}`, region },
  reason: `create stack org-baseline-${name} in 111111111111 ${region}`,
  dependsOn: [],
  destructive: false,
  ...extra,
})

/** The address of each entry, with how many changes it stands for and the names it folds. */
const shape = (changes: Change[]) =>
  foldPlan(changes).map((e) => [e.address, changesOf(e).length, isFold(e) ? e.names : []])

const cases: { why: string; changes: Change[]; entries: ReturnType<typeof shape> }[] = [
  {
    why: 'reasons the same once the name is generalized: one entry naming every name',
    changes: ['a', 'b', 'c'].map((n) => scp(n)),
    entries: [['scp.policy[{name}]', 3, ['a', 'b', 'c']]],
  },
  {
    why: 'creates whose reasons differ only after "for {name}:" fold, the whys left to --detail',
    changes: SERVICES.map((s) => trusted(s)),
    entries: [['trusted-access[{name}]', 4, SERVICES]],
  },
  {
    why: 'groups of 17-region changes fold by name when they act in the same places',
    changes: ['config-recorder', 'root-sign-in-alert'].flatMap((n) =>
      ['eu-west-1', 'us-east-1'].map((r) => stack(n, r)),
    ),
    entries: [['stack[{name}@111111111111:{region}]', 4, ['config-recorder', 'root-sign-in-alert']]],
  },
  {
    why: 'different places: folding would misstate where each acts',
    changes: [stack('a', 'us-east-1'), stack('b', 'eu-west-1')],
    entries: [
      ['stack[a@111111111111:us-east-1]', 1, []],
      ['stack[b@111111111111:eu-west-1]', 1, []],
    ],
  },
  {
    why: 'a destructive change is never folded into a group that hides it',
    changes: [scp('a'), scp('b'), scp('c', { action: 'delete', after: null, destructive: true })],
    entries: [
      ['scp.policy[{name}]', 2, ['a', 'b']],
      ['scp.policy[c]', 1, []],
    ],
  },
  {
    why: 'drift is never folded either, even two drifts of one kind',
    changes: [scp('a', { drift: true }), scp('b', { drift: true })],
    entries: [
      ['scp.policy[a]', 1, []],
      ['scp.policy[b]', 1, []],
    ],
  },
  {
    why: 'a create that weakens protection stays on its own, its warning shown',
    changes: [scp('a'), scp('b', { weakens: ['removes the deny'] })],
    entries: [
      ['scp.policy[a]', 1, []],
      ['scp.policy[b]', 1, []],
    ],
  },
  {
    why: 'updates with different diffs stay apart: each diff is shown',
    changes: ['a', 'b'].map((n) =>
      scp(n, { action: 'update', before: { v: 1 }, after: { v: n === 'a' ? 2 : 3 } }),
    ),
    entries: [
      ['scp.policy[a]', 1, []],
      ['scp.policy[b]', 1, []],
    ],
  },
  {
    why: 'updates with the same diff once the name is generalized fold',
    changes: ['a', 'b'].map((n) => scp(n, { action: 'update', before: { n, v: 1 }, after: { n, v: 2 } })),
    entries: [['scp.policy[{name}]', 2, ['a', 'b']]],
  },
  {
    why: 'reasons that differ before the name share no "… {name}" beginning: separate entries read better',
    changes: ['RootSessions', 'RootCredentialsManagement'].map((n) =>
      scp(n, {
        address: `root-access.feature[${n}]`,
        module: 'root-access',
        reason: `enable: ${n} lets x${n}`,
      }),
    ),
    entries: [
      ['root-access.feature[RootSessions]', 1, []],
      ['root-access.feature[RootCredentialsManagement]', 1, []],
    ],
  },
  {
    why: 'an address naming its own account is a place, not a name (accounts group by place already)',
    changes: ['400000000001', '400000000002'].map((a) =>
      scp(a, { address: `contact[${a}]`, account: a, reason: `set ${a}'s contact to ${a.at(-1)}` }),
    ),
    entries: [
      ['contact[400000000001]', 1, []],
      ['contact[400000000002]', 1, []],
    ],
  },
  {
    why: 'one of a kind has nothing to fold with',
    changes: [scp('a'), trusted('x.amazonaws.com')],
    entries: [
      ['scp.policy[a]', 1, []],
      ['trusted-access[x.amazonaws.com]', 1, []],
    ],
  },
]

for (const c of cases)
  test(c.why, () => {
    const entries = shape(c.changes)
    assert.equal(entries, c.entries)
    const counted = entries.reduce((n, [, count]) => n + (count as number), 0)
    assert.is(counted, c.changes.length, 'every change is in an entry')
  })

const stems: { why: string; reasons: string[]; stem: string | undefined }[] = [
  {
    why: 'shared up to the name and its colon',
    reasons: ['enable trusted access for {name}: a needs it', 'enable trusted access for {name}: b does'],
    stem: 'enable trusted access for {name}',
  },
  {
    why: 'shared up to a parenthesis',
    reasons: ['create {name} (one thing)', 'create {name} (another)'],
    stem: 'create {name}',
  },
  {
    why: 'the shared part names no {name}',
    reasons: ['enable: {name} x', 'enable: {name} y'],
    stem: undefined,
  },
  { why: 'nothing shared', reasons: ['a {name}', 'b {name}'], stem: undefined },
]

for (const s of stems) test(`shared stem: ${s.why}`, () => assert.is(sharedStem(s.reasons), s.stem))

const planOf = (changes: Change[], notes: Note[] = []) =>
  makePlan({
    config: 'org.yaml',
    inputs: { config: 'c', scps: 's', templates: 't' },
    organization: { id: 'o-1', managementAccountId: '111111111111' },
    changes,
    notes,
    errors: [],
  })

test('text: a fold names its names in the header while short, on a line of its own when long', () => {
  const text = renderText(
    planOf([...['a', 'b'].map((n) => scp(n)), ...SERVICES.map((s) => trusted(s))]),
    plain,
  )
  assert.match(
    text,
    '  + scp.policy[{name}]  (2 names: a, b)\n      create SCP {name} (shipped with org-baseline)\n',
  )
  assert.match(
    text,
    `  + trusted-access[{name}]\n      for 4 names: ${SERVICES.join(', ')}\n      enable trusted access for {name}; --detail gives each one its own reason\n`,
  )
  assert.match(text, '6 change(s) in 2 entries')
  const detail = renderText(planOf(SERVICES.map((s) => trusted(s))), plain, { detail: true })
  for (const s of SERVICES)
    assert.match(detail, `enable trusted access for ${s}: ${s.split('.')[0]} needs it`)
  assert.not.match(detail, '{name}')
})

test('markdown: a fold whose values differ by name shows each value under its name, uncut', () => {
  const statement = { a: 's3:*', b: 'ec2:*' }
  const md = renderMarkdown(
    planOf((['a', 'b'] as const).map((n) => scp(n, { after: { deny: statement[n] } }))),
  )
  assert.match(md, '- `+ scp.policy[{name}]` — 2 changes — for 2 names: a, b\n')
  assert.match(md, '  - `a`:\n  ```diff\n  + {"deny":"s3:*"}\n  ```')
  assert.match(md, '  - `b`:\n  ```diff\n  + {"deny":"ec2:*"}\n  ```')
})

const note = (module: string, message: string, extra: Partial<Note> = {}): Note => ({
  module,
  level: 'info',
  message,
  ...extra,
})

const noteCases: { why: string; notes: Note[]; shown: [string, string][] }[] = [
  {
    why: 'notes of one module that differ in one word are one note naming the others',
    notes: [note('scp', 'SCP a exempts no role.'), note('scp', 'SCP b exempts no role.')],
    shown: [['scp', 'SCP a exempts no role. The same for b.']],
  },
  {
    why: 'a note made by several modules is shown once, naming them',
    notes: [note('guardduty', 'region x is not enabled'), note('config', 'region x is not enabled')],
    shown: [['guardduty, config', 'region x is not enabled']],
  },
  {
    why: 'two words differ: not the same note',
    notes: [note('scp', 'SCP a exempts role r.'), note('scp', 'SCP b exempts role s.')],
    shown: [
      ['scp', 'SCP a exempts role r.'],
      ['scp', 'SCP b exempts role s.'],
    ],
  },
  {
    why: 'a warning is never folded into an info note',
    notes: [note('scp', 'SCP a is open.'), note('scp', 'SCP b is open.', { level: 'warning' })],
    shown: [
      ['scp', 'SCP a is open.'],
      ['scp', 'SCP b is open.'],
    ],
  },
  {
    why: 'notes about different accounts keep their own place',
    notes: [note('m', 'x is off', { account: '1' }), note('m', 'x is off', { account: '2' })],
    shown: [
      ['m', 'x is off'],
      ['m', 'x is off'],
    ],
  },
]

for (const c of noteCases)
  test(`notes: ${c.why}`, () => {
    assert.equal(
      foldNotes(c.notes).map((n) => [n.modules.join(', '), n.message]),
      c.shown,
    )
  })

test.run()
