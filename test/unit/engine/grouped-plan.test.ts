// Grouped plans (issue 14): the same change in many regions or accounts is one entry naming where, values
// that differ are shown where they differ, destructive and drift changes are never hidden in a group, and
// the markdown plan is cut at GitHub's comment limit with a line saying what was left out.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Change } from '../../../src/engine/change.ts'
import { makePlan } from '../../../src/engine/plan.ts'
import { countChanges } from '../../../src/engine/render/counts.ts'
import { groupPlan } from '../../../src/engine/render/entry.ts'
import { renderMarkdown } from '../../../src/engine/render/markdown.ts'
import { MARKDOWN_LIMIT } from '../../../src/engine/render/markdown-cap.ts'
import { describePlaces, directoryOf } from '../../../src/engine/render/places.ts'
import { plain } from '../../../src/engine/render/style.ts'
import { renderText } from '../../../src/engine/render/text.ts'

const test = suite('grouped plans')

const REGIONS = ['ap-northeast-1', 'eu-west-1', 'us-east-1', 'us-east-2', 'us-west-2']
const ADMIN = '222222222222'

const detector = (region: string, extra: Partial<Change> = {}): Change => ({
  address: `guardduty.detector[${region}]`,
  module: 'guardduty',
  action: 'create',
  account: ADMIN,
  region,
  before: null,
  after: { enabled: true, region },
  reason: `GuardDuty must be on in ${region}`,
  dependsOn: [],
  destructive: false,
  ...extra,
})

const memberAccounts = Array.from({ length: 212 }, (_, i) => String(400000000000 + i))
const directory = directoryOf([
  ...memberAccounts.map((id, i) => ({ id, name: `prod-${i}`, path: 'Workloads/Prod' })),
  { id: ADMIN, name: 'Security Tooling', path: 'Security' },
])

const planOf = (changes: Change[]) =>
  makePlan({
    config: 'org.yaml',
    inputs: { config: 'c', scps: 's', templates: 't' },
    organization: { id: 'o-1', managementAccountId: '111111111111' },
    changes,
    notes: [],
    errors: [],
  })

test('changes the same but for the region are one entry naming the regions, its value once', () => {
  const groups = groupPlan(REGIONS.map((r) => detector(r)))
  assert.is(groups.length, 1)
  assert.is(groups[0]?.address, 'guardduty.detector[{region}]')
  assert.is(groups[0]?.changes.length, 5, 'every change is kept in its group')
  assert.is(groups[0]?.variants.length, 1)
  assert.is(
    describePlaces(groups[0]?.changes ?? [], { directory }),
    'account Security Tooling (222222222222), 5 regions: ap-northeast-1 … us-west-2',
  )
})

test('a value that differs in one region is shown there only', () => {
  const changes = REGIONS.map((r) =>
    detector(r, r === 'eu-west-1' ? { after: { enabled: true, region: r, malware: false } } : {}),
  )
  const text = renderText(planOf(changes), plain)
  assert.match(
    text,
    '+ guardduty.detector[{region}]  (account 222222222222, all 5 regions: ap-northeast-1 … us-west-2)',
  )
  assert.match(text, 'in account 222222222222, region eu-west-1 instead:')
  assert.match(text, '+ {"enabled":true,"region":"{region}","malware":false}')
})

test('a change in 212 accounts of one OU reads as such', () => {
  const changes = memberAccounts.map((account) => ({
    ...detector('us-east-1'),
    address: `guardduty.member[${account}:us-east-1]`,
    account,
    reason: `add ${account} as a member`,
  }))
  const text = renderText(planOf(changes), plain, { directory })
  assert.match(
    text,
    '+ guardduty.member[{account}:us-east-1]  (212 accounts of Workloads/Prod, region us-east-1)',
  )
  assert.match(text, 'add {account} as a member')
})

