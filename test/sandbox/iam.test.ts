// IAM: centralized root access (aws-facts §2) and the root-credential keys of GetAccountSummary.

import {
  DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  GetAccountSummaryCommand,
  IAMClient,
  ListOrganizationsFeaturesCommand,
} from '@aws-sdk/client-iam'
import { EnableAWSServiceAccessCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

let sandbox: Sandbox
let iam: IAMClient

test.before(async () => {
  sandbox = await startSandbox()
  iam = new IAMClient(management(sandbox))
})
test.after(() => sandbox.close())

test('without trusted access for iam.amazonaws.com, the features are ServiceAccessNotEnabledException', async () => {
  const list = await failure(iam.send(new ListOrganizationsFeaturesCommand({})))
  assert.is(list.name, 'ServiceAccessNotEnabledException')
  assert.is(list.status, 400)
  const enable = await failure(iam.send(new EnableOrganizationsRootCredentialsManagementCommand({})))
  assert.is(enable.name, 'ServiceAccessNotEnabledException')
})

test('with trusted access, enabling the features lists them in AWS order', async () => {
  await new OrganizationsClient(management(sandbox)).send(
    new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' }),
  )
  const before = await iam.send(new ListOrganizationsFeaturesCommand({}))
  assert.equal(before.EnabledFeatures, [])
  assert.is(before.OrganizationId, 'o-sandbox0001')
  await iam.send(new EnableOrganizationsRootSessionsCommand({}))
  const after = await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}))
  assert.equal(after.EnabledFeatures, ['RootCredentialsManagement', 'RootSessions'])
  const disabled = await iam.send(new DisableOrganizationsRootSessionsCommand({}))
  assert.equal(disabled.EnabledFeatures, ['RootCredentialsManagement'])
})

test('a member account cannot enable the features (CallerIsNotManagementAccountException) nor list them', async () => {
  const inMember = new IAMClient(await member(sandbox, '555555555555'))
  const enable = await failure(inMember.send(new EnableOrganizationsRootSessionsCommand({})))
  assert.is(enable.name, 'CallerIsNotManagementAccountException')
  const list = await failure(inMember.send(new ListOrganizationsFeaturesCommand({})))
  assert.is(list.name, 'AccountNotManagementOrDelegatedAdministratorException')
})

test('GetAccountSummary reports the calling account’s root MFA, password and access keys as seeded', async () => {
  const retail = await new IAMClient(await member(sandbox, '555555555556')).send(
    new GetAccountSummaryCommand({}),
  )
  assert.is(retail.SummaryMap?.AccountMFAEnabled, 0)
  assert.is(retail.SummaryMap?.AccountAccessKeysPresent, 1)
  assert.is(retail.SummaryMap?.AccountPasswordPresent, 1)
  const payments = await new IAMClient(await member(sandbox, '555555555555')).send(
    new GetAccountSummaryCommand({}),
  )
  assert.is(payments.SummaryMap?.AccountMFAEnabled, 1)
  assert.is(payments.SummaryMap?.AccountAccessKeysPresent, 0)
})

test('the management account’s own summary comes from the seed too', async () => {
  const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}))
  assert.is(SummaryMap?.AccountMFAEnabled, 1)
  sandbox.control('sandbox', 'setRootCredentials', { accountId: '111111111111', mfa: false })
  const after = await iam.send(new GetAccountSummaryCommand({}))
  assert.is(after.SummaryMap?.AccountMFAEnabled, 0)
})

test.run()
