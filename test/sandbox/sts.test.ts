// STS: who the caller is, and AssumeRole into member accounts with AWS's trust and duration rules.
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { asRoot, failure, management, member } from './helpers.ts'

let sandbox: Sandbox
let sts: STSClient

const assume = (
  client: STSClient,
  accountId: string,
  extra: { DurationSeconds?: number; role?: string } = {},
) =>
  client.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${extra.role ?? 'OrganizationAccountAccessRole'}`,
      RoleSessionName: 'org-baseline',
      DurationSeconds: extra.DurationSeconds,
    }),
  )

test.before(async () => {
  sandbox = await startSandbox()
  sts = new STSClient(management(sandbox))
})
test.after(() => sandbox.close())

test('the default credentials are a session of the management account role org-baseline; the root keys act as root', async () => {
  const identity = await sts.send(new GetCallerIdentityCommand({}))
  assert.is(identity.Account, '111111111111')
  assert.is(identity.Arn, 'arn:aws:sts::111111111111:assumed-role/org-baseline/sandbox')
  assert.match(identity.UserId ?? '', /^AROA\w{17}:sandbox$/)
  const root = await new STSClient(asRoot(sandbox)).send(new GetCallerIdentityCommand({}))
  assert.is(root.Arn, 'arn:aws:iam::111111111111:root')
  assert.is(root.UserId, '111111111111')
})

test('AssumeRole into a member returns keys that act as that account, with an assumed-role ARN', async () => {
  const config = await member(sandbox, '555555555555')
  const identity = await new STSClient(config).send(new GetCallerIdentityCommand({}))
  assert.is(identity.Account, '555555555555')
  assert.is(identity.Arn, 'arn:aws:sts::555555555555:assumed-role/OrganizationAccountAccessRole/sandbox-test')
  assert.match(identity.UserId ?? '', /^AROA\w+:sandbox-test$/)
})

test('Expiration is in the future of the real clock, which the SDK checks', async () => {
  const { Credentials } = await assume(sts, '666666666666', { DurationSeconds: 900 })
  const expires = Credentials?.Expiration?.getTime() ?? 0
  assert.ok(expires > Date.now() + 800_000 && expires <= Date.now() + 900_000)
})

test('an account without the access role refuses AssumeRole with AccessDenied 403 and AWS’s message', async () => {
  const error = await failure(assume(sts, '444444444445'))
  assert.is(error.name, 'AccessDenied')
  assert.is(error.status, 403)
  assert.is(
    error.message,
    'User: arn:aws:sts::111111111111:assumed-role/org-baseline/sandbox is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444444444445:role/OrganizationAccountAccessRole',
  )
})

test('a suspended account cannot be entered', async () => {
  const error = await failure(assume(sts, '777777777777'))
  assert.is(error.name, 'AccessDenied')
})

test('a member cannot assume the access role of another member (it trusts the management account only)', async () => {
  const inMember = new STSClient(await member(sandbox, '555555555555'))
  const error = await failure(assume(inMember, '666666666666'))
  assert.is(error.name, 'AccessDenied')
})

test('DurationSeconds outside 900–43200 is ValidationError; a role session assuming another role (chaining) gets at most one hour', async () => {
  const short = await failure(assume(sts, '555555555555', { DurationSeconds: 899 }))
  assert.is(short.name, 'ValidationError')
  assert.is(short.status, 400)
  const long = await failure(assume(sts, '555555555555', { DurationSeconds: 43_201 }))
  assert.is(long.name, 'ValidationError')
  const chained = await failure(assume(sts, '555555555555', { DurationSeconds: 7200 }))
  assert.is(chained.name, 'ValidationError')
  assert.match(chained.message, '1 hour session limit for roles assumed by role chaining')
})

test('an unknown access key is InvalidClientTokenId 403 on query services, UnrecognizedClientException on JSON ones', async () => {
  const stranger = {
    ...management(sandbox),
    credentials: { accessKeyId: 'UNKNOWNKEY', secretAccessKey: 'x' },
  }
  const query = await failure(new STSClient(stranger).send(new GetCallerIdentityCommand({})))
  assert.is(query.name, 'InvalidClientTokenId')
  assert.is(query.status, 403)
  const json = await failure(new OrganizationsClient(stranger).send(new ListAccountsCommand({})))
  assert.is(json.name, 'UnrecognizedClientException')
})

test('a session key with the wrong session token is refused', async () => {
  const config = await member(sandbox, '555555555555')
  config.credentials.sessionToken = 'tampered'
  const error = await failure(new STSClient(config).send(new GetCallerIdentityCommand({})))
  assert.is(error.name, 'InvalidClientTokenId')
})

test.run()
