// `status --format markdown` from a built report (no sandbox run): a small report fits whole; a
// generated 10,000-account report is cut under the 65,000-character cap with a line naming what was left
// out, while the totals and every checklist verdict with its evidence stay.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { MARKDOWN_LIMIT } from '../../../src/engine/render/markdown-cap.ts'
import { renderStatusMarkdown } from '../../../src/status/markdown.ts'
import {
  type AccountRow,
  type ControlInfo,
  countCells,
  type Gap,
  STATUS_FORMAT,
  STATUS_VERSION,
  type StatusReport,
} from '../../../src/status/report.ts'

const test = suite('status markdown: fits a pull-request comment at any size')

const REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]
const CONTROLS: ControlInfo[] = [
  { id: 'scp', label: 'SCPs in effect', scope: 'account', source: 'Organizations' },
  { id: 'config', label: 'Config recording', scope: 'region', source: 'stack set' },
  { id: 'root-alert', label: 'Root activity alert rule', scope: 'region', source: 'stack set' },
  { id: 'trail', label: 'Organization trail logging', scope: 'region', source: 'CloudTrail' },
  { id: 'guardduty', label: 'GuardDuty membership', scope: 'region', source: 'GuardDuty' },
  { id: 'securityhub', label: 'Security Hub policy', scope: 'region', source: 'Security Hub' },
]

/** A report of `size` accounts in 400 OUs; every 7th account has a failed Config instance of its own. */
function generated(size: number): StatusReport {
  const accounts: AccountRow[] = []
  const gaps: Gap[] = []
  const notCurrent = []
  for (let i = 0; i < size; i++) {
    const id = String(100000000000 + i)
    const failed = i % 7 === 3
    const region = REGIONS[i % REGIONS.length] ?? 'us-east-1'
    accounts.push({
      id,
      name: `Workload ${i}`,
      ou: `Workloads/Team-${i % 400}`,
      state: 'ACTIVE',
      management: i === 0,
      cells: {
        scp: 'covered',
        config: failed ? REGIONS.map((r) => (r === region ? 'failed' : 'covered')) : 'covered',
        'root-alert': 'covered',
        trail: 'covered',
        guardduty: i % 3 === 0 ? 'pending' : 'covered',
        securityhub: 'covered',
      },
    })
    if (failed) {
      const reason = `instance OUTDATED / FAILED: Resource handler returned message: "Configuration recorder limit exceeded in ${id}"`
      gaps.push({ control: 'config', status: 'failed', reason, regions: [region], accounts: [id] })
      notCurrent.push({ account: id, region, status: 'OUTDATED', detailedStatus: 'FAILED', reason })
    }
  }
  gaps.push({
    control: 'guardduty',
    status: 'pending',
    reason: 'not a member yet: pending auto-enable (ALL)',
    regions: REGIONS,
    accounts: accounts.filter((_, i) => i % 3 === 0).map((a) => a.id),
  })
  const partial = { controls: CONTROLS, accounts, regions: REGIONS }
  return {
    format: STATUS_FORMAT,
    version: STATUS_VERSION,
    createdAt: '2026-11-30T08:00:00.000Z',
    config: 'config/org.yaml',
    organization: { id: 'o-generated', managementAccountId: '100000000000' },
    ...partial,
    gaps,
    checklist: [
      {
        id: 'config',
        title: 'AWS Config records in every account and region',
        verdict: 'fail',
        evidence: ['160,531 of 170,000 account-regions covered (1,429 failed)'],
      },
      {
        id: 'guardduty',
        title: 'GuardDuty in every account and region',
        verdict: 'warn',
        evidence: ['auto-enable ALL in us-east-1'],
      },
    ],
    counts: countCells(partial),
    instances: [{ stackSet: 'org-baseline-config-recorder', read: 170_000, notCurrent, notRead: [] }],
    errors: [],
  }
}

test('a small report fits whole: totals, checklist with evidence, gaps with names, instances, OUs', () => {
  const report = generated(40)
  const md = renderStatusMarkdown(report)
  assert.not.match(md, 'Cut to fit', 'nothing to cut')
  assert.match(md, '| Config recording | 674 | 0 | 0 | 6 |', 'totals: 40 × 17 cells, 6 failed')
  assert.match(md, '- ❌ FAIL — **AWS Config records in every account and region**')
  assert.match(
    md,
    '  - 160,531 of 170,000 account-regions covered (1,429 failed)',
    'evidence under the verdict',
  )
  assert.match(md, /- \*\*guardduty\*\* pending: 14 accounts in every region — not a member yet/)
  assert.match(md, '  - Workload 0 (100000000000), Workload 3 (100000000003)', 'accounts named under a gap')
  assert.match(
    md,
    '| 100000000003 | ap-south-1 | OUTDATED / FAILED | instance OUTDATED / FAILED',
    'instances',
  )
  assert.match(md, '| Workloads/Team-3 | 1 | ✓ 1 | 16/17 |')
})

test('10,000 accounts: under the cap, the cut line names what was left out and how to see it', () => {
  const report = generated(10_000)
  const md = renderStatusMarkdown(report)
  assert.ok(md.length <= MARKDOWN_LIMIT, `${md.length} characters`)
  assert.match(md, '| Config recording | 168,571 | 0 | 0 | 1,429 |', 'the totals count every cell')
  for (const item of report.checklist) assert.match(md, item.title, `checklist item ${item.id} is never cut`)
  assert.match(
    md,
    /> ✂️ Cut to fit a pull-request comment \(65,000 characters\): .*\d+ entries of .* are left out\. The totals and the checklist above count every account and region\. Run `org-baseline status --html report\.html` \(or `--format json`\) to see them all\./,
  )
  assert.is((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length)
})

test.run()
