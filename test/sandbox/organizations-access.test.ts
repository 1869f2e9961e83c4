// Organizations trusted access and delegated administrators: the rules of aws-facts §1, through the SDK.
import {
  DeregisterDelegatedAdministratorCommand,
  EnableAWSServiceAccessCommand,
  ListAccountsCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

let sandbox: Sandbox
let org: OrganizationsClient

const register = (AccountId: string, ServicePrincipal: string) =>
  org.send(new RegisterDelegatedAdministratorCommand({ AccountId, ServicePrincipal }))

test.before(async () => {
  sandbox = await startSandbox()
  org = new OrganizationsClient(management(sandbox))
})
test.after(() => sandbox.close())

test('registering before trusted access is enabled is SERVICE_ACCESS_NOT_ENABLED', async () => {
  const error = await failure(register('222222222222', 'guardduty.amazonaws.com'))
  assert.is(error.name, 'ConstraintViolationException')
  assert.is(error.error.Reason, 'SERVICE_ACCESS_NOT_ENABLED')
})

test('trusted access is listed with its date once enabled, and enabling twice is harmless', async () => {
  await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }))
  await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }))
  const { EnabledServicePrincipals } = await org.send(new ListAWSServiceAccessForOrganizationCommand({}))
  assert.is(EnabledServicePrincipals?.length, 1)
  assert.is(EnabledServicePrincipals?.[0]?.ServicePrincipal, 'guardduty.amazonaws.com')
  assert.instance(EnabledServicePrincipals?.[0]?.DateEnabled, Date)
})

test('the management account cannot be a delegated admin (CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR)', async () => {
  const error = await failure(register('111111111111', 'guardduty.amazonaws.com'))
  assert.is(error.error.Reason, 'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR')
})

test('a suspended account cannot be a delegated admin', async () => {
  const error = await failure(register('777777777777', 'guardduty.amazonaws.com'))
  assert.is(error.error.Reason, 'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR')
})

test('registering twice is AccountAlreadyRegisteredException 409; a second GuardDuty admin exceeds its maximum of one', async () => {
  await register('222222222222', 'guardduty.amazonaws.com')
  const again = await failure(register('222222222222', 'guardduty.amazonaws.com'))
  assert.is(again.name, 'AccountAlreadyRegisteredException')
  assert.is(again.status, 409)
  const second = await failure(register('333333333333', 'guardduty.amazonaws.com'))
  assert.is(second.error.Reason, 'MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED')
})

test('CloudTrail allows three delegated admins, and a fourth is refused', async () => {
  await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'cloudtrail.amazonaws.com' }))
  for (const id of ['222222222222', '333333333333', '444444444444'])
    await register(id, 'cloudtrail.amazonaws.com')
  const fourth = await failure(register('555555555555', 'cloudtrail.amazonaws.com'))
  assert.is(fourth.error.Reason, 'MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED')
})

test('ListDelegatedAdministrators filters by service principal; ListDelegatedServicesForAccount lists an admin’s services', async () => {
  const gd = await org.send(
    new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }),
  )
  assert.equal(
    gd.DelegatedAdministrators?.map((a) => a.Id),
    ['222222222222'],
  )
  assert.instance(gd.DelegatedAdministrators?.[0]?.DelegationEnabledDate, Date)
  const all = await org.send(new ListDelegatedAdministratorsCommand({}))
  assert.is(all.DelegatedAdministrators?.length, 3)
  const services = await org.send(new ListDelegatedServicesForAccountCommand({ AccountId: '222222222222' }))
  assert.equal(services.DelegatedServices?.map((s) => s.ServicePrincipal).sort(), [
    'cloudtrail.amazonaws.com',
    'guardduty.amazonaws.com',
  ])
})

test('a delegated admin may read the organization but not write to it', async () => {
  const admin = new OrganizationsClient(await member(sandbox, '222222222222'))
  const { Accounts } = await admin.send(new ListAccountsCommand({}))
  assert.ok((Accounts?.length ?? 0) > 0)
  const error = await failure(
    admin.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'config.amazonaws.com' })),
  )
  assert.is(error.name, 'AccessDeniedException')
})

test('deregistering a non-admin is AccountNotRegisteredException; deregistering the admin removes its read access', async () => {
  const error = await failure(
    org.send(
      new DeregisterDelegatedAdministratorCommand({
        AccountId: '666666666666',
        ServicePrincipal: 'guardduty.amazonaws.com',
      }),
    ),
  )
  assert.is(error.name, 'AccountNotRegisteredException')
  for (const principal of ['guardduty.amazonaws.com', 'cloudtrail.amazonaws.com']) {
    await org.send(
      new DeregisterDelegatedAdministratorCommand({ AccountId: '222222222222', ServicePrincipal: principal }),
    )
  }
  const admin = new OrganizationsClient(await member(sandbox, '222222222222'))
  const denied = await failure(admin.send(new ListAccountsCommand({})))
  assert.is(denied.name, 'AccessDeniedException')
})

test('the deregisterDelegatedAdmin control removes an admin out of band (drift)', async () => {
  sandbox.control('organizations', 'deregisterDelegatedAdmin', {
    accountId: '333333333333',
    servicePrincipal: 'cloudtrail.amazonaws.com',
  })
  const ct = await org.send(
    new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'cloudtrail.amazonaws.com' }),
  )
  assert.equal(
    ct.DelegatedAdministrators?.map((a) => a.Id),
    ['444444444444'],
  )
})

test.run()
