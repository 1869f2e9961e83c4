// requestReadsKey: two requests share a key only when the SCP levels must judge them alike. Each case: two
// requests, whether their keys are equal, and why. Every pair is also judged by authorize: an equal key must
// mean an equal decision (the lockout guard reuses one for the other).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  authorize,
  type NamedPolicy,
  type RequestContext,
  requestReadsKey,
} from '../../../src/policy/index.ts'
import { policy, request } from './helpers.ts'

const test = suite('policy: requestReadsKey')

const fullAccess = policy({ Effect: 'Allow', Action: '*', Resource: '*' }, 'FullAWSAccess')
const denyRoot = policy(
  {
    Effect: 'Deny',
    Action: '*',
    Resource: '*',
    Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } },
  },
  'deny-root',
)
const protect = policy(
  [
    {
      Effect: 'Deny',
      Action: ['guardduty:Delete*', 'guardduty:Update*'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/member' } },
    },
    {
      Effect: 'Deny',
      Action: 'sns:DeleteTopic',
      Resource: 'arn:aws:sns:*:*:org-baseline*',
    },
    {
      Effect: 'Deny',
      Action: 's3:PutBucketPolicy',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable
      Resource: 'arn:aws:s3:::logs-${aws:PrincipalAccount}',
    },
  ],
  'protect',
)
const regions = policy(
  {
    Effect: 'Deny',
    NotAction: 'iam:*',
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
  },
  'regions',
)
const SCPS: NamedPolicy[][] = [
  [fullAccess, denyRoot, protect],
  [fullAccess, regions],
]

const MEMBER = 'arn:aws:iam::222222222222:role/member'
const ADMIN = 'arn:aws:iam::222222222222:role/Admin'
const at = (
  action: string,
  resource: string,
  arn = ADMIN,
  region = 'us-east-1',
  extra: Record<string, string> = {},
): RequestContext =>
  request(
    { action, resource },
    {
      'aws:PrincipalArn': arn,
      'aws:PrincipalAccount': '222222222222',
      'aws:RequestedRegion': region,
      ...extra,
    },
  )

const cases: [reason: string, a: RequestContext, b: RequestContext, same: boolean][] = [
  [
    'no statement for guardduty:DeleteDetector reads the resource (all Resource "*")',
    at('guardduty:DeleteDetector', 'arn:aws:guardduty:us-east-1:222222222222:detector/a'),
    at('guardduty:DeleteDetector', 'arn:aws:guardduty:us-east-1:222222222222:detector/b'),
    true,
  ],
  [
    'actions admitted by the same statements are judged alike (the action only picks statements)',
    at('guardduty:DeleteDetector', '*'),
    at('guardduty:UpdateDetector', '*'),
    true,
  ],
  [
    'an action one more statement admits is told apart',
    at('guardduty:DeleteDetector', '*'),
    at('guardduty:ListDetectors', '*'),
    false,
  ],
  [
    'a Resource pattern other than "*" reads the resource',
    at('sns:DeleteTopic', 'arn:aws:sns:us-east-1:222222222222:org-baseline-alerts'),
    at('sns:DeleteTopic', 'arn:aws:sns:us-east-1:222222222222:other'),
    false,
  ],
  [
    'a condition key (aws:PrincipalArn) is read',
    at('guardduty:DeleteDetector', '*', MEMBER),
    at('guardduty:DeleteDetector', '*', ADMIN),
    false,
  ],
  [
    'aws:RequestedRegion is read where the region statement admits the action',
    at('guardduty:ListDetectors', '*', ADMIN, 'us-east-1'),
    at('guardduty:ListDetectors', '*', ADMIN, 'eu-west-1'),
    false,
  ],
  [
    'aws:RequestedRegion is not read for iam:* (NotAction leaves it out)',
    at('iam:CreateRole', '*', ADMIN, 'us-east-1'),
    at('iam:CreateRole', '*', ADMIN, 'eu-west-1'),
    true,
  ],
  [
    'a variable in a Resource pattern (aws:PrincipalAccount) is read with the resource',
    at('s3:PutBucketPolicy', 'arn:aws:s3:::logs-222222222222'),
    at('s3:PutBucketPolicy', 'arn:aws:s3:::logs-222222222222', ADMIN, 'us-east-1', {
      'aws:PrincipalAccount': '333333333333',
    }),
    false,
  ],
  [
    'a key no statement names is not read',
    at('guardduty:DeleteDetector', '*', ADMIN, 'us-east-1', { 'aws:SourceIp': '10.0.0.1' }),
    at('guardduty:DeleteDetector', '*', ADMIN, 'us-east-1', { 'aws:SourceIp': '10.0.0.2' }),
    true,
  ],
]

for (const [reason, a, b, same] of cases) {
  test(reason, () => {
    const equal = requestReadsKey(SCPS, a) === requestReadsKey(SCPS, b)
    assert.is(equal, same)
    if (equal) assert.equal(authorize({ scps: SCPS }, a), authorize({ scps: SCPS }, b))
  })
}

test('keys differ wherever decisions differ, over every pair of the cases', () => {
  const requests = cases.flatMap(([, a, b]) => [a, b])
  for (const a of requests) {
    for (const b of requests) {
      if (requestReadsKey(SCPS, a) !== requestReadsKey(SCPS, b)) continue
      assert.equal(authorize({ scps: SCPS }, a), authorize({ scps: SCPS }, b), `${a.action} / ${b.action}`)
    }
  }
})

test.run()
