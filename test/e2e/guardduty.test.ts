// The guardduty module end to end: the CLI against a sandbox organization, checked through the real SDK.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DescribeOrganizationConfigurationCommand,
  GetDetectorCommand,
  GetMembersCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListOrganizationAdminAccountsCommand,
  UpdateDetectorCommand,
} from '@aws-sdk/client-guardduty'
import { OrganizationsClient } from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { retryConflicts } from '../../src/aws/retry-conflicts.ts'
import { DEFAULT_REGIONS } from '../../src/config/regions.ts'
import { DEFAULT_SEED_FILE, type Sandbox } from '../../src/sandbox/index.ts'
import { readSeedFile } from '../../src/sandbox/seed.ts'
import { management, member } from '../sandbox/helpers.ts'
import { changeLines, cli, EXAMPLE, withSandbox } from './harness.ts'
import { delegatedAdminIds } from './org-reads.ts'

const test = suite('guardduty module')

interface PlannedChange {
  address: string
  drift?: boolean
  before: { autoEnable?: string; features: Record<string, string> }
  after: { autoEnable?: string; features: Record<string, string> }
}

const SECURITY = '222222222222'
const LOG_ARCHIVE = '333333333333'
const MANAGEMENT = '111111111111'
const CONFIGURED = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
]

const guardDutyLines = (stdout: string) =>
  changeLines(stdout).filter(
    (l) => l.startsWith('+ guardduty') || l.startsWith('~ guardduty') || l.startsWith('- guardduty'),
  )

async function orgConfigIn(sandbox: Sandbox, region: string) {
  const admin = new GuardDutyClient(await member(sandbox, SECURITY, region))
  const { DetectorIds } = await admin.send(new ListDetectorsCommand({}))
  const DetectorId = DetectorIds?.[0]
  assert.ok(DetectorId, `the admin has a detector in ${region}`)
  const config = await admin.send(new DescribeOrganizationConfigurationCommand({ DetectorId }))
  const members = await admin.send(new GetMembersCommand({ DetectorId, AccountIds: [MANAGEMENT] }))
  return {
    autoEnable: config.AutoEnableOrganizationMembers,
    features: Object.fromEntries((config.Features ?? []).map((f) => [f.Name, f.AutoEnable])),
    managementMember: members.Members?.[0]?.RelationshipStatus,
  }
}

/** The admin's own detector features (GetDetector as the admin), foundational sources left out. */
async function adminDetectorIn(sandbox: Sandbox, region: string) {
  const admin = new GuardDutyClient(await member(sandbox, SECURITY, region))
  const DetectorId = (await admin.send(new ListDetectorsCommand({}))).DetectorIds?.[0]
  assert.ok(DetectorId, `the admin has a detector in ${region}`)
  const { Features } = await admin.send(new GetDetectorCommand({ DetectorId }))
  const plans = (Features ?? []).filter(
    (f) => !['CLOUD_TRAIL', 'DNS_LOGS', 'FLOW_LOGS'].includes(f.Name ?? ''),
  )
  return {
    features: Object.fromEntries(plans.map((f) => [f.Name, f.Status])),
    agents: Object.fromEntries(
      (plans.find((f) => f.Name === 'RUNTIME_MONITORING')?.AdditionalConfiguration ?? []).map((a) => [
        a.Name,
        a.Status,
      ]),
    ),
  }
}

async function adminsIn(sandbox: Sandbox, region: string) {
  const client = new GuardDutyClient(management(sandbox, region))
  const { AdminAccounts } = await client.send(new ListOrganizationAdminAccountsCommand({}))
  // An admin being removed is listed DISABLE_IN_PROGRESS for a while (eventual mode): it is no admin any more.
  return (AdminAccounts ?? []).filter((a) => a.AdminStatus === 'ENABLED').map((a) => a.AdminAccountId)
}

async function configWith(edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-gd-'))
  const file = join(dir, 'org.yaml')
  await writeFile(file, edit(await readFile(EXAMPLE, 'utf8')))
  // Shipped SCPs are found by name; the copy needs nothing else from config/.
  return file
}

