// `status` under Security Hub local configuration, end to end: membership comes from each region's
// ListMembers (one organization-wide listing per region, never a read per account); an account that joined
// after auto-enable is a member everywhere, an existing account only where it was added with CreateMembers,
// and every other cell says why — in JSON, text and markdown alike; with --member-standards, each member's
// standards as the account itself reads them.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateMembersCommand,
  EnableOrganizationAdminAccountCommand,
  EnableSecurityHubCommand,
  SecurityHubClient,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { plain } from '../../src/engine/render/style.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { renderStatusMarkdown } from '../../src/status/markdown.ts'
import { type StatusReport, statusAt } from '../../src/status/report.ts'
import { renderStatusText } from '../../src/status/text.ts'
import { management, member } from '../sandbox/helpers.ts'
import { cli, EXAMPLE, withSandbox, writes } from './harness.ts'
import { unexplainedCells } from './status-cells.ts'

const test = suite('status: Security Hub members under local configuration')

const TOOLING = '222222222222'
const PAYMENTS_PROD = '555555555555'
const REGIONS = ['us-east-1', 'eu-west-1']

async function localConfig(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-status-sh-'))
  const file = join(dir, 'org.yaml')
  const text = await readFile(EXAMPLE, 'utf8')
  // Two regions keep the status read short; the membership logic is the same in every region.
  const local = text
    .replace('configuration: central', 'configuration: local')
    .replace('targets: enabled', `targets: [${REGIONS.join(', ')}]`)
    .replace('optIn: [ap-southeast-4]', 'optIn: []')
  await writeFile(file, local)
  return file
}

/**
 * What `apply` does for local configuration, made directly (applying the whole baseline first would cost this
 * test half a minute): the security tooling account administers both regions, its hub on with
 * AWS's default standards (FSBP, CIS 1.2.0 — not the configured CIS 3.0.0), auto-enable on.
 */
async function setUpLocal(sandbox: Sandbox) {
  for (const region of REGIONS) {
    await new SecurityHubClient(management(sandbox, region)).send(
      new EnableOrganizationAdminAccountCommand({ AdminAccountId: TOOLING }),
    )
    const admin = new SecurityHubClient(await member(sandbox, TOOLING, region))
    await admin.send(new EnableSecurityHubCommand({}))
    await admin.send(
      new UpdateOrganizationConfigurationCommand({ AutoEnable: true, AutoEnableStandards: 'DEFAULT' }),
    )
  }
}

test('members from ListMembers, a gap with its reason for every account that is not one', async () => {
  await withSandbox({}, async (sandbox) => {
    const config = await localConfig()
    await setUpLocal(sandbox)
    // Joins after auto-enable was turned on: a member in every region, without anyone adding it.
    const joined = sandbox.control('sandbox', 'createAccount', {
      name: 'Joined Later',
      parent: 'Workloads/Prod',
    }) as {
      accountId: string
    }
    // An existing account, added by hand in one region only (auto-enable never reaches it).
    const admin = new SecurityHubClient(await member(sandbox, TOOLING, 'us-east-1'))
    await admin.send(new CreateMembersCommand({ AccountDetails: [{ AccountId: PAYMENTS_PROD }] }))

    sandbox.calls.entries.length = 0
    const run = await cli(['status', '-c', config, '--format', 'json', '--member-standards'], sandbox)
    assert.is(run.code, 0, run.stderr)
    assert.equal(writes(sandbox), [], 'status only reads')
    const report = JSON.parse(run.stdout) as StatusReport
    const listings = sandbox.calls.entries.filter((c) => c.operation === 'ListMembers')
    assert.equal(
      [...new Set(listings.map((c) => c.region))].sort(),
      [...report.regions].sort(),
      'one listing per region',
    )
    assert.ok(
      listings.every((c) => c.account === TOOLING),
      'read as the delegated administrator, not per account',
    )
    assert.equal(unexplainedCells(report), [])

    const cell = (account: string, control: string, region: string) =>
      statusAt(report.accounts.find((a) => a.id === account)?.cells[control], report.regions.indexOf(region))
    const gapOf = (account: string, control: string, region: string) =>
      report.gaps.find(
        (g) => g.control === control && g.accounts.includes(account) && g.regions.includes(region),
      )
    for (const region of report.regions)
      assert.is(cell(joined.accountId, 'securityhub', region), 'covered', `joined later: member in ${region}`)
    assert.is(cell(PAYMENTS_PROD, 'securityhub', 'us-east-1'), 'covered', 'CreateMembers in us-east-1')
    assert.is(cell(PAYMENTS_PROD, 'securityhub', 'eu-west-1'), 'missing')
    assert.match(
      gapOf(PAYMENTS_PROD, 'securityhub', 'eu-west-1')?.reason ?? '',
      /not a member: auto-enable reaches only accounts that join later — add existing accounts with CreateMembers/,
    )
    assert.ok(
      report.gaps.some((g) => g.control === 'securityhub' && g.status === 'suspended'),
      'the seed’s suspended account',
    )
    // Standards: the administrator's own are read; a member's are not readable by it, and the cell says so.
    assert.is(cell(TOOLING, 'securityhub-standards', 'us-east-1'), 'missing')
    assert.match(
      gapOf(TOOLING, 'securityhub-standards', 'us-east-1')?.reason ?? '',
      /not enabled in the administrator's hub: cis-3.0.0 — run apply/,
    )
    // A member's standards, read in the account itself (--member-standards): auto-enable gave AWS's defaults.
    assert.is(cell(joined.accountId, 'securityhub-standards', 'us-east-1'), 'missing')
    assert.match(
      gapOf(joined.accountId, 'securityhub-standards', 'us-east-1')?.reason ?? '',
      /not enabled in the account \(its own GetEnabledStandards\): cis-3.0.0/,
    )
    const ownReads = sandbox.calls.entries.filter(
      (c) => c.operation === 'GetEnabledStandards' && c.account === joined.accountId,
    )
    assert.equal(
      [...new Set(ownReads.map((c) => c.region))].sort(),
      [...report.regions].sort(),
      'one read per member and region, in the account',
    )
    const text = renderStatusText(report, plain)
    const md = renderStatusMarkdown(report)
    for (const label of ['Security Hub membership', 'Security Hub standards']) {
      assert.match(text, label, `text names ${label}`)
      assert.match(md, label, `markdown names ${label}`)
    }
    assert.match(md, /add existing accounts with CreateMembers/, 'markdown gives the reason')
  })
})

test.run()
