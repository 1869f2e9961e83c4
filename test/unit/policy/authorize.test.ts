// AWS's evaluation logic over every policy that governs a request (authorize).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type AuthorizationInput,
  authorize,
  type Decision,
  type NamedPolicy,
  type Principal,
  type RequestContext,
} from '../../../src/sandbox/policy/index.ts'
import { ADMIN, ALLOW_ALL, policy, request } from './helpers.ts'

const LOGIC = 'IAM user guide, reference_policies_evaluation-logic_policy-eval-denyallow'
const CROSS = 'IAM user guide, reference_policies_evaluation-logic-cross-account'
const SCP = 'Organizations user guide, orgs_manage_policies_scps_evaluation'
const RCP = 'Organizations user guide, orgs_manage_policies_rcps_evaluation'
const PRINCIPAL = 'IAM user guide, reference_policies_elements_principal'

const fullAccess: NamedPolicy = {
  name: 'FullAWSAccess',
  document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
}
const denyGuardDuty: NamedPolicy = {
  name: 'deny-guardduty',
  arn: 'arn:aws:organizations::111111111111:policy/o-abc/service_control_policy/p-deny',
  document: {
    Version: '2012-10-17',
    Statement: { Sid: 'NoDisable', Effect: 'Deny', Action: 'guardduty:Delete*', Resource: '*' },
  },
}
const allowS3Only = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, 's3-only')
const allowAll = policy(ALLOW_ALL, 'all')
const denyAll = policy({ Effect: 'Deny', Action: '*', Resource: '*' }, 'deny-all')
const nothing = policy({ Effect: 'Allow', Action: 'none:None', Resource: '*' }, 'nothing')

const BUCKET = 'arn:aws:s3:::logs'
const CLOUDTRAIL: Principal = { type: 'Service', service: 'cloudtrail.amazonaws.com' }
const OTHER: Principal = {
  type: 'AWS',
  arn: 'arn:aws:sts::333333333333:assumed-role/Admin/s',
  account: '333333333333',
}
const ROLE_ARN = 'arn:aws:iam::222222222222:role/Admin'
const ROOT: Principal = { type: 'AWS', arn: 'arn:aws:iam::222222222222:root', account: '222222222222' }

const bucketPolicy = (principal: unknown, name = 'bucket'): NamedPolicy => ({
  name,
  document: {
    Version: '2012-10-17',
    Statement: {
      Sid: 'Grant',
      Effect: 'Allow',
      Principal: principal as '*',
      Action: 's3:PutObject',
      Resource: `${BUCKET}/*`,
    },
  },
})
const put = (principal: Principal = ADMIN): RequestContext =>
  request({ action: 's3:PutObject', resource: `${BUCKET}/AWSLogs/x`, principal })

interface Case {
  name: string
  input: AuthorizationInput
  request?: RequestContext
  allowed: boolean
  reason?: Decision['reason']
  level?: number
  source: string
}

