// IAM Access Analyzer and Account Management's alternate contacts, as strict as AWS: organization analyzers
// only from the management account or the delegated administrator with trusted access, analyzer quotas
// and conflicts, archive rules, the unused-access age range; alternate contacts per account, the
// management account calling without AccountId. One sandbox for every case.
import {
  AccessAnalyzerClient,
  CreateAnalyzerCommand,
  CreateArchiveRuleCommand,
  DeleteAnalyzerCommand,
  GetAnalyzerCommand,
  ListAnalyzersCommand,
  ListArchiveRulesCommand,
  UpdateAnalyzerCommand,
  UpdateArchiveRuleCommand,
} from '@aws-sdk/client-accessanalyzer'
import {
  AccountClient,
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  PutAlternateContactCommand,
} from '@aws-sdk/client-account'
import {
  DeregisterDelegatedAdministratorCommand,
  EnableAWSServiceAccessCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

const SECURITY = '222222222222'
const WORKLOAD = '444444444444'
const PRINCIPAL = 'access-analyzer.amazonaws.com'
const CONTACT = {
  Name: 'SecOps',
  Title: 'On call',
  EmailAddress: 'sec@example.com',
  PhoneNumber: '+1 555 0100',
}

let sandbox: Sandbox
let org: OrganizationsClient
let admin: AccessAnalyzerClient

test.before(async () => {
  sandbox = await startSandbox()
  org = new OrganizationsClient(management(sandbox))
  admin = new AccessAnalyzerClient(await member(sandbox, SECURITY))
})
test.after(() => sandbox.close())

test('an organization analyzer needs the delegated administrator (AccessDenied before, created after)', async () => {
  const create = () => admin.send(new CreateAnalyzerCommand({ analyzerName: 'org', type: 'ORGANIZATION' }))
  assert.is((await failure(create())).name, 'AccessDeniedException', 'not yet administrator')
  await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: PRINCIPAL }))
  await org.send(
    new RegisterDelegatedAdministratorCommand({ AccountId: SECURITY, ServicePrincipal: PRINCIPAL }),
  )
  const { arn } = await create()
  assert.is(arn, `arn:aws:access-analyzer:us-east-1:${SECURITY}:analyzer/org`)
  assert.is((await failure(create())).name, 'ConflictException', 'same name again')
  const { analyzer } = await admin.send(new GetAnalyzerCommand({ analyzerName: 'org' }))
  assert.is(analyzer?.status, 'ACTIVE')
})

test('unused access: age 1–365 (ValidationException outside), 90 by default, changed by UpdateAnalyzer', async () => {
  const bad = await failure(
    admin.send(
      new CreateAnalyzerCommand({
        analyzerName: 'unused',
        type: 'ORGANIZATION_UNUSED_ACCESS',
        configuration: { unusedAccess: { unusedAccessAge: 366 } },
      }),
    ),
  )
  assert.is(bad.name, 'ValidationException')
  await admin.send(new CreateAnalyzerCommand({ analyzerName: 'unused', type: 'ORGANIZATION_UNUSED_ACCESS' }))
  const read = async () =>
    (await admin.send(new GetAnalyzerCommand({ analyzerName: 'unused' }))).analyzer?.configuration
  assert.equal(await read(), { unusedAccess: { unusedAccessAge: 90 } })
  await admin.send(
    new UpdateAnalyzerCommand({
      analyzerName: 'unused',
      configuration: { unusedAccess: { unusedAccessAge: 30 } },
    }),
  )
  assert.equal(await read(), { unusedAccess: { unusedAccessAge: 30 } })
  const { analyzers } = await admin.send(new ListAnalyzersCommand({ type: 'ORGANIZATION_UNUSED_ACCESS' }))
  assert.equal(
    analyzers?.map((a) => a.name),
    ['unused'],
  )
})

test('archive rules: created, listed, updated; a duplicate conflicts, an empty criterion is invalid', async () => {
  const filter = { isPublic: { eq: ['false'] } }
  await admin.send(new CreateArchiveRuleCommand({ analyzerName: 'org', ruleName: 'private', filter }))
  const again = await failure(
    admin.send(new CreateArchiveRuleCommand({ analyzerName: 'org', ruleName: 'private', filter })),
  )
  assert.is(again.name, 'ConflictException')
  const empty = await failure(
    admin.send(
      new UpdateArchiveRuleCommand({ analyzerName: 'org', ruleName: 'private', filter: { isPublic: {} } }),
    ),
  )
  assert.is(empty.name, 'ValidationException')
  const { archiveRules } = await admin.send(new ListArchiveRulesCommand({ analyzerName: 'org' }))
  assert.equal(
    archiveRules?.map((r) => [r.ruleName, r.filter]),
    [['private', filter]],
  )
})

test('deregistering the administrator disables its organization analyzers; DeleteAnalyzer removes one', async () => {
  await org.send(
    new DeregisterDelegatedAdministratorCommand({ AccountId: SECURITY, ServicePrincipal: PRINCIPAL }),
  )
  const { analyzer } = await admin.send(new GetAnalyzerCommand({ analyzerName: 'org' }))
  assert.is(analyzer?.status, 'DISABLED')
  assert.is(analyzer?.statusReason?.code, 'DELEGATED_ADMINISTRATOR_DEREGISTERED')
  await admin.send(new DeleteAnalyzerCommand({ analyzerName: 'org' }))
  const gone = await failure(admin.send(new GetAnalyzerCommand({ analyzerName: 'org' })))
  assert.is(gone.name, 'ResourceNotFoundException')
  assert.is(gone.status, 404)
})

test('alternate contacts: a member through AccountId needs trusted access; the management account omits AccountId', async () => {
  const account = new AccountClient(management(sandbox))
  const put = (AccountId?: string) =>
    account.send(new PutAlternateContactCommand({ ...CONTACT, AlternateContactType: 'SECURITY', AccountId }))
  assert.is((await failure(put(WORKLOAD))).name, 'AccessDeniedException', 'no trusted access yet')
  await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'account.amazonaws.com' }))
  await put(WORKLOAD)
  const { AlternateContact } = await account.send(
    new GetAlternateContactCommand({ AlternateContactType: 'SECURITY', AccountId: WORKLOAD }),
  )
  assert.equal(AlternateContact, { ...CONTACT, AlternateContactType: 'SECURITY' })
  const own = await failure(put('111111111111'))
  assert.is(own.name, 'AccessDeniedException', 'the management account may not name itself')
  await put()
  const missing = await failure(
    account.send(new GetAlternateContactCommand({ AlternateContactType: 'BILLING', AccountId: WORKLOAD })),
  )
  assert.is(missing.name, 'ResourceNotFoundException')
  await account.send(
    new DeleteAlternateContactCommand({ AlternateContactType: 'SECURITY', AccountId: WORKLOAD }),
  )
  const deleted = await failure(
    account.send(
      new DeleteAlternateContactCommand({ AlternateContactType: 'SECURITY', AccountId: WORKLOAD }),
    ),
  )
  assert.is(deleted.name, 'ResourceNotFoundException')
  const bad = await failure(
    account.send(
      new PutAlternateContactCommand({ ...CONTACT, EmailAddress: 'nope', AlternateContactType: 'SECURITY' }),
    ),
  )
  assert.is(bad.name, 'ValidationException', 'EmailAddress pattern of the model')
})

test.run()