test('apply from the default seed makes Security Tooling the admin in every target region with the configured features, on its own detector too; the next plan is empty', async () => {
  await withSandbox({}, async (sandbox) => {
    const first = await cli(['plan', '-c', EXAMPLE, '--detail'], sandbox)
    const lines = guardDutyLines(first.stdout)
    for (const region of DEFAULT_REGIONS) {
      for (const kind of ['admin', 'detector', 'org-config', 'admin-detector', 'management-member'])
        assert.ok(lines.includes(`+ guardduty.${kind}[${region}]`), `${kind} planned in ${region}`)
    }
    assert.is(lines.length, DEFAULT_REGIONS.length * 5, 'five changes per region, nothing else')

    const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    const second = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.equal(guardDutyLines(second.stdout), [])
    assert.is(second.code, 0, second.stdout)

    for (const region of DEFAULT_REGIONS) {
      assert.equal(await adminsIn(sandbox, region), [SECURITY], `admin in ${region}`)
      const state = await orgConfigIn(sandbox, region)
      assert.is(state.autoEnable, 'ALL')
      assert.is(state.managementMember, 'Enabled', `management account is a member in ${region}`)
      for (const name of CONFIGURED) assert.is(state.features[name], 'ALL', `${name} in ${region}`)
      for (const name of ['RUNTIME_MONITORING', 'AI_PROTECTION'])
        assert.is(state.features[name], 'NONE', `${name} off`)
      assert.not.ok('EKS_RUNTIME_MONITORING' in state.features, 'the unused runtime kind was never sent')
      const own = await adminDetectorIn(sandbox, region)
      assert.equal(
        own.features,
        {
          ...Object.fromEntries(CONFIGURED.map((name) => [name, 'ENABLED'])),
          RUNTIME_MONITORING: 'DISABLED',
          AI_PROTECTION: 'DISABLED',
        },
        `exactly the configured features on the admin's own detector in ${region}`,
      )
      assert.equal(own.agents, {
        EKS_ADDON_MANAGEMENT: 'DISABLED',
        ECS_FARGATE_AGENT_MANAGEMENT: 'DISABLED',
        EC2_AGENT_MANAGEMENT: 'DISABLED',
      })
    }
  })
})

test("a feature switched off on the admin's own detector in one region (by the admin, through the SDK) is planned there only, as drift, and repaired", async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    const admin = new GuardDutyClient(await member(sandbox, SECURITY, 'eu-central-1'))
    const DetectorId = (await admin.send(new ListDetectorsCommand({}))).DetectorIds?.[0]
    // Under the soak's faults mode this out-of-band write may meet a conflict, which the SDK does not retry.
    await retryConflicts(() =>
      admin.send(
        new UpdateDetectorCommand({
          DetectorId,
          Features: [{ Name: 'RDS_LOGIN_EVENTS', Status: 'DISABLED' }],
        }),
      ),
    )

    const plan = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(plan.code, 2)
    assert.equal(guardDutyLines(plan.stdout), ['~ guardduty.admin-detector[eu-central-1]'])
    const json = JSON.parse((await cli(['plan', '-c', EXAMPLE, '--format', 'json'], sandbox)).stdout)
    const change = json.changes.find(
      (c: { address: string }) => c.address === 'guardduty.admin-detector[eu-central-1]',
    ) as PlannedChange
    assert.is(change.drift, true)
    assert.is(change.before.features.RDS_LOGIN_EVENTS, 'DISABLED')
    assert.is(change.after.features.RDS_LOGIN_EVENTS, 'ENABLED')

    const repaired = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(repaired.code, 0, repaired.stdout + repaired.stderr)
    assert.is((await adminDetectorIn(sandbox, 'eu-central-1')).features.RDS_LOGIN_EVENTS, 'ENABLED')
    assert.equal(guardDutyLines((await cli(['plan', '-c', EXAMPLE], sandbox)).stdout), [])
  })
})

