// Requests as the model judges them (README, "Requests as the model judges them"): each service refuses input
// that breaks its model's constraints before looking anything up, with its own validation error; an
// operation may answer only the errors its model lists; trusted access and delegated administration take
// only the service principals Organizations recognises for them.
import { AccountClient, GetRegionOptStatusCommand } from '@aws-sdk/client-account'
import {
  CloudFormationClient,
  CreateStackInstancesCommand,
  ListStackSetsCommand,
} from '@aws-sdk/client-cloudformation'
import { CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail'
import {
  ConfigServiceClient,
  DeleteConfigurationRecorderCommand,
  DescribeConfigurationAggregatorsCommand,
} from '@aws-sdk/client-config-service'
import { EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge'
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty'
import {
  CreateOrganizationalUnitCommand,
  DescribeAccountCommand,
  EnableAWSServiceAccessCommand,
  ListAccountsCommand,
  ListDelegatedAdministratorsCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations'
import { GetEnabledStandardsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SandboxError } from '../../src/sandbox/errors.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { guardCall } from '../../src/sandbox/validation/request-guard.ts'
import { failure, management } from './helpers.ts'

let sandbox: Sandbox
test.before(async () => {
  sandbox = await startSandbox()
})
test.after(() => sandbox.close())

interface Case {
  reason: string
  call: (s: Sandbox) => Promise<unknown>
  name: string
  status: number
  message?: string
  fields?: Record<string, unknown>
}

const org = (s: Sandbox) => new OrganizationsClient(management(s))
const MEMBER = '111111111111'

const cases: Case[] = [
  {
    reason:
      'Organizations: an id off its pattern; wording seen in the wild (boto/boto3#4565, openshift/osdctl#204)',
    call: (s) => org(s).send(new DescribeAccountCommand({ AccountId: '123' })),
    name: 'InvalidInputException',
    status: 400,
    message: 'You provided a value that does not match the required pattern.',
    fields: { Reason: 'INVALID_PATTERN' },
  },
  {
    reason: 'Organizations: MaxResults above 20 is MAX_VALUE_EXCEEDED (model range 1–20, reason enum)',
    call: (s) => org(s).send(new ListAccountsCommand({ MaxResults: 21 })),
    name: 'InvalidInputException',
    status: 400,
    fields: { Reason: 'MAX_VALUE_EXCEEDED' },
  },
  {
    reason: 'Organizations: an empty OU name is MIN_LENGTH_EXCEEDED (OrganizationalUnitName min 1)',
    call: (s) => org(s).send(new CreateOrganizationalUnitCommand({ ParentId: 'r-abcd', Name: '' })),
    name: 'InvalidInputException',
    status: 400,
    fields: { Reason: 'MIN_LENGTH_EXCEEDED' },
  },
  {
    reason:
      'Organizations: validation before lookup — a malformed parent is refused before it is searched for',
    call: (s) => org(s).send(new CreateOrganizationalUnitCommand({ ParentId: 'nope', Name: 'x' })),
    name: 'InvalidInputException',
    status: 400,
    fields: { Reason: 'INVALID_PATTERN' },
  },
  {
    reason: 'trusted access: a typo of a principal is UNRECOGNIZED_SERVICE_PRINCIPAL (issue 10; reason enum)',
    call: (s) =>
      org(s).send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'guardduty.amazonaws.co' })),
    name: 'InvalidInputException',
    status: 400,
    fields: { Reason: 'UNRECOGNIZED_SERVICE_PRINCIPAL' },
  },
  {
    reason:
      'delegated admin: RAM supports trusted access but no delegated administrator (Organizations table)',
    call: (s) =>
      org(s).send(
        new RegisterDelegatedAdministratorCommand({
          AccountId: MEMBER,
          ServicePrincipal: 'ram.amazonaws.com',
        }),
      ),
    name: 'InvalidInputException',
    status: 400,
    fields: { Reason: 'UNRECOGNIZED_SERVICE_PRINCIPAL' },
  },
  {
    reason: 'delegated admin: the ServicePrincipal filter takes only recognised principals',
    call: (s) =>
      org(s).send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'example.amazonaws.com' })),
    name: 'InvalidInputException',
    status: 400,
    fields: { Reason: 'UNRECOGNIZED_SERVICE_PRINCIPAL' },
  },
  {
    reason: "STS: Coral's text under ValidationError (RoleSessionName min 2)",
    call: (s) =>
      new STSClient(management(s)).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
          RoleSessionName: 'a',
        }),
      ),
    name: 'ValidationError',
    status: 400,
    message:
      "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
  },
  {
    reason: 'CloudFormation: every violation counted and joined with "; " (Coral)',
    call: (s) =>
      new CloudFormationClient(management(s)).send(
        new ListStackSetsCommand({ MaxResults: 0, Status: 'GONE' as never }),
      ),
    name: 'ValidationError',
    status: 400,
    message:
      "2 validation errors detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
      "Value 'GONE' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, DELETED]",
  },
  {
    reason: "CloudFormation: a list's items are reported on the list, as Coral does",
    call: (s) =>
      new CloudFormationClient(management(s)).send(
        new CreateStackInstancesCommand({ StackSetName: 'none', Accounts: ['123'], Regions: ['us-east-1'] }),
      ),
    name: 'ValidationError',
    status: 400,
    message:
      "1 validation error detected: Value '[123]' at 'accounts' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy regular expression pattern: ^[0-9]{12}$]",
  },
  {
    reason:
      'GuardDuty: BadRequestException naming the parameter, body type InvalidInputException (boto/boto3#3890)',
    call: (s) => new GuardDutyClient(management(s)).send(new ListDetectorsCommand({ MaxResults: 0 })),
    name: 'BadRequestException',
    status: 400,
    message: 'The request is rejected because the parameter maxResults has an invalid value.',
  },
  {
    reason: 'Security Hub: InvalidInputException (MaxResults 1–100)',
    call: (s) =>
      new SecurityHubClient(management(s)).send(new GetEnabledStandardsCommand({ MaxResults: 101 })),
    name: 'InvalidInputException',
    status: 400,
  },
  {
    reason: 'Config: ValidationException with Coral text (ConfigurationRecorderName min 1)',
    call: (s) =>
      new ConfigServiceClient(management(s)).send(
        new DeleteConfigurationRecorderCommand({ ConfigurationRecorderName: '' }),
      ),
    name: 'ValidationException',
    status: 400,
    message:
      "1 validation error detected: Value '' at 'configurationRecorderName' failed to satisfy constraint: Member must have length greater than or equal to 1",
  },
  {
    reason: 'Config: Limit out of range is the InvalidLimitException its model documents',
    call: (s) =>
      new ConfigServiceClient(management(s)).send(
        new DescribeConfigurationAggregatorsCommand({ Limit: 101 }),
      ),
    name: 'InvalidLimitException',
    status: 400,
  },
  {
    reason: 'CloudTrail: a missing required member (crafted: InvalidParameterException)',
    call: (s) => new CloudTrailClient(management(s)).send(new GetTrailStatusCommand({} as never)),
    name: 'InvalidParameterException',
    status: 400,
    message:
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
  },
  {
    reason: 'EventBridge: ValidationException with Coral text (RuleName pattern)',
    call: (s) => new EventBridgeClient(management(s)).send(new PutRuleCommand({ Name: 'bad name' })),
    name: 'ValidationException',
    status: 400,
    message:
      "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
  },
  {
    reason: 'Account: ValidationException with reason fieldValidationFailed (model enum)',
    call: (s) => new AccountClient(management(s)).send(new GetRegionOptStatusCommand({ RegionName: '' })),
    name: 'ValidationException',
    status: 400,
    fields: { reason: 'fieldValidationFailed' },
  },
]

