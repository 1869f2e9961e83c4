// The wire codecs on their own: what the SDK sends decodes to the model's shapes, and what the sandbox
// answers has the shape the SDK's deserializers read.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SandboxError } from '../../src/sandbox/errors.ts'
import { decodeJsonCall, encodeJsonError, encodeJsonResult } from '../../src/sandbox/protocols/json.ts'
import {
  decodeQueryCall,
  encodeQueryError,
  encodeQueryResult,
  xmlMap,
} from '../../src/sandbox/protocols/query.ts'
import { encodeRestError, RestRouter } from '../../src/sandbox/protocols/rest-json.ts'
import { parseAuthorization } from '../../src/sandbox/protocols/sigv4.ts'

test('query form bodies decode nested members, member lists in index order, and entry maps', () => {
  const body =
    'Action=CreateStackSet&Version=2010-05-15&StackSetName=s&AutoDeployment.Enabled=true' +
    '&Regions.member.2=eu-west-1&Regions.member.1=us-east-1&Parameters.member.1.ParameterKey=K' +
    '&Parameters.member.1.ParameterValue=V&Tags.entry.1.key=a&Tags.entry.1.value=b&Empty='
  const call = decodeQueryCall(body)
  assert.is(call.operation, 'CreateStackSet')
  assert.is(call.version, '2010-05-15')
  assert.equal(call.input, {
    StackSetName: 's',
    AutoDeployment: { Enabled: 'true' },
    Regions: ['us-east-1', 'eu-west-1'],
    Parameters: [{ ParameterKey: 'K', ParameterValue: 'V' }],
    Tags: { a: 'b' },
    Empty: '',
  })
})

test('query results wrap in <OpResponse><OpResult> with members, ISO dates, booleans and maps', () => {
  const wire = encodeQueryResult(
    'Op',
    'https://example/doc/',
    {
      List: ['a', 'b'],
      When: new Date(Date.UTC(2026, 0, 2)),
      On: true,
      Map: xmlMap({ k: 1 }),
      Gone: undefined,
    },
    'req-1',
  )
  assert.is(
    wire.body,
    '<OpResponse xmlns="https://example/doc/"><OpResult><List><member>a</member><member>b</member></List>' +
      '<When>2026-01-02T00:00:00.000Z</When><On>true</On><Map><entry><key>k</key><value>1</value></entry></Map>' +
      '</OpResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></OpResponse>',
  )
})

test('query errors are <ErrorResponse><Error> with Sender for 4xx, and XML-escaped messages', () => {
  const wire = encodeQueryError(new SandboxError('ValidationError', 'a < b', 400), 'ns', 'req-2')
  assert.is(wire.status, 400)
  assert.match(
    wire.body,
    '<Error><Type>Sender</Type><Code>ValidationError</Code><Message>a &lt; b</Message></Error>',
  )
  assert.match(wire.body, '<RequestId>req-2</RequestId>')
})

test('JSON results carry dates as epoch seconds; errors carry __type, message and the x-amzn-ErrorType header', () => {
  const result = encodeJsonResult({ At: new Date(1_700_000_000_500), Skip: undefined })
  assert.is(result.body, '{"At":1700000000.5}')
  const error = encodeJsonError(new SandboxError('ConstraintViolationException', 'no', 409, { Reason: 'R' }))
  assert.is(error.headers['x-amzn-errortype'], 'ConstraintViolationException')
  assert.equal(JSON.parse(error.body), {
    __type: 'ConstraintViolationException',
    message: 'no',
    Message: 'no',
    Reason: 'R',
  })
})

test('rest routes match method and path templates, URL-decode labels, and greedy labels span slashes', () => {
  const noop = () => ({})
  const router = new RestRouter([
    { operation: 'GetAdmin', method: 'GET', path: '/detector/{DetectorId}/admin', handler: noop },
    { operation: 'Tag', method: 'POST', path: '/tags/{ResourceArn+}', handler: noop },
  ])
  assert.equal(router.match('GET', '/detector/abc%2F1/admin')?.params, { DetectorId: 'abc/1' })
  assert.is(router.match('POST', '/detector/abc/admin'), undefined)
  assert.equal(router.match('POST', '/tags/arn:aws:x/y/z')?.params, { ResourceArn: 'arn:aws:x/y/z' })
})

test('rest errors are JSON with message and __type, never HTML', () => {
  const wire = encodeRestError(new SandboxError('BadRequestException', 'bad', 400))
  assert.is(wire.headers['content-type'], 'application/json')
  assert.equal(JSON.parse(wire.body), { message: 'bad', __type: 'BadRequestException' })
})

test('the SigV4 credential scope gives access key, date, region and service', () => {
  const scope = parseAuthorization(
    'AWS4-HMAC-SHA256 Credential=KEY123/20260101/eu-west-1/guardduty/aws4_request, SignedHeaders=host, Signature=abc',
  )
  assert.equal(scope, { accessKeyId: 'KEY123', date: '20260101', region: 'eu-west-1', service: 'guardduty' })
  assert.is(parseAuthorization('Basic xyz'), undefined)
})

test('JSON targets match the short shape name and the namespaced form botocore sends, nothing else', () => {
  const prefix = 'CloudTrail_20131101'
  assert.is(decodeJsonCall('CloudTrail_20131101.DescribeTrails', prefix, '{}').operation, 'DescribeTrails')
  assert.is(
    decodeJsonCall('com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails', prefix, '')
      .operation,
    'DescribeTrails',
  )
  assert.throws(
    () => decodeJsonCall('XCloudTrail_20131101.DescribeTrails', prefix, ''),
    (e: SandboxError) => e.code === 'UnknownOperationException',
  )
  assert.throws(
    () => decodeJsonCall('DescribeTrails', prefix, ''),
    (e: SandboxError) => e.code === 'UnknownOperationException',
  )
})

test.run()