test('destructive and drift changes never share a group with others, and name every place', () => {
  const changes = [
    ...REGIONS.map((r) => detector(r)),
    detector('eu-central-1', { action: 'delete', before: { enabled: true }, after: null, destructive: true }),
    ...['ca-central-1', 'sa-east-1', 'eu-north-1', 'eu-west-2', 'eu-west-3'].map((r) =>
      detector(r, { drift: true }),
    ),
  ]
  const groups = groupPlan(changes)
  assert.equal(
    groups.map((g) => [g.address, g.changes.length, g.destructive, g.drift]),
    [
      ['guardduty.detector[{region}]', 5, false, false],
      ['guardduty.detector[eu-central-1]', 1, true, false],
      ['guardduty.detector[{region}]', 5, false, true],
    ],
  )
  const text = renderText(planOf(changes), plain)
  assert.match(
    text,
    '- guardduty.detector[eu-central-1]  (account 222222222222, region eu-central-1) [destructive]',
  )
  assert.match(text, '5 regions: ca-central-1, eu-north-1, eu-west-2, eu-west-3, sa-east-1) [drift]')
  assert.match(text, '+ {"enabled":true,"region":"{region}"}', 'a drift entry shows its value')
})

test('changes that share nothing but the address pattern stay separate entries', () => {
  const changes = ['eu-west-1', 'us-east-2'].map((r) =>
    detector(r, {
      action: 'update',
      before: { x: r },
      after: { y: r === 'eu-west-1' ? 1 : 2 },
      reason: `fix ${r}`,
      drift: true,
    }),
  )
  assert.equal(
    groupPlan(changes).map((g) => g.address),
    ['guardduty.detector[eu-west-1]', 'guardduty.detector[us-east-2]'],
  )
})

test('the summary counts per module, and --detail lists every change as before', () => {
  const changes = [...REGIONS.map((r) => detector(r)), detector('eu-north-1', { drift: true })]
  const counts = countChanges(changes)
  assert.equal(counts.modules.guardduty, {
    add: 6,
    change: 0,
    destroy: 0,
    drift: 1,
    weakening: 0,
    accounts: 1,
    regions: 6,
  })
  const text = renderText(planOf(changes), plain)
  assert.match(text, /\n {2}guardduty +6 +0 +0 +1 +1 +6\n/)
  const detail = renderText(planOf(changes), plain, { detail: true })
  for (const r of [...REGIONS, 'eu-north-1']) assert.match(detail, `  + guardduty.detector[${r}]`)
  assert.not.match(detail, '{region}')
})

test('markdown: creates and deletes are +/- lines in diff blocks, so GitHub colours them', () => {
  const md = renderMarkdown(
    planOf([
      detector('us-east-1', { action: 'delete', before: { enabled: true }, after: null, destructive: true }),
    ]),
  )
  assert.match(md, '  ```diff\n  - {"enabled":true}\n  ```')
  assert.match(md, '| Module | Add | Change | Destroy | Drift | Accounts | Regions |')
})

test('markdown of 10,000 accounts drifting in 3 regions is cut under 65,000 characters, saying what is left out', () => {
  const regions = REGIONS.slice(0, 3)
  const changes: Change[] = []
  for (let i = 0; i < 10_000; i++) {
    const account = String(500000000000 + i)
    for (const region of regions)
      changes.push({
        ...detector(region),
        address: `config.recorder[${account}:${region}]`,
        module: `config-${i % 20}`,
        account,
        action: 'update',
        // A value of its own in each account: nothing groups, so only the cap keeps it under the limit.
        before: { recording: false, stoppedBy: `user-${i}` },
        after: { recording: true },
        drift: true,
        reason: `Config stopped recording in ${account} ${region}`,
      })
  }
  // And 10,000 changes that share nothing: one entry each, more than any comment holds.
  for (let i = 0; i < 10_000; i++) {
    const account = String(600000000000 + i)
    changes.push({
      ...detector('us-east-1'),
      address: `root-access.credentials[${account}]`,
      module: 'root-access',
      account,
      region: undefined,
      reason: `root access key AKIA${i} found`,
    })
  }
  const md = renderMarkdown(planOf(changes))
  assert.ok(md.length <= MARKDOWN_LIMIT, `${md.length} characters`)
  assert.match(md, `**Plan: 10000 to add, 30000 to change, 0 to destroy.**`)
  assert.match(md, /✂️ Cut to fit a pull-request comment \(65,000 characters\): values of .* are not shown/)
  assert.match(md, /; \d+ entries \(\d+ change\(s\)\) of root-access are left out\./)
  assert.match(md, 'org-baseline plan --detail')
  assert.is((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length)
})

test.run()
