// The pure rules behind service dependencies, table-driven, each case with its source: EventBridge's
// pattern matching (EventBridge user guide, "Event patterns", "Content filtering"), S3's bucket naming rules
// (S3 user guide, "General purpose bucket naming rules") and what Block Public Access calls public
// (S3 user guide, "The meaning of 'public'").
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { matchesPattern } from '../../src/sandbox/services/eventbridge/pattern-match.ts'
import { bucketNameProblem } from '../../src/sandbox/services/s3/buckets.ts'
import { isPublicPolicy } from '../../src/sandbox/services/s3/public-policy.ts'

const event = {
  source: 'aws.signin',
  'detail-type': 'AWS Console Sign In via CloudTrail',
  account: '111111111111',
  resources: [],
  detail: {
    eventName: 'ConsoleLogin',
    userIdentity: { type: 'Root' },
    sourceIPAddress: '10.0.4.7',
    findings: [
      { Severity: { Label: 'HIGH', Normalized: 70 } },
      { Severity: { Label: 'LOW', Normalized: 10 } },
    ],
  },
}

const patterns: Array<[string, unknown, boolean]> = [
  ['exact value in a list', { source: ['aws.signin'] }, true],
  ['any value of the list', { 'detail-type': ['x', 'AWS Console Sign In via CloudTrail'] }, true],
  ['nested fields', { detail: { userIdentity: { type: ['Root'] } } }, true],
  ['nested mismatch', { detail: { userIdentity: { type: ['IAMUser'] } } }, false],
  ['every field must match', { source: ['aws.signin'], account: ['222222222222'] }, false],
  ['a field the event lacks', { detail: { errorCode: ['Failed'] } }, false],
  ['arrays in the event: any element', { detail: { findings: { Severity: { Label: ['LOW'] } } } }, true],
  ['prefix', { source: [{ prefix: 'aws.' }] }, true],
  ['suffix', { 'detail-type': [{ suffix: 'CloudTrail' }] }, true],
  ['anything-but value', { source: [{ 'anything-but': 'aws.signin' }] }, false],
  ['anything-but list', { source: [{ 'anything-but': ['aws.iam'] }] }, true],
  ['anything-but prefix', { source: [{ 'anything-but': { prefix: 'aws.' } }] }, false],
  [
    'numeric range',
    { detail: { findings: { Severity: { Normalized: [{ numeric: ['>=', 70, '<', 90] }] } } } },
    true,
  ],
  ['exists true', { detail: { eventName: [{ exists: true }] } }, true],
  ['exists false on a missing field', { detail: { errorCode: [{ exists: false }] } }, true],
  ['equals-ignore-case', { detail: { eventName: [{ 'equals-ignore-case': 'consolelogin' }] } }, true],
  ['wildcard', { 'detail-type': [{ wildcard: 'AWS Console * via CloudTrail' }] }, true],
  ['cidr', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/16' }] } }, true],
  ['cidr outside', { detail: { sourceIPAddress: [{ cidr: '10.1.0.0/16' }] } }, false],
  [
    '$or: one branch suffices',
    { $or: [{ source: ['aws.iam'] }, { detail: { eventName: ['ConsoleLogin'] } }] },
    true,
  ],
]

for (const [reason, pattern, expected] of patterns) {
  test(`pattern: ${reason}`, () => assert.is(matchesPattern(pattern, event), expected))
}

const names: Array<[string, boolean, string]> = [
  ['org-baseline-logs-333333333333-us-east-1', true, 'the tool’s own log bucket name'],
  ['a.b-c', true, 'dots and hyphens are allowed inside'],
  ['ab', false, '3 characters at least'],
  ['a'.repeat(64), false, '63 characters at most'],
  ['Bad_Bucket', false, 'lowercase letters, digits, dots and hyphens only'],
  ['-bucket', false, 'must begin with a letter or digit'],
  ['bucket.', false, 'must end with a letter or digit'],
  ['a..b', false, 'no two adjacent periods'],
  ['10.0.0.1', false, 'not formatted as an IP address'],
  ['sthree-bucket', false, 'reserved prefix sthree-'],
  ['amzn-s3-demo-bucket', false, 'reserved prefix amzn-s3-demo-'],
  ['logs--ol-s3', false, 'reserved suffix --ol-s3'],
  ['logs.mrap', false, 'reserved suffix .mrap'],
]

for (const [name, valid, reason] of names) {
  test(`bucket name ${name}: ${reason}`, () => assert.is(bucketNameProblem(name) === undefined, valid))
}

const allow = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow' as const, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra }],
})

const publicCases: Array<[string, ReturnType<typeof allow>, boolean]> = [
  ['Principal * without conditions is public', allow({ Principal: '*' }), true],
  ['AWS: * is the same as *', allow({ Principal: { AWS: '*' } }), true],
  ['a service principal is not public', allow({ Principal: { Service: 'cloudtrail.amazonaws.com' } }), false],
  [
    'aws:SourceArn with a fixed value restricts',
    allow({
      Principal: '*',
      Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:1:rule/r' } },
    }),
    false,
  ],
  [
    'aws:PrincipalOrgID restricts',
    allow({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }),
    false,
  ],
  [
    'a wildcard value restricts nothing',
    allow({ Principal: '*', Condition: { StringLike: { 'aws:SourceAccount': '*' } } }),
    true,
  ],
  [
    'a condition on another key restricts nothing',
    allow({ Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
    true,
  ],
]

for (const [reason, policy, expected] of publicCases) {
  test(`public policy: ${reason}`, () => assert.is(isPublicPolicy(policy), expected))
}

test.run()
