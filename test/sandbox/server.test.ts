// The server as a whole: routing by signing name, unknown operations per protocol, the control endpoint
// over HTTP, and the call log.
import { request } from 'node:http'
import { ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { management, member } from './helpers.ts'

let sandbox: Sandbox

// Signed as the management account's root: its long-term key needs no session token header.
const auth = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=${sandbox.rootCredentials.accessKeyId}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`

function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(path, sandbox.endpoint)
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = ''
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

test.before(async () => {
  sandbox = await startSandbox()
})
test.after(() => sandbox.close())

test('an unknown JSON operation is UnknownOperationException with the x-amzn-ErrorType header', async () => {
  const res = await call(
    'POST',
    '/',
    {
      authorization: auth('organizations'),
      'x-amz-target': 'AWSOrganizationsV20161128.NoSuchThing',
      'content-type': 'application/x-amz-json-1.1',
    },
    '{}',
  )
  assert.is(res.status, 400)
  assert.is(res.headers['x-amzn-errortype'], 'UnknownOperationException')
})

test('an unknown query action is InvalidAction 400', async () => {
  const res = await call(
    'POST',
    '/',
    { authorization: auth('sts'), 'content-type': 'application/x-www-form-urlencoded' },
    'Action=Nope&Version=2011-06-15',
  )
  assert.is(res.status, 400)
  assert.match(res.body, '<Code>InvalidAction</Code>')
})

test('an unknown rest route is a 404 with a JSON body, never HTML', async () => {
  const res = await call('GET', '/no/such/route', { authorization: auth('account') })
  assert.is(res.status, 404)
  assert.ok(JSON.parse(res.body).message)
})

test('a request without a SigV4 signature is refused', async () => {
  const res = await call('POST', '/', { 'x-amz-target': 'AWSOrganizationsV20161128.ListRoots' }, '{}')
  assert.is(res.status, 403)
  assert.is(res.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException')
})

test('controls answer over HTTP only the management account: unsigned or member-signed requests get 403', async () => {
  const body = JSON.stringify({ name: 'Never made', parent: 'Workloads/Dev' })
  const before = sandbox.world.accounts.size
  const unsigned = await call('POST', '/_sandbox/control/organizations/createAccount', {}, body)
  assert.is(unsigned.status, 403)
  assert.match(JSON.parse(unsigned.body).message, 'management-account credentials')
  const unknownKey = await call(
    'POST',
    '/_sandbox/control/organizations/createAccount',
    { authorization: auth('organizations').replace(sandbox.rootCredentials.accessKeyId, 'AKSOMEONEELSE') },
    body,
  )
  assert.is(unknownKey.status, 403)
  const memberAccount = [...sandbox.world.accounts.values()].find(
    (a) => a.id !== sandbox.world.managementAccountId && a.accessRoles.size > 0 && a.status === 'ACTIVE',
  )
  const keys = (await member(sandbox, memberAccount?.id ?? '')).credentials
  const memberSigned = await call(
    'POST',
    '/_sandbox/control/organizations/createAccount',
    {
      authorization: auth('organizations').replace(sandbox.rootCredentials.accessKeyId, keys.accessKeyId),
      'x-amz-security-token': keys.sessionToken ?? '',
    },
    body,
  )
  assert.is(memberSigned.status, 403)
  assert.match(JSON.parse(memberSigned.body).message, `not ${memberAccount?.id}`)
  const calls = await call('GET', '/_sandbox/calls', {})
  assert.is(calls.status, 403)
  assert.is(sandbox.world.accounts.size, before)
})

test('controls answer over HTTP: POST /_sandbox/control/<service>/<name> and GET /_sandbox/calls', async () => {
  const signed = { authorization: auth('organizations') }
  const created = await call(
    'POST',
    '/_sandbox/control/organizations/createAccount',
    signed,
    JSON.stringify({ name: 'Via HTTP', parent: 'Workloads/Dev' }),
  )
  assert.is(created.status, 200)
  const accountId = JSON.parse(created.body).accountId as string
  assert.is(sandbox.world.accounts.get(accountId)?.name, 'Via HTTP')
  const bad = await call('POST', '/_sandbox/control/organizations/noSuchControl', signed, '{}')
  assert.is(bad.status, 400)
  await new OrganizationsClient(management(sandbox)).send(new ListRootsCommand({}))
  const calls = JSON.parse((await call('GET', '/_sandbox/calls', signed)).body)
  assert.ok(calls.summary['organizations:ListRoots'] >= 1)
})

test('the call log records service, operation, account, region and the error code of failures', async () => {
  sandbox.calls.clear()
  const org = new OrganizationsClient(management(sandbox))
  await org.send(new ListRootsCommand({}))
  await org.send(new ListRootsCommand({ MaxResults: 50 })).catch(() => undefined)
  assert.equal(
    sandbox.calls.entries.map(({ service, operation, account, region, errorCode }) => ({
      service,
      operation,
      account,
      region,
      errorCode,
    })),
    [
      {
        service: 'organizations',
        operation: 'ListRoots',
        account: '111111111111',
        region: 'us-east-1',
        errorCode: undefined,
      },
      {
        service: 'organizations',
        operation: 'ListRoots',
        account: '111111111111',
        region: 'us-east-1',
        errorCode: 'InvalidInputException',
      },
    ],
  )
  assert.is(sandbox.calls.count({ operation: 'ListRoots' }), 2)
})

test('every regional service refuses a region the caller has not enabled: 400 over JSON, 403 over REST', async () => {
  const cases: { service: string; target?: string; path?: string; status: number }[] = [
    { service: 'config', target: 'StarlingDoveService.DescribeConfigurationRecorders', status: 400 },
    { service: 'cloudtrail', target: 'CloudTrail_20131101.DescribeTrails', status: 400 },
    { service: 'events', target: 'AWSEvents.ListRules', status: 400 },
    { service: 'guardduty', path: '/detector', status: 403 },
    { service: 'securityhub', path: '/accounts', status: 403 },
  ]
  for (const c of cases) {
    const authorization = auth(c.service).replace('/us-east-1/', '/af-south-1/')
    const answer = c.target
      ? await call(
          'POST',
          '/',
          { authorization, 'x-amz-target': c.target, 'content-type': 'application/x-amz-json-1.1' },
          '{}',
        )
      : await call('GET', c.path ?? '/', { authorization })
    assert.is(answer.status, c.status, c.service)
    assert.match(answer.body, 'The security token included in the request is invalid.', c.service)
  }
})

test.run()
