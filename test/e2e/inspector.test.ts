// The inspector module end to end, against the default seed through the real SDK. Only `trusted-access,
// inspector` is applied, so each case stays a few seconds.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  BatchGetAccountStatusCommand,
  DescribeOrganizationConfigurationCommand,
  Inspector2Client,
  ListDelegatedAdminAccountsCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-inspector2'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { DEFAULT_REGIONS } from '../../src/config/regions.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { management, member } from '../sandbox/helpers.ts'
import { changeLines, cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('inspector module')

const SECURITY = '222222222222'
/** Only apply takes --only: plans cover every module and are filtered to Inspector's lines. */
const ONLY = ['--only', 'trusted-access,inspector']

const inspectorLines = (stdout: string) => changeLines(stdout).filter((l) => /^[+~-] inspector\./.test(l))

async function configWith(edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-inspector-'))
  const file = join(dir, 'org.yaml')
  await writeFile(file, edit(await readFile(EXAMPLE, 'utf8')))
  return file
}

async function adminClient(sandbox: Sandbox, region: string) {
  return new Inspector2Client(await member(sandbox, SECURITY, region))
}

async function adminsIn(sandbox: Sandbox, region: string) {
  const client = new Inspector2Client(management(sandbox, region))
  const { delegatedAdminAccounts } = await client.send(new ListDelegatedAdminAccountsCommand({}))
  return (delegatedAdminAccounts ?? []).map((a) => a.accountId)
}

/** Each seeded account's scan types in a region, as the administrator reads them. */
async function statusIn(sandbox: Sandbox, region: string) {
  const client = await adminClient(sandbox, region)
  const accountIds = [...sandbox.world.accounts.values()]
    .filter((a) => a.status === 'ACTIVE')
    .map((a) => a.id)
  const answer = await client.send(new BatchGetAccountStatusCommand({ accountIds }))
  return {
    failed: (answer.failedAccounts ?? []).map((f) => f.accountId),
    types: Object.fromEntries(
      (answer.accounts ?? []).map((a) => [
        a.accountId,
        Object.entries(a.resourceState ?? {})
          .filter(([, s]) => s?.status === 'ENABLED')
          .map(([field]) => field)
          .sort(),
      ]),
    ),
  }
}

test('apply from the default seed designates the administrator, enables every existing account and sets auto-enable in every region; the next plan is empty', async () => {
  await withSandbox({}, async (sandbox) => {
    const first = await cli(['plan', '-c', EXAMPLE, '--detail'], sandbox)
    const lines = inspectorLines(first.stdout)
    assert.is(lines.length, DEFAULT_REGIONS.length * 3, first.stdout)
    const applied = await cli(['apply', '-c', EXAMPLE, '--yes', ...ONLY], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    const second = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.equal(inspectorLines(second.stdout), [], 'nothing of Inspector is left to do')

    for (const region of DEFAULT_REGIONS) {
      assert.equal(await adminsIn(sandbox, region), [SECURITY], `admin in ${region}`)
      const { autoEnable } = await (await adminClient(sandbox, region)).send(
        new DescribeOrganizationConfigurationCommand({}),
      )
      assert.equal(
        {
          ec2: autoEnable?.ec2,
          ecr: autoEnable?.ecr,
          lambda: autoEnable?.lambda,
          code: autoEnable?.lambdaCode,
        },
        { ec2: true, ecr: true, lambda: true, code: false },
        `auto-enable in ${region}`,
      )
    }
    // Existing accounts are enabled in every region, not only the one the plan reads per account.
    for (const region of ['us-east-1', 'eu-west-1']) {
      const status = await statusIn(sandbox, region)
      assert.equal(status.failed, [], `every account associated in ${region}`)
      for (const [id, types] of Object.entries(status.types))
        assert.equal(types, ['ec2', 'ecr', 'lambda'], `${id} in ${region}`)
    }
  })
})

test('auto-enable turned off by hand in one region is drift there only, and reconcile repairs it', async () => {
  await withSandbox({}, async (sandbox) => {
    // drift and reconcile cover every module: the whole baseline is applied first.
    const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    await (await adminClient(sandbox, 'eu-west-1')).send(
      new UpdateOrganizationConfigurationCommand({ autoEnable: { ec2: false, ecr: false } }),
    )
    const drift = await cli(['drift', '-c', EXAMPLE, '--format', 'json'], sandbox)
    assert.is(drift.code, 2, drift.stdout + drift.stderr)
    const report = JSON.parse(drift.stdout)
    assert.equal(report.changes, [], 'nothing is a config change')
    // The members change comes along: it re-enables any account that went unprotected meanwhile.
    assert.equal(
      report.drift.map((c: { address: string }) => c.address),
      ['inspector.members[eu-west-1]', 'inspector.org-config[eu-west-1]'],
    )
    const reconciled = await cli(['reconcile', '-c', EXAMPLE], sandbox)
    assert.is(reconciled.code, 0, reconciled.stdout + reconciled.stderr)
    assert.equal(inspectorLines((await cli(['plan', '-c', EXAMPLE], sandbox)).stdout), [])
  })
})

test('turned off, Inspector is planned as destructive and removed only by apply --allow-destroy', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes', ...ONLY], sandbox)).code, 0)
    const off = await configWith((t) =>
      t.replace('inspector:\n  enabled: true', 'inspector:\n  enabled: false'),
    )
    const plan = await cli(['plan', '-c', off, '--detail'], sandbox)
    assert.match(plan.stdout, 'inspector.admin-removal[eu-west-1]', plan.stdout)
    assert.match(plan.stdout, 'destructive')
    const held = await cli(['apply', '-c', off, '--yes', ...ONLY], sandbox)
    assert.equal(await adminsIn(sandbox, 'eu-west-1'), [SECURITY], `held back: ${held.stdout}`)
    const applied = await cli(['apply', '-c', off, '--yes', '--allow-destroy', ...ONLY], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    for (const region of DEFAULT_REGIONS) assert.equal(await adminsIn(sandbox, region), [], region)
    const after = await cli(['plan', '-c', off], sandbox)
    assert.equal(inspectorLines(after.stdout), [], 'nothing of Inspector is left to remove')
  })
})

test.run()