const cases: Case[] = [
  // SCPs
  {
    name: 'FullAWSAccess at every level allows',
    input: { scps: [[fullAccess], [fullAccess], [fullAccess]] },
    allowed: true,
    source: `${SCP}: every level allows`,
  },
  {
    name: 'deny SCP at an OU denies',
    input: { scps: [[fullAccess], [fullAccess, denyGuardDuty], [fullAccess]] },
    allowed: false,
    reason: 'explicit-deny-scp',
    level: 1,
    source: `${SCP}: a Deny at any level`,
  },
  {
    name: 'deny SCP at the root denies',
    input: { scps: [[fullAccess, denyGuardDuty], [fullAccess]] },
    allowed: false,
    reason: 'explicit-deny-scp',
    level: 0,
    source: `${SCP}: a Deny at the root applies to every account`,
  },
  {
    name: 'a level without an allowing SCP denies',
    input: { scps: [[fullAccess], [allowS3Only], [fullAccess]] },
    allowed: false,
    reason: 'no-scp-allows',
    level: 1,
    source: `${SCP}: "every level must allow" (intersection)`,
  },
  {
    name: 'allow at the account only is not enough',
    input: { scps: [[nothing], [fullAccess]] },
    allowed: false,
    reason: 'no-scp-allows',
    level: 0,
    source: `${SCP}: permissions must be allowed at every level from the root`,
  },
  {
    name: 'empty level allows nothing',
    input: { scps: [[fullAccess], []] },
    allowed: false,
    reason: 'no-scp-allows',
    level: 1,
    source: `${SCP}: no SCP at a level is no Allow`,
  },
  {
    name: 'SCPs undefined take no part (management account)',
    input: { identity: [allowAll] },
    allowed: true,
    source: 'Organizations user guide, orgs_manage_policies_scps: SCPs do not affect the management account',
  },
  {
    name: 'SCP allow does not grant without identity',
    input: { scps: [[fullAccess]], identity: [nothing] },
    allowed: false,
    reason: 'no-identity-allows',
    source: `${SCP}: "SCPs do not grant permissions"`,
  },
  {
    name: 'explicit SCP deny beats identity allow',
    input: { scps: [[fullAccess, denyGuardDuty]], identity: [allowAll] },
    allowed: false,
    reason: 'explicit-deny-scp',
    level: 0,
    source: `${LOGIC}: deny evaluation first`,
  },
  // RCPs
  {
    name: 'RCP deny denies',
    input: {
      rcps: [
        [allowAll, policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }, 'rcp-deny')],
      ],
    },
    request: put(),
    allowed: false,
    reason: 'explicit-deny-rcp',
    level: 0,
    source: `${RCP}`,
  },
  {
    name: 'RCP level without allow denies',
    input: { rcps: [[allowAll], []] },
    request: put(),
    allowed: false,
    reason: 'no-rcp-allows',
    level: 1,
    source: `${RCP}: every level must allow (RCPFullAWSAccess)`,
  },
  // Identity
  { name: 'identity allow', input: { identity: [allowAll] }, allowed: true, source: LOGIC },
  {
    name: 'identity without allow',
    input: { identity: [allowS3Only] },
    allowed: false,
    reason: 'no-identity-allows',
    source: `${LOGIC}: implicit deny`,
  },
  {
    name: 'empty identity set allows nothing',
    input: { identity: [] },
    allowed: false,
    reason: 'no-identity-allows',
    source: `${LOGIC}: implicit deny`,
  },
  {
    name: 'identity deny beats identity allow',
    input: { identity: [allowAll, denyAll] },
    allowed: false,
    reason: 'explicit-deny-identity',
    source: `${LOGIC}: explicit deny`,
  },
  {
    name: 'nothing given: allowed',
    input: {},
    allowed: true,
    source: 'sandbox contract: sets left undefined take no part',
  },
  // Boundary / session
  {
    name: 'boundary must allow too',
    input: { identity: [allowAll], boundary: [allowS3Only] },
    allowed: false,
    reason: 'no-boundary-allows',
    source: 'IAM user guide, access_policies_boundaries: effective permissions are the intersection',
  },
  {
    name: 'boundary allows',
    input: { identity: [allowAll], boundary: [allowAll] },
    allowed: true,
    source: 'IAM user guide, access_policies_boundaries',
  },
  {
    name: 'boundary alone grants nothing',
    input: { identity: [nothing], boundary: [allowAll] },
    allowed: false,
    reason: 'no-identity-allows',
    source: 'IAM user guide, access_policies_boundaries: "does not grant permissions"',
  },
  {
    name: 'boundary deny',
    input: { identity: [allowAll], boundary: [allowAll, denyAll] },
    allowed: false,
    reason: 'explicit-deny-boundary',
    source: `${LOGIC}: explicit deny in a boundary`,
  },
  {
    name: 'session policy must allow',
    input: { identity: [allowAll], session: [allowS3Only] },
    allowed: false,
    reason: 'no-session-allows',
    source: 'IAM user guide, access_policies#policies_session',
  },
  {
    name: 'session deny',
    input: { identity: [allowAll], session: [denyAll] },
    allowed: false,
    reason: 'explicit-deny-session',
    source: `${LOGIC}: explicit deny in a session policy`,
  },
  // Same account: union of identity and resource
  {
    name: 'same account: resource allow alone suffices',
    input: { identity: [nothing], resource: [bucketPolicy({ AWS: ROLE_ARN })], sameAccount: true },
    request: put(),
    allowed: true,
    source: `${LOGIC}: "only need an explicit Allow … in either"`,
  },
  {
    name: 'same account: identity allow alone suffices',
    input: {
      identity: [allowAll],
      resource: [bucketPolicy({ AWS: OTHER.type === 'AWS' ? OTHER.arn : '' })],
      sameAccount: true,
    },
    request: put(),
    allowed: true,
    source: 'IAM user guide, reference_policies_evaluation-logic_policy-eval-basics: either allows',
  },
  {
    name: 'same account: neither allows',
    input: {
      identity: [nothing],
      resource: [bucketPolicy({ Service: 'config.amazonaws.com' })],
      sameAccount: true,
    },
    request: put(),
    allowed: false,
    reason: 'no-identity-allows',
    source: `${LOGIC}: implicit deny`,
  },
  {
    name: 'same account: resource deny wins',
    input: {
      identity: [allowAll],
      resource: [policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }, 'bucket-deny')],
      sameAccount: true,
    },
    request: put(),
    allowed: false,
    reason: 'explicit-deny-resource',
    source: `${LOGIC}: explicit deny`,
  },
  {
    name: 'same account: account principal delegates, identity must allow',
    input: { identity: [nothing], resource: [bucketPolicy({ AWS: '222222222222' })], sameAccount: true },
    request: put(),
    allowed: false,
    reason: 'no-identity-allows',
    source: `${PRINCIPAL}, "AWS account principals": delegation to the account`,
  },
  {
    name: 'role ARN grant is capped by the boundary',
    input: { resource: [bucketPolicy({ AWS: ROLE_ARN })], boundary: [nothing], sameAccount: true },
    request: put(),
    allowed: false,
    reason: 'no-boundary-allows',
    source: `${LOGIC}: a grant to the role ARN is limited by an implicit deny in a boundary`,
  },
  {
    name: 'session ARN grant is not capped by the boundary',
    input: {
      resource: [bucketPolicy({ AWS: ADMIN.type === 'AWS' ? ADMIN.arn : '' })],
      boundary: [nothing],
      sameAccount: true,
    },
    request: put(),
    allowed: true,
    source: `${LOGIC}: a grant to the role session is not limited by an implicit deny in a boundary`,
  },
  // Cross account
  {
    name: 'cross account: both allow',
    input: { identity: [allowAll], resource: [bucketPolicy({ AWS: '333333333333' })], sameAccount: false },
    request: put(OTHER),
    allowed: true,
    source: `${CROSS}: both must allow`,
  },
  {
    name: 'cross account: resource silent',
    input: { identity: [allowAll], resource: [bucketPolicy({ AWS: '444444444444' })], sameAccount: false },
    request: put(OTHER),
    allowed: false,
    reason: 'no-resource-allows',
    source: `${CROSS}`,
  },
  {
    name: 'cross account: identity silent',
    input: { identity: [nothing], resource: [bucketPolicy({ AWS: '333333333333' })], sameAccount: false },
    request: put(OTHER),
    allowed: false,
    reason: 'no-identity-allows',
    source: `${CROSS}`,
  },
  {
    name: 'cross account inferred from the resource ARN',
    input: { identity: [allowAll], resource: [] },
    request: request({ principal: OTHER }),
    allowed: false,
    reason: 'no-resource-allows',
    source: `${CROSS}: principal and resource in different accounts`,
  },
  // resourceMustAllow
  {
    name: 'trust policy must allow even with identity allow',
    input: { identity: [allowAll], resource: [nothing], resourceMustAllow: true, sameAccount: true },
    request: request({ action: 'sts:AssumeRole', resource: 'arn:aws:iam::222222222222:role/Target' }),
    allowed: false,
    reason: 'no-resource-allows',
    source: `${LOGIC}: "IAM role trust policies and KMS key policies … must explicitly allow"`,
  },
  {
    name: 'key policy granting the account needs identity allow too',
    input: {
      identity: [nothing],
      resource: [
        policy(
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::222222222222:root' },
            Action: 'kms:*',
            Resource: '*',
          },
          'key',
        ),
      ],
      resourceMustAllow: true,
      sameAccount: true,
    },
    request: request({ action: 'kms:Decrypt', resource: 'arn:aws:kms:us-east-1:222222222222:key/k' }),
    allowed: false,
    reason: 'no-identity-allows',
    source:
      'KMS developer guide, key-policy-default-allow-root-enable-iam: the account statement enables IAM policies',
  },
  {
    name: 'key policy granting the account and identity allow',
    input: {
      identity: [allowAll],
      resource: [
        policy(
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::222222222222:root' },
            Action: 'kms:*',
            Resource: '*',
          },
          'key',
        ),
      ],
      resourceMustAllow: true,
      sameAccount: true,
    },
    request: request({ action: 'kms:Decrypt', resource: 'arn:aws:kms:us-east-1:222222222222:key/k' }),
    allowed: true,
    source: 'KMS developer guide, key-policy-default-allow-root-enable-iam',
  },
  {
    name: 'trust policy naming the role suffices in one account',
    input: {
      identity: [nothing],
      resource: [
        policy({ Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 'sts:AssumeRole' }, 'trust'),
      ],
      resourceMustAllow: true,
      sameAccount: true,
    },
    request: request({ action: 'sts:AssumeRole', resource: 'arn:aws:iam::222222222222:role/Target' }),
    allowed: true,
    source: `${LOGIC}: role trust policy names the principal`,
  },
  // Service principals
  {
    name: 'service principal allowed by the bucket policy',
    input: { resource: [bucketPolicy({ Service: 'cloudtrail.amazonaws.com' })] },
    request: put(CLOUDTRAIL),
    allowed: true,
    source: `${PRINCIPAL}, "AWS service principals"`,
  },
  {
    name: 'service principal not named',
    input: { resource: [bucketPolicy({ Service: 'config.amazonaws.com' })] },
    request: put(CLOUDTRAIL),
    allowed: false,
    reason: 'no-resource-allows',
    source: `${PRINCIPAL}, "AWS service principals"`,
  },
  {
    name: 'service principal: identity sets do not apply',
    input: { identity: [nothing], resource: [bucketPolicy({ Service: 'cloudtrail.amazonaws.com' })] },
    request: put(CLOUDTRAIL),
    allowed: true,
    source: `${PRINCIPAL}: a service principal has no identity policies`,
  },
  {
    name: 'service principal vs account root grant',
    input: { resource: [bucketPolicy({ AWS: '222222222222' })] },
    request: put(CLOUDTRAIL),
    allowed: false,
    reason: 'no-resource-allows',
    source: `${PRINCIPAL}: an account principal names IAM identities, not services`,
  },
  {
    name: 'service principal with Principal "*"',
    input: { resource: [bucketPolicy('*')] },
    request: put(CLOUDTRAIL),
    allowed: true,
    source: `${PRINCIPAL}: "*" names all principals`,
  },
  {
    name: 'service principal denied by a conditioned Deny',
    input: {
      resource: [
        bucketPolicy({ Service: 'cloudtrail.amazonaws.com' }),
        policy(
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          'tls',
        ),
      ],
    },
    request: { ...put(CLOUDTRAIL), context: { 'aws:SecureTransport': 'false' } },
    allowed: false,
    reason: 'explicit-deny-resource',
    source: 'S3 user guide, security-best-practices: deny requests without aws:SecureTransport',
  },
  // Principals
  {
    name: 'account root principal matches its own root user',
    input: { resource: [bucketPolicy({ AWS: '222222222222' })], identity: [nothing], sameAccount: true },
    request: put(ROOT),
    allowed: true,
    source: `${PRINCIPAL}, "AWS account principals"`,
  },
  {
    name: 'role ARN with a path matches its session',
    input: {
      resource: [bucketPolicy({ AWS: 'arn:aws:iam::222222222222:role/ops/Admin' })],
      identity: [nothing],
      sameAccount: true,
    },
    request: put(),
    allowed: true,
    source: `${PRINCIPAL}, "IAM role principals"`,
  },
  {
    name: 'NotPrincipal Deny exempts a fully listed session',
    input: {
      identity: [allowAll],
      resource: [
        policy(
          {
            Effect: 'Deny',
            NotPrincipal: {
              AWS: [ADMIN.type === 'AWS' ? ADMIN.arn : '', ROLE_ARN, 'arn:aws:iam::222222222222:root'],
            },
            Action: '*',
            Resource: '*',
          },
          'np',
        ),
      ],
      sameAccount: true,
    },
    request: put(),
    allowed: true,
    source:
      'IAM user guide, reference_policies_elements_notprincipal: list the session, the role and the account',
  },
  {
    name: 'NotPrincipal Deny without the account still denies',
    input: {
      identity: [allowAll],
      resource: [
        policy({ Effect: 'Deny', NotPrincipal: { AWS: [ROLE_ARN] }, Action: '*', Resource: '*' }, 'np'),
      ],
      sameAccount: true,
    },
    request: put(),
    allowed: false,
    reason: 'explicit-deny-resource',
    source:
      'IAM user guide, reference_policies_elements_notprincipal: "you must also include the account ARN"',
  },
  {
    name: 'anonymous caller allowed by Principal "*"',
    input: { resource: [bucketPolicy('*')] },
    request: put({ type: 'Anonymous' }),
    allowed: true,
    source: `${PRINCIPAL}, "All principals": "*" includes anonymous access`,
  },
  {
    name: 'account root grant does not name a service',
    input: { resource: [bucketPolicy({ AWS: 'arn:aws:iam::222222222222:root' })], sameAccount: true },
    request: put(CLOUDTRAIL),
    allowed: false,
    reason: 'no-resource-allows',
    source: `${PRINCIPAL}, "AWS service principals"`,
  },
  {
    name: 'anonymous caller needs Principal "*"',
    input: { resource: [bucketPolicy({ AWS: '222222222222' })] },
    request: put({ type: 'Anonymous' }),
    allowed: false,
    reason: 'no-resource-allows',
    source: `${PRINCIPAL}, "All principals"`,
  },
]

const test = suite('policy authorize')
for (const c of cases) {
  test(`${c.name} (${c.source})`, () => {
    const decision = authorize(c.input, c.request ?? request())
    assert.is(decision.allowed, c.allowed)
    assert.is(decision.reason, c.reason)
    if (c.level !== undefined) assert.is(decision.level, c.level)
  })
}

test('the deciding statement is reported (Decision contract)', () => {
  const decision = authorize({ scps: [[fullAccess, denyGuardDuty]] }, request())
  assert.equal(decision.match, {
    policy: 'deny-guardduty',
    statement: 'NoDisable',
    policyArn: denyGuardDuty.arn,
  })
  assert.equal(authorize({ identity: [allowAll] }, request()).match, { policy: 'all', statement: '0' })
})

test.run()