test('a feature switched off, auto-enable turned off and the admin removed in one region are each planned in that region only, as drift, and repaired', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    sandbox.control('guardduty', 'setFeature', {
      region: 'eu-west-1',
      name: 'S3_DATA_EVENTS',
      autoEnable: 'NONE',
    })
    sandbox.control('guardduty', 'setAutoEnable', { region: 'us-east-2', value: 'NONE' })
    sandbox.control('guardduty', 'disableAdmin', { region: 'ap-south-1' })

    const plan = await cli(['plan', '-c', EXAMPLE, '--detail'], sandbox)
    assert.is(plan.code, 2)
    assert.equal(guardDutyLines(plan.stdout), [
      '+ guardduty.admin-detector[ap-south-1]',
      '+ guardduty.admin[ap-south-1]',
      '+ guardduty.management-member[ap-south-1]',
      '+ guardduty.org-config[ap-south-1]',
      '~ guardduty.org-config[eu-west-1]',
      '~ guardduty.org-config[us-east-2]',
    ])
    const json = JSON.parse((await cli(['plan', '-c', EXAMPLE, '--format', 'json'], sandbox)).stdout)
    const byAddress = new Map(json.changes.map((c: { address: string }) => [c.address, c]))
    const featureDrift = byAddress.get('guardduty.org-config[eu-west-1]') as PlannedChange
    assert.is(featureDrift.drift, true)
    assert.is(featureDrift.before.features.S3_DATA_EVENTS, 'NONE')
    assert.is(featureDrift.after.features.S3_DATA_EVENTS, 'ALL')
    assert.is((byAddress.get('guardduty.org-config[us-east-2]') as PlannedChange).before.autoEnable, 'NONE')
    assert.is((byAddress.get('guardduty.org-config[us-east-2]') as PlannedChange).drift, true)
    assert.is((byAddress.get('guardduty.admin[ap-south-1]') as PlannedChange).drift, true)
    assert.is((byAddress.get('guardduty.admin-detector[ap-south-1]') as PlannedChange).drift, true)

    const repaired = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(repaired.code, 0, repaired.stdout + repaired.stderr)
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 0)
    assert.equal(await adminsIn(sandbox, 'ap-south-1'), [SECURITY])
    assert.is((await orgConfigIn(sandbox, 'eu-west-1')).features.S3_DATA_EVENTS, 'ALL')
    assert.is((await orgConfigIn(sandbox, 'us-east-2')).autoEnable, 'ALL')
    assert.is((await orgConfigIn(sandbox, 'ap-south-1')).autoEnable, 'ALL')
  })
})

test("removing a feature from the config turns it off (NONE, and DISABLED on the admin's detector) in every region, as a destructive change, not drift", async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    const config = await configWith((t) =>
      t.replace(
        'features: [S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS]',
        'features: [S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS]',
      ),
    )
    const plan = await cli(['plan', '-c', config, '--format', 'json'], sandbox)
    const changes = JSON.parse(plan.stdout).changes.filter(
      (c: { module: string }) => c.module === 'guardduty',
    )
    assert.is(changes.length, DEFAULT_REGIONS.length * 2)
    for (const c of changes) {
      const own = c.address.startsWith('guardduty.admin-detector[')
      assert.ok(own || c.address.startsWith('guardduty.org-config['), c.address)
      assert.is(c.action, 'update')
      assert.not.ok(c.drift, 'a config change is not drift')
      assert.is(c.destructive, true, 'turning a protection off is destructive')
      assert.is(c.before.features.LAMBDA_NETWORK_LOGS, own ? 'ENABLED' : 'ALL')
      assert.is(c.after.features.LAMBDA_NETWORK_LOGS, own ? 'DISABLED' : 'NONE')
    }
    const applied = await cli(['apply', '-c', config, '--yes', '--allow-destroy'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    for (const region of ['us-east-1', 'eu-central-1']) {
      assert.is((await orgConfigIn(sandbox, region)).features.LAMBDA_NETWORK_LOGS, 'NONE')
      assert.is((await adminDetectorIn(sandbox, region)).features.LAMBDA_NETWORK_LOGS, 'DISABLED')
    }
    assert.is((await cli(['plan', '-c', config], sandbox)).code, 0)
  })
})

