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
import { OrganizationsClient } from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { DEFAULT_REGIONS } from '../../src/config/regions.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { management, member } from '../sandbox/helpers.ts'
import { changeLines, cli, EXAMPLE, withSandbox } from './harness.ts'
import { delegatedAdminIds } from './org-reads.ts'

const test = suite('inspector module')

const SECURITY = '222222222222'
/** Only apply takes --only: plans cover every module and are filtered to Inspector's lines. */
const ONLY = ['--only', 'trusted-access,inspector']

const inspectorLines = (stdout: string) => changeLines(stdout).filter((l) => /^[+~-] inspector\./.test(l))

/**
 * The example's organization with only Inspector of the security services on, so that drift and reconcile
 * (which cover every module) stay cheap: what is left besides Inspector is the member role and root sign-in
 * alert stacks.
 */
async function leanConfig(inspector: boolean): Promise<string> {
  const example = await readFile(EXAMPLE, 'utf8')
  const lean = `${example.slice(0, example.indexOf('rootUser:'))}rootUser:
  denyMemberRoot: false
  centralizedRootAccess: false
scps: []
cloudTrail: { enabled: false }
guardDuty: { enabled: false }
securityHub: { enabled: false }
config: { enabled: false }
findingsRouting: { enabled: false }
inspector:
  enabled: ${inspector}
  scanTypes: [EC2, ECR, LAMBDA]
`
  const file = join(await mkdtemp(join(tmpdir(), 'org-baseline-inspector-')), 'org.yaml')
  await writeFile(file, lean)
  return file
}

async function adminClient(sandbox: Sandbox, region: string) {
  return new Inspector2Client(await member(sandbox, SECURITY, region))
}

async function adminsIn(sandbox: Sandbox, region: string) {
  const client = new Inspector2Client(management(sandbox, region))
  const { delegatedAdminAccounts } = await client.send(new ListDelegatedAdminAccountsCommand({}))
  // An admin being removed is listed DISABLE_IN_PROGRESS for a while (eventual mode): it is no admin any more.
  return (delegatedAdminAccounts ?? []).filter((a) => a.status === 'ENABLED').map((a) => a.accountId)
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

test('apply from the default seed designates the administrator, enables every existing account and sets auto-enable in every region; the next plan is empty; auto-enable turned off by hand in one region is drift there only, repaired by reconcile', async () => {
  await withSandbox({}, async (sandbox) => {
    const config = await leanConfig(true)
    const first = await cli(['plan', '-c', config, '--detail'], sandbox)
    assert.is(inspectorLines(first.stdout).length, DEFAULT_REGIONS.length * 3, first.stdout)
    const applied = await cli(['apply', '-c', config, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    const second = await cli(['plan', '-c', config], sandbox)
    assert.is(second.code, 0, second.stdout)

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

    await (await adminClient(sandbox, 'eu-west-1')).send(
      new UpdateOrganizationConfigurationCommand({ autoEnable: { ec2: false, ecr: false } }),
    )
    const drift = await cli(['drift', '-c', config, '--format', 'json'], sandbox)
    assert.is(drift.code, 2, drift.stdout + drift.stderr)
    const report = JSON.parse(drift.stdout)
    assert.equal(report.changes, [], 'nothing is a config change')
    // The members change comes along: it re-enables any account that went unprotected meanwhile.
    assert.equal(
      report.drift.map((c: { address: string }) => c.address),
      ['inspector.members[eu-west-1]', 'inspector.org-config[eu-west-1]'],
    )
    const reconciled = await cli(['reconcile', '-c', config], sandbox)
    assert.is(reconciled.code, 0, reconciled.stdout + reconciled.stderr)
    assert.is((await cli(['plan', '-c', config], sandbox)).code, 0, 'converged again')
  })
})

test('turned off, Inspector is planned as destructive and removed only by apply --allow-destroy', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', await leanConfig(true), '--yes', ...ONLY], sandbox)).code, 0)
    const off = await leanConfig(false)
    const plan = await cli(['plan', '-c', off, '--detail'], sandbox)
    assert.match(plan.stdout, 'inspector.admin-removal[eu-west-1]', plan.stdout)
    assert.match(plan.stdout, 'destructive')
    const held = await cli(['apply', '-c', off, '--yes', ...ONLY], sandbox)
    assert.equal(await adminsIn(sandbox, 'eu-west-1'), [SECURITY], `held back: ${held.stdout}`)
    const applied = await cli(['apply', '-c', off, '--yes', '--allow-destroy', ...ONLY], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    for (const region of DEFAULT_REGIONS) assert.equal(await adminsIn(sandbox, region), [], region)
    const org = new OrganizationsClient(management(sandbox))
    assert.equal(
      await delegatedAdminIds(org, 'inspector2.amazonaws.com'),
      [],
      'deregistered in Organizations',
    )
    // Scanning was turned off in existing accounts before the administrator left (they stay standalone).
    const own = await (await adminClient(sandbox, 'eu-west-1')).send(new BatchGetAccountStatusCommand({}))
    assert.is(own.accounts?.[0]?.state?.status, 'DISABLED')
    const after = await cli(['plan', '-c', off], sandbox)
    assert.equal(inspectorLines(after.stdout), [], 'nothing of Inspector is left to remove')
  })
})

test.run()
