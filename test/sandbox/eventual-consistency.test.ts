// The sandbox's eventual-consistency mode (README, "Eventual consistency"): each behaviour shows under
// `consistency: 'eventual'` and never in the default `strong` mode. Speed 1: time moves only when a test
// advances the clock, so every window is exact.
import {
  ActivateOrganizationsAccessCommand,
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DescribeStackSetOperationCommand,
  ListStackSetOperationResultsCommand,
  ListStackSetOperationsCommand,
} from '@aws-sdk/client-cloudformation'
import {
  DisableOrganizationAdminAccountCommand as GdDisableAdmin,
  EnableOrganizationAdminAccountCommand as GdEnableAdmin,
  ListOrganizationAdminAccountsCommand as GdListAdmins,
  UpdateOrganizationConfigurationCommand as GdUpdateOrgConfig,
  GuardDutyClient,
  ListDetectorsCommand,
  ListMembersCommand,
} from '@aws-sdk/client-guardduty'
import { EnableOrganizationsRootCredentialsManagementCommand, IAMClient } from '@aws-sdk/client-iam'
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  TagResourceCommand,
} from '@aws-sdk/client-organizations'
import {
  DescribeOrganizationConfigurationCommand,
  SecurityHubClient,
  DisableOrganizationAdminAccountCommand as ShDisableAdmin,
  EnableOrganizationAdminAccountCommand as ShEnableAdmin,
  ListOrganizationAdminAccountsCommand as ShListAdmins,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ConsistencyMode } from '../../src/sandbox/consistency.ts'
import { DEFAULT_SEED_FILE, type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { readSeedFile } from '../../src/sandbox/seed.ts'
import { failure, management, member } from './helpers.ts'

const ROOT = 'r-sb01'
const ADMIN = '222222222222'
const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

const test = suite('sandbox: eventual consistency')

async function withSandbox(
  consistency: ConsistencyMode,
  body: (sandbox: Sandbox) => Promise<void>,
  seedChanges: Record<string, unknown> = {},
) {
  const seed = readSeedFile(DEFAULT_SEED_FILE) as { organization: Record<string, unknown> }
  const sandbox = await startSandbox({
    speed: 1,
    consistency,
    consistencySeed: 4,
    seed: { ...seed, organization: { ...seed.organization, ...seedChanges } },
  })
  try {
    await body(sandbox)
  } finally {
    await sandbox.close()
  }
}

const advance = (sandbox: Sandbox, ms: number) => sandbox.control('sandbox', 'advanceClock', { ms })
const org = (sandbox: Sandbox) => new OrganizationsClient(management(sandbox))

test('Organizations lists answer empty pages with a NextToken in eventual mode only; paging on finds everything', async () => {
  for (const mode of ['strong', 'eventual'] as const) {
    await withSandbox(mode, async (sandbox) => {
      const client = org(sandbox)
      let empty = 0
      for (let i = 0; i < 40; i++) {
        let token: string | undefined
        const roots: string[] = []
        do {
          const page = await client.send(new ListRootsCommand({ NextToken: token }))
          if ((page.Roots ?? []).length === 0) {
            empty++
            assert.ok(page.NextToken, 'an empty page always says more is coming')
            assert.is.not(page.NextToken, token, 'a new token, so paginators do not stop on it')
          }
          roots.push(...(page.Roots ?? []).map((r) => r.Id ?? ''))
          token = page.NextToken
        } while (token)
        assert.equal(roots, [ROOT], 'paging to the end finds the root')
      }
      // "can occasionally return an empty set of results even when more results are available" (API model)
      if (mode === 'strong') assert.is(empty, 0)
      else assert.ok(empty > 0, 'eventual mode gave empty pages')
    })
  }
})

test('EnablePolicyType stays PENDING_ENABLE for a while; AttachPolicy meanwhile is PolicyTypeNotEnabledException', async () => {
  await withSandbox(
    'eventual',
    async (sandbox) => {
      const client = org(sandbox)
      const { Policy } = await client.send(
        new CreatePolicyCommand({
          Name: 'p',
          Description: 'd',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
        }),
      )
      const enabled = await client.send(
        new EnablePolicyTypeCommand({ RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' }),
      )
      assert.equal(enabled.Root?.PolicyTypes, [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'PENDING_ENABLE' }])
      const attach = new AttachPolicyCommand({ PolicyId: Policy?.PolicySummary?.Id, TargetId: ROOT })
      const refused = await failure(client.send(attach))
      assert.is(refused.name, 'PolicyTypeNotEnabledException')
      assert.is(refused.status, 409)
      // Asking again while pending conflicts with the enable in flight (aws-control-tower-customizations#175).
      const again = await failure(
        client.send(new EnablePolicyTypeCommand({ RootId: ROOT, PolicyType: 'SERVICE_CONTROL_POLICY' })),
      )
      assert.is(again.name, 'ConcurrentModificationException')
      assert.is(again.status, 409)
      advance(sandbox, 61 * SECOND) // the longest pending window is 60 s
      const { Roots } = await client.send(new ListRootsCommand({}))
      assert.equal(Roots?.[0]?.PolicyTypes, [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }])
      await client.send(attach)
    },
    { policyTypes: [] },
  )
})

test('tags read back stale for a moment after TagResource in eventual mode, at once in strong mode', async () => {
  for (const mode of ['strong', 'eventual'] as const) {
    await withSandbox(mode, async (sandbox) => {
      const client = org(sandbox)
      await client.send(new TagResourceCommand({ ResourceId: ROOT, Tags: [{ Key: 'k', Value: 'v' }] }))
      const read = async () =>
        (await client.send(new ListTagsForResourceCommand({ ResourceId: ROOT }))).Tags ?? []
      // The paginated read is tested above; the root has one page of tags.
      const first = (await read()).filter((t) => t.Key === 'k')
      assert.is(first.length, mode === 'strong' ? 1 : 0, `${mode}: read right after the write`)
      advance(sandbox, 11 * SECOND) // the longest stale window is 10 s
      assert.equal(
        (await read()).filter((t) => t.Key === 'k'),
        [{ Key: 'k', Value: 'v' }],
      )
    })
  }
})

test('trusted access enabled through Organizations reaches IAM only after a delay in eventual mode', async () => {
  await withSandbox('eventual', async (sandbox) => {
    await org(sandbox).send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' }))
    const iam = new IAMClient(management(sandbox))
    const early = await failure(iam.send(new EnableOrganizationsRootCredentialsManagementCommand({})))
    assert.is(early.name, 'ServiceAccessNotEnabledException')
    advance(sandbox, 2 * MINUTE + SECOND) // the longest visibility delay is 2 minutes
    await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}))
  })
})

