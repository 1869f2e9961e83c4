// A client that knows nothing of the sandbox's internals: only the AWS SDK, an endpoint and the
// management credentials, as any third-party tool would use it. It walks the organization, enters a
// member account, and reads what a security tool would read.
import { AccountClient, paginateListRegions } from '@aws-sdk/client-account'
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam'
import {
  DescribeOrganizationCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'

let sandbox: Sandbox

test.before(async () => {
  sandbox = await startSandbox({ pageSizeCap: 3 })
})
test.after(() => sandbox.close())

test('an SDK-only client lists every account, assumes into each active one, and audits its root MFA', async () => {
  const base = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials }
  const org = new OrganizationsClient(base)
  const { Organization } = await org.send(new DescribeOrganizationCommand({}))
  const active: string[] = []
  for await (const page of paginateListAccounts({ client: org }, {})) {
    for (const account of page.Accounts ?? []) {
      if (account.Status === 'ACTIVE' && account.Id !== Organization?.MasterAccountId)
        active.push(account.Id ?? '')
    }
  }
  assert.is(active.length, 8)

  const mfa: Record<string, number | undefined> = {}
  const denied: string[] = []
  for (const accountId of active) {
    const credentials = fromTemporaryCredentials({
      params: {
        RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'audit',
      },
      masterCredentials: sandbox.credentials,
      clientConfig: { endpoint: sandbox.endpoint, region: 'us-east-1' },
    })
    const config = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials }
    try {
      const identity = await new STSClient(config).send(new GetCallerIdentityCommand({}))
      assert.is(identity.Account, accountId)
      const { SummaryMap } = await new IAMClient(config).send(new GetAccountSummaryCommand({}))
      mfa[accountId] = SummaryMap?.AccountMFAEnabled
    } catch (error) {
      denied.push(`${accountId}:${(error as Error).name}`)
    }
  }
  assert.equal(denied, ['444444444445:AccessDenied'], 'only the account without the access role refuses')
  assert.is(mfa['222222222222'], 1)
  assert.is(mfa['666666666666'], 0)
})

test('an SDK-only client reads SCPs per target and the regions of its own account', async () => {
  const base = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials }
  const policies = await new OrganizationsClient(base).send(
    new ListPoliciesForTargetCommand({ TargetId: '111111111111', Filter: 'SERVICE_CONTROL_POLICY' }),
  )
  assert.equal(
    policies.Policies?.map((p) => p.Name),
    ['FullAWSAccess'],
  )
  let regions = 0
  for await (const page of paginateListRegions({ client: new AccountClient(base) }, {}))
    regions += page.Regions?.length ?? 0
  assert.is(regions, 34)
})

test.run()
