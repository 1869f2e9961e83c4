// AWS's AccessDenied wording (denialMessage).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type Decision, denialMessage } from '../../../src/sandbox/policy/index.ts'
import { request } from './helpers.ts'

const PAGE = 'IAM user guide, troubleshoot_access-denied, "Access denied error message examples"'
const BLOG = 'AWS Security Blog, "Enhanced access denied error messages with policy ARNs"'
const USER = 'arn:aws:sts::111122223333:assumed-role/Admin/s'
const HEAD = `User: ${USER} is not authorized to perform: guardduty:DeleteDetector on resource: arn:aws:guardduty:us-east-1:222222222222:detector/abc`
const SCP_ARN = 'arn:aws:organizations::111111111111:policy/o-abc/service_control_policy/p-deny'

const cases: { name: string; decision: Decision; message: string; source: string }[] = [
  {
    name: 'explicit deny in an SCP',
    decision: { allowed: false, reason: 'explicit-deny-scp' },
    message: `${HEAD} with an explicit deny in a service control policy`,
    source: PAGE,
  },
  {
    name: 'explicit deny in an SCP, with its ARN',
    decision: {
      allowed: false,
      reason: 'explicit-deny-scp',
      match: { policy: 'p', statement: '0', policyArn: SCP_ARN },
    },
    message: `${HEAD} with an explicit deny in a service control policy: ${SCP_ARN}`,
    source: BLOG,
  },
  {
    name: 'no SCP allows',
    decision: { allowed: false, reason: 'no-scp-allows' },
    message: `${HEAD} because no service control policy allows the guardduty:DeleteDetector action`,
    source: PAGE,
  },
  {
    name: 'explicit deny in an RCP',
    decision: { allowed: false, reason: 'explicit-deny-rcp' },
    message: `${HEAD} with an explicit deny in a resource control policy`,
    source: PAGE,
  },
  {
    name: 'no RCP allows',
    decision: { allowed: false, reason: 'no-rcp-allows' },
    message: `${HEAD} because no resource control policy allows the guardduty:DeleteDetector action`,
    source: `${PAGE} (implicit form of the RCP type)`,
  },
  {
    name: 'explicit deny in an identity policy',
    decision: { allowed: false, reason: 'explicit-deny-identity' },
    message: `${HEAD} with an explicit deny in an identity-based policy`,
    source: PAGE,
  },
  {
    name: 'no identity policy allows',
    decision: { allowed: false, reason: 'no-identity-allows' },
    message: `${HEAD} because no identity-based policy allows the guardduty:DeleteDetector action`,
    source: PAGE,
  },
  {
    name: 'explicit deny in a resource policy',
    decision: { allowed: false, reason: 'explicit-deny-resource' },
    message: `${HEAD} with an explicit deny in a resource-based policy`,
    source: PAGE,
  },
  {
    name: 'no resource policy allows',
    decision: { allowed: false, reason: 'no-resource-allows' },
    message: `${HEAD} because no resource-based policy allows the guardduty:DeleteDetector action`,
    source: PAGE,
  },
  {
    name: 'explicit deny in a boundary',
    decision: { allowed: false, reason: 'explicit-deny-boundary' },
    message: `${HEAD} with an explicit deny in a permissions boundary`,
    source: PAGE,
  },
  {
    name: 'no boundary allows',
    decision: { allowed: false, reason: 'no-boundary-allows' },
    message: `${HEAD} because no permissions boundary allows the guardduty:DeleteDetector action`,
    source: PAGE,
  },
  {
    name: 'explicit deny in a session policy',
    decision: { allowed: false, reason: 'explicit-deny-session' },
    message: `${HEAD} with an explicit deny in a session policy`,
    source: PAGE,
  },
  {
    name: 'no session policy allows',
    decision: { allowed: false, reason: 'no-session-allows' },
    message: `${HEAD} because no session policy allows the guardduty:DeleteDetector action`,
    source: PAGE,
  },
]

const test = suite('policy messages')
for (const c of cases) {
  test(`${c.name} (${c.source})`, () => {
    assert.is(denialMessage(USER, request(), c.decision), c.message)
  })
}

test(`an action without a resource omits "on resource" (${PAGE}: codecommit:ListRepositories example)`, () => {
  assert.is(
    denialMessage(USER, request({ action: 'guardduty:ListDetectors', resource: '*' }), {
      allowed: false,
      reason: 'no-identity-allows',
    }),
    `User: ${USER} is not authorized to perform: guardduty:ListDetectors because no identity-based policy allows the guardduty:ListDetectors action`,
  )
})

test(`a role trust policy is named as such (${PAGE}, "Access denied due to role trust policies")`, () => {
  const assume = request({ action: 'sts:AssumeRole', resource: 'arn:aws:iam::222222222222:role/Target' })
  const options = { resourcePolicy: 'role trust policy' } as const
  assert.is(
    denialMessage(USER, assume, { allowed: false, reason: 'explicit-deny-resource' }, options),
    `User: ${USER} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/Target with an explicit deny in the role trust policy`,
  )
  assert.is(
    denialMessage(USER, assume, { allowed: false, reason: 'no-resource-allows' }, options),
    `User: ${USER} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/Target because no role trust policy allows the sts:AssumeRole action`,
  )
})

test('an allowed decision has no reason clause (denialMessage contract)', () => {
  assert.is(denialMessage(USER, request(), { allowed: true }), HEAD)
})

test.run()