test('a disabled GuardDuty and Security Hub administrator is DISABLE_IN_PROGRESS for a while', async () => {
  await withSandbox('eventual', async (sandbox) => {
    await org(sandbox).send(
      new EnableAWSServiceAccessCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }),
    )
    advance(sandbox, 2 * MINUTE + SECOND)
    const gd = new GuardDutyClient(management(sandbox))
    await gd.send(new GdEnableAdmin({ AdminAccountId: ADMIN }))
    await gd.send(new GdDisableAdmin({ AdminAccountId: ADMIN }))
    const during = await gd.send(new GdListAdmins({}))
    assert.equal(during.AdminAccounts, [{ AdminAccountId: ADMIN, AdminStatus: 'DISABLE_IN_PROGRESS' }])

    const sh = new SecurityHubClient(management(sandbox))
    await sh.send(new ShEnableAdmin({ AdminAccountId: ADMIN }))
    await sh.send(new ShDisableAdmin({ AdminAccountId: ADMIN }))
    assert.equal((await sh.send(new ShListAdmins({}))).AdminAccounts, [
      { AccountId: ADMIN, Status: 'DISABLE_IN_PROGRESS' },
    ])
    advance(sandbox, 5 * MINUTE + SECOND) // the longest disabling window is 5 minutes
    assert.equal((await gd.send(new GdListAdmins({}))).AdminAccounts, [])
    assert.equal((await sh.send(new ShListAdmins({}))).AdminAccounts, [])
  })
})