test('reconcile (the unattended job) holds back turning a protection off; apply --allow-destroy does it', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    const config = await configWith((t) =>
      t.replace(
        'features: [S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS]',
        'features: [S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS]',
      ),
    )
    const plan = await cli(['plan', '-c', config, '--detail'], sandbox)
    assert.match(plan.stdout, '~ guardduty.org-config[eu-west-1]')
    assert.match(plan.stdout, '! turns LAMBDA_NETWORK_LOGS off for members (ALL → NONE)')
    assert.match(
      plan.stdout,
      'turn protection off or narrower (destructive: applied only with --allow-destroy)',
    )

    const reconciled = await cli(['reconcile', '-c', config, '--format', 'json'], sandbox)
    assert.is(reconciled.code, 2, 'something remains: the held-back changes')
    const record = JSON.parse(reconciled.stdout)
    const guardduty = record.apply.outcomes.filter((o: { address: string }) =>
      o.address.startsWith('guardduty.'),
    )
    assert.is(guardduty.length, DEFAULT_REGIONS.length * 2)
    for (const o of guardduty) {
      assert.is(o.status, 'held-back', o.address)
      assert.match(o.detail, 'LAMBDA_NETWORK_LOGS')
    }
    for (const region of DEFAULT_REGIONS) {
      assert.is(
        (await orgConfigIn(sandbox, region)).features.LAMBDA_NETWORK_LOGS,
        'ALL',
        `still on in ${region}`,
      )
      assert.is((await adminDetectorIn(sandbox, region)).features.LAMBDA_NETWORK_LOGS, 'ENABLED')
    }

    const applied = await cli(['apply', '-c', config, '--yes', '--allow-destroy'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    for (const region of DEFAULT_REGIONS) {
      assert.is((await orgConfigIn(sandbox, region)).features.LAMBDA_NETWORK_LOGS, 'NONE', `off in ${region}`)
      assert.is((await adminDetectorIn(sandbox, region)).features.LAMBDA_NETWORK_LOGS, 'DISABLED')
    }
    assert.is((await cli(['plan', '-c', config], sandbox)).code, 0)
  })
})

test('RUNTIME_MONITORING with agents is sent with its AdditionalConfiguration and never together with EKS_RUNTIME_MONITORING', async () => {
  await withSandbox({}, async (sandbox) => {
    const config = await configWith((t) =>
      t
        .replace('LAMBDA_NETWORK_LOGS]', 'LAMBDA_NETWORK_LOGS, RUNTIME_MONITORING]')
        .replace('runtimeAgents: []', 'runtimeAgents: [EKS_ADDON_MANAGEMENT]'),
    )
    const applied = await cli(['apply', '-c', config, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    const admin = new GuardDutyClient(await member(sandbox, SECURITY, 'eu-west-1'))
    const DetectorId = (await admin.send(new ListDetectorsCommand({}))).DetectorIds?.[0]
    const described = await admin.send(new DescribeOrganizationConfigurationCommand({ DetectorId }))
    const runtime = described.Features?.find((f) => f.Name === 'RUNTIME_MONITORING')
    assert.is(runtime?.AutoEnable, 'ALL')
    const agents = Object.fromEntries(
      (runtime?.AdditionalConfiguration ?? []).map((a) => [a.Name, a.AutoEnable]),
    )
    assert.equal(agents, {
      EKS_ADDON_MANAGEMENT: 'ALL',
      ECS_FARGATE_AGENT_MANAGEMENT: 'NONE',
      EC2_AGENT_MANAGEMENT: 'NONE',
    })
    const own = await adminDetectorIn(sandbox, 'eu-west-1')
    assert.is(own.features.RUNTIME_MONITORING, 'ENABLED')
    assert.not.ok('EKS_RUNTIME_MONITORING' in own.features, 'the unused runtime kind was never sent')
    assert.equal(own.agents, {
      EKS_ADDON_MANAGEMENT: 'ENABLED',
      ECS_FARGATE_AGENT_MANAGEMENT: 'DISABLED',
      EC2_AGENT_MANAGEMENT: 'DISABLED',
    })
    assert.is((await cli(['plan', '-c', config], sandbox)).code, 0)
  })
})

test('changing the admin is destructive: held back without --allow-destroy, then done in AWS order with it', async () => {
  const seed = readSeedFile(DEFAULT_SEED_FILE)
  seed.guardduty = { admin: LOG_ARCHIVE, regions: ['us-east-1', 'eu-west-1'], autoEnable: 'ALL' }
  await withSandbox({ seed }, async (sandbox) => {
    const plan = await cli(['plan', '-c', EXAMPLE, '--detail'], sandbox)
    const lines = guardDutyLines(plan.stdout)
    assert.ok(lines.includes('- guardduty.admin-removal[us-east-1]'))
    assert.ok(lines.includes('- guardduty.admin-removal[eu-west-1]'))
    assert.ok(lines.includes(`- guardduty.delegated-admin[guardduty.amazonaws.com→${LOG_ARCHIVE}]`))
    assert.match(plan.stdout, /to destroy/)
    assert.not.match(plan.stdout, /0 to destroy/)

    const held = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(held.code, 2, held.stdout + held.stderr)
    assert.equal(await adminsIn(sandbox, 'us-east-1'), [LOG_ARCHIVE], 'nothing of the change was done')

    sandbox.calls.clear()
    const done = await cli(['apply', '-c', EXAMPLE, '--yes', '--allow-destroy'], sandbox)
    assert.is(done.code, 0, done.stdout + done.stderr)
    const order = sandbox.calls.entries
      .filter((c) => c.status < 400)
      .map((c) => `${c.operation}@${c.region}`)
      .filter((c) =>
        /^(Disassociate|Delete)Members|DisableOrganizationAdminAccount|DeregisterDelegatedAdministrator|EnableOrganizationAdminAccount/.test(
          c,
        ),
      )
    const at = (op: string) => {
      const index = order.findIndex((c) => c.startsWith(op))
      assert.ok(index >= 0, `${op} was called`)
      return index
    }
    const lastDisable = order.map((c) => c.split('@')[0]).lastIndexOf('DisableOrganizationAdminAccount')
    assert.ok(
      at('DisassociateMembers@us-east-1') < at('DeleteMembers@us-east-1'),
      'disassociate before delete',
    )
    assert.ok(
      at('DeleteMembers@us-east-1') < at('DisableOrganizationAdminAccount@us-east-1'),
      'members first',
    )
    assert.ok(
      lastDisable < at('DeregisterDelegatedAdministrator'),
      'deregister after every region is disabled',
    )
    assert.ok(at('DeregisterDelegatedAdministrator') < at('EnableOrganizationAdminAccount'), 'designate last')
    assert.is(
      order.filter((c) => c.startsWith('DeregisterDelegatedAdministrator')).length,
      1,
      'deregistered once',
    )

    for (const region of DEFAULT_REGIONS) assert.equal(await adminsIn(sandbox, region), [SECURITY])
    const org = new OrganizationsClient(management(sandbox))
    assert.equal(await delegatedAdminIds(org, 'guardduty.amazonaws.com'), [SECURITY])
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 0)
  })
})

test('an opt-in target region the admin has not enabled is a note, and nothing is planned there', async () => {
  const seed = readSeedFile(DEFAULT_SEED_FILE)
  const org = seed.organization as {
    managementAccount: { optInRegions?: string[] }
    trustedAccess?: string[]
  }
  org.managementAccount.optInRegions = ['ap-southeast-4']
  org.trustedAccess = ['account.amazonaws.com']
  await withSandbox({ seed }, async (sandbox) => {
    const plan = await cli(['plan', '-c', EXAMPLE, '--detail'], sandbox)
    assert.not.ok(
      guardDutyLines(plan.stdout).some((l) => l.includes('ap-southeast-4')),
      'nothing planned there',
    )
    assert.match(plan.stdout, /Security Tooling \(222222222222\) has not enabled ap-southeast-4/)
    assert.ok(
      guardDutyLines(plan.stdout).includes('+ guardduty.admin[us-east-1]'),
      'other regions still planned',
    )
    const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 0)
  })
})