for (const c of cases) {
  test(c.reason, async () => {
    const error = await failure(c.call(sandbox))
    assert.is(error.name, c.name)
    assert.is(error.status, c.status)
    if (c.message !== undefined) assert.is(error.message, c.message)
    for (const [field, value] of Object.entries(c.fields ?? {})) assert.is(error.error[field], value)
  })
}

test('an error the operation does not list is a sandbox bug, answered 500 InternalFailure', async () => {
  const rest = { params: {}, query: new URLSearchParams(), body: { AdminAccountId: MEMBER } }
  const unlisted = new SandboxError('ResourceConflictException', 'conflict', 409)
  const invoke = guardCall('securityhub', 'restJson1', 'EnableOrganizationAdminAccount', rest, () => {
    throw unlisted
  })
  const error = await invoke().then(
    () => undefined,
    (e: unknown) => e,
  )
  assert.instance(error, SandboxError)
  assert.is((error as SandboxError).code, 'InternalFailure')
  assert.is((error as SandboxError).status, 500)
  assert.match((error as SandboxError).message, 'does not list')
})

test("a Reason outside the model's enum, or another HTTP status, is a sandbox bug too", async () => {
  const input = { AccountId: MEMBER }
  const attempt = (error: SandboxError) =>
    guardCall('organizations', 'awsJson1_1', 'DescribeAccount', input, () => {
      throw error
    })().then(
      () => undefined,
      (e: unknown) => e as SandboxError,
    )
  const reason = await attempt(
    new SandboxError('InvalidInputException', 'x', 400, { Reason: 'INVALID_INPUT' }),
  )
  assert.is(reason?.status, 500)
  assert.match(reason?.message ?? '', "not in the model's enum")
  const status = await attempt(new SandboxError('AccountNotFoundException', 'x', 400))
  assert.is(status?.status, 500)
  assert.match(status?.message ?? '', 'the model gives 404')
  const common = await attempt(new SandboxError('ThrottlingException', 'Rate exceeded', 400))
  assert.is(common?.code, 'ThrottlingException')
})

test.run()