test('GuardDuty auto-enable ALL reaches existing members only after simulated hours in eventual mode', async () => {
  await withSandbox('eventual', async (sandbox) => {
    await org(sandbox).send(
      new EnableAWSServiceAccessCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }),
    )
    advance(sandbox, 2 * MINUTE + SECOND)
    await new GuardDutyClient(management(sandbox)).send(new GdEnableAdmin({ AdminAccountId: ADMIN }))
    const admin = new GuardDutyClient(await member(sandbox, ADMIN))
    const detectorId = (await admin.send(new ListDetectorsCommand({}))).DetectorIds?.[0]
    await admin.send(new GdUpdateOrgConfig({ DetectorId: detectorId, AutoEnableOrganizationMembers: 'ALL' }))
    const members = async () =>
      (await admin.send(new ListMembersCommand({ DetectorId: detectorId, MaxResults: 50 }))).Members ?? []
    const before = (await members()).length
    advance(sandbox, 24 * HOUR + SECOND) // "may take up to 24 hours"
    const after = (await members()).length
    assert.ok(after > 0, 'every existing member is reached within 24 hours')
    assert.ok(before < after, `not all at once: ${before} then ${after}`)
  })
})

test('Security Hub central configuration without a finding aggregator: accepted, PENDING, then FAILED with a message', async () => {
  await withSandbox('eventual', async (sandbox) => {
    await new SecurityHubClient(management(sandbox)).send(new ShEnableAdmin({ AdminAccountId: ADMIN }))
    const admin = new SecurityHubClient(await member(sandbox, ADMIN))
    await admin.send(
      new UpdateOrganizationConfigurationCommand({
        AutoEnable: false,
        AutoEnableStandards: 'NONE',
        OrganizationConfiguration: { ConfigurationType: 'CENTRAL' },
      }),
    )
    const pending = await admin.send(new DescribeOrganizationConfigurationCommand({}))
    assert.is(pending.OrganizationConfiguration?.Status, 'PENDING')
    advance(sandbox, 3 * MINUTE)
    const settled = await admin.send(new DescribeOrganizationConfigurationCommand({}))
    assert.is(settled.OrganizationConfiguration?.ConfigurationType, 'CENTRAL')
    assert.is(settled.OrganizationConfiguration?.Status, 'FAILED')
    assert.match(settled.OrganizationConfiguration?.StatusMessage ?? '', 'aggregat')
  })
})

test('ListStackSetOperations and ListStackSetOperationResults lag behind an ended operation; Describe does not', async () => {
  await withSandbox('eventual', async (sandbox) => {
    sandbox.control('cloudformation', 'setOperationDuration', { ms: 30_000 })
    const cfn = new CloudFormationClient(management(sandbox))
    await cfn.send(new ActivateOrganizationsAccessCommand({}))
    await cfn.send(
      new CreateStackSetCommand({
        StackSetName: 's',
        TemplateBody: 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n',
        PermissionModel: 'SERVICE_MANAGED',
        AutoDeployment: { Enabled: false },
      }),
    )
    const { OperationId } = await cfn.send(
      new CreateStackInstancesCommand({
        StackSetName: 's',
        DeploymentTargets: { OrganizationalUnitIds: [ROOT] },
        Regions: ['us-east-1'],
        OperationPreferences: { MaxConcurrentPercentage: 100, FailureTolerancePercentage: 100 },
      }),
    )
    const describe = async () =>
      (await cfn.send(new DescribeStackSetOperationCommand({ StackSetName: 's', OperationId })))
        .StackSetOperation
    // Step a second at a time to catch the operation's end exactly.
    while ((await describe())?.Status === 'RUNNING') advance(sandbox, SECOND)
    const ended = await describe()
    assert.is(ended?.Status, 'SUCCEEDED')
    const listed = async () =>
      (await cfn.send(new ListStackSetOperationsCommand({ StackSetName: 's' }))).Summaries?.[0]?.Status
    const results = async () =>
      (
        await cfn.send(
          new ListStackSetOperationResultsCommand({ StackSetName: 's', OperationId, MaxResults: 100 }),
        )
      ).Summaries?.length ?? 0
    assert.is(await listed(), 'RUNNING', 'the list still shows the operation running')
    const during = await results()
    advance(sandbox, 91 * SECOND) // the longest lag is 90 s
    assert.is(await listed(), 'SUCCEEDED')
    const after = await results()
    assert.ok(during < after, `results lag: ${during} listed, then ${after}`)
  })
})

test.run()
