// Operations added so a member admin's attempts around the baseline get a real answer (issue 11): Organizations
// LeaveOrganization, Config PutRetentionConfiguration, GuardDuty UpdateMalwareScanSettings — what each does when
// no SCP stands in the way.
import { ConfigServiceClient, PutRetentionConfigurationCommand } from '@aws-sdk/client-config-service'
import {
  CreateDetectorCommand,
  GuardDutyClient,
  UpdateMalwareScanSettingsCommand,
} from '@aws-sdk/client-guardduty'
import {
  LeaveOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management, member } from './helpers.ts'

const MEMBER = '444444444444'
let sandbox: Sandbox

test.before(async () => {
  sandbox = await startSandbox({})
})
test.after(() => sandbox.close())

test('the management account cannot leave (Organizations API reference, LeaveOrganization)', async () => {
  const error = await failure(
    new OrganizationsClient(management(sandbox)).send(new LeaveOrganizationCommand({})),
  )
  assert.is(error.name, 'MasterCannotLeaveOrganizationException')
  assert.is(error.status, 409)
})

test('an account the organization created lacks standalone information: ConstraintViolationException (API reference)', async () => {
  const org = new OrganizationsClient(await member(sandbox, MEMBER))
  const error = await failure(org.send(new LeaveOrganizationCommand({})))
  assert.is(error.name, 'ConstraintViolationException')
  assert.is(error.error.Reason, 'ACCOUNT_CANNOT_LEAVE_WITHOUT_EULA')
})

test('an invited account leaves and is no longer listed (API reference, LeaveOrganization)', async () => {
  const account = sandbox.world.accounts.get('666666666667')
  assert.ok(account)
  account.joinedMethod = 'INVITED'
  const org = new OrganizationsClient(await member(sandbox, account.id))
  await org.send(new LeaveOrganizationCommand({}))
  const { Accounts } = await new OrganizationsClient(management(sandbox)).send(new ListAccountsCommand({}))
  assert.not.ok(Accounts?.some((a) => a.Id === account.id))
})

test('PutRetentionConfiguration stores `default` and checks the 30-2,557 day range (Config API reference)', async () => {
  const config = new ConfigServiceClient(await member(sandbox, MEMBER))
  const { RetentionConfiguration } = await config.send(
    new PutRetentionConfigurationCommand({ RetentionPeriodInDays: 365 }),
  )
  assert.equal(RetentionConfiguration, { Name: 'default', RetentionPeriodInDays: 365 })
  const error = await failure(
    config.send(new PutRetentionConfigurationCommand({ RetentionPeriodInDays: 29 })),
  )
  assert.is(error.name, 'ValidationException')
})

test("UpdateMalwareScanSettings answers on the caller's detector only (GuardDuty API reference)", async () => {
  const guardDuty = new GuardDutyClient(await member(sandbox, MEMBER))
  const { DetectorId } = await guardDuty.send(new CreateDetectorCommand({ Enable: true }))
  assert.ok(DetectorId)
  await guardDuty.send(
    new UpdateMalwareScanSettingsCommand({ DetectorId, EbsSnapshotPreservation: 'NO_RETENTION' }),
  )
  const error = await failure(
    guardDuty.send(
      new UpdateMalwareScanSettingsCommand({
        DetectorId: 'not-mine',
        EbsSnapshotPreservation: 'NO_RETENTION',
      }),
    ),
  )
  assert.is(error.name, 'BadRequestException')
  const bad = await failure(
    guardDuty.send(
      // @ts-expect-error: a value outside the model's enum, as a hand-made request could send
      new UpdateMalwareScanSettingsCommand({ DetectorId, EbsSnapshotPreservation: 'KEEP_FOREVER' }),
    ),
  )
  assert.is(bad.name, 'BadRequestException')
})

test.run()