test('a converged 1,000-account organization is planned with GuardDuty calls per region, not per account', async () => {
  // Without contacts: the plan reads each account's security contact at the Account API's published rate,
  // 10 a second (100 s for 1,000 accounts), once trusted access for it is on — nothing of GuardDuty's.
  const config = await configWith((t) => t.replace(/^contacts:\n(?: .*\n?)*/m, ''))
  assert.not.match(await readFile(config, 'utf8'), /^contacts:/m)
  await withSandbox({ accounts: 1000 }, async (sandbox) => {
    // Only what GuardDuty rests on: the stack sets' 1,000 × 17 instances add minutes and nothing to this check.
    const applied = await cli(['apply', '-c', config, '--yes', '--only', 'trusted-access,guardduty'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    sandbox.calls.clear()
    const plan = await cli(['plan', '-c', config], sandbox)
    assert.equal(guardDutyLines(plan.stdout), [])
    // Answered calls: an attempt refused with throttling or a 5xx (the soak's faults mode) is the SDK sending
    // the same call again.
    const calls = sandbox.calls.entries.filter((c) => c.service === 'guardduty' && c.status < 400)
    const regions = new Set(calls.map((c) => c.region)).size
    // ListOrganizationAdminAccounts, ListDetectors, DescribeOrganizationConfiguration, GetMembers, GetDetector.
    assert.ok(calls.length <= regions * 5, `${calls.length} GuardDuty calls for ${regions} regions`)
  })
})

test.run()
