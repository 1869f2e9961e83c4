// Action / NotAction, Resource / NotResource and policy variables, one policy at a time (evaluatePolicy).
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { evaluatePolicy, type RequestContext, type Statement } from '../../../src/sandbox/policy/index.ts'
import { policy, request } from './helpers.ts'

const ACTION = 'IAM user guide, reference_policies_elements_action'
const NOT_ACTION = 'IAM user guide, reference_policies_elements_notaction'
const RESOURCE = 'IAM user guide, reference_policies_elements_resource, "Using wildcards in resource ARNs"'
const NOT_RESOURCE = 'IAM user guide, reference_policies_elements_notresource'
const VARIABLES = 'IAM user guide, reference_policies_variables'

interface Case {
  name: string
  statement: Statement
  request: RequestContext
  effect: 'Allow' | 'Deny' | 'NotApplicable'
  version?: string
  source: string
}

const allow = (fields: Partial<Statement>): Statement => ({ Effect: 'Allow', ...fields })
const onAction = (action: string) => request({ action })
const onResource = (resource: string, context = {}) => request({ resource }, context)

const cases: Case[] = [
  {
    name: 'exact action',
    statement: allow({ Action: 'guardduty:DeleteDetector', Resource: '*' }),
    request: request(),
    effect: 'Allow',
    source: ACTION,
  },
  {
    name: 'action names are case-insensitive',
    statement: allow({ Action: 'GuardDuty:deletedetector', Resource: '*' }),
    request: request(),
    effect: 'Allow',
    source: `${ACTION}: "not case-sensitive"`,
  },
  {
    name: '* suffix in action',
    statement: allow({ Action: 'guardduty:Delete*', Resource: '*' }),
    request: request(),
    effect: 'Allow',
    source: ACTION,
  },
  {
    name: '? in action matches one character',
    statement: allow({ Action: 'guardduty:DeleteDetecto?', Resource: '*' }),
    request: request(),
    effect: 'Allow',
    source: ACTION,
  },
  {
    name: '? does not match two characters',
    statement: allow({ Action: 'guardduty:DeleteDetect?', Resource: '*' }),
    request: request(),
    effect: 'NotApplicable',
    source: ACTION,
  },
  {
    name: 'other service does not match',
    statement: allow({ Action: 'securityhub:*', Resource: '*' }),
    request: request(),
    effect: 'NotApplicable',
    source: ACTION,
  },
  {
    name: 'action list: any entry',
    statement: allow({ Action: ['s3:GetObject', 'guardduty:DeleteDetector'], Resource: '*' }),
    request: request(),
    effect: 'Allow',
    source: ACTION,
  },
  {
    name: 'NotAction: unlisted action applies',
    statement: { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' },
    request: request(),
    effect: 'Deny',
    source: NOT_ACTION,
  },
  {
    name: 'NotAction: listed action does not apply',
    statement: { Effect: 'Deny', NotAction: ['guardduty:*'], Resource: '*' },
    request: request(),
    effect: 'NotApplicable',
    source: NOT_ACTION,
  },
  {
    name: 'NotAction is case-insensitive too',
    statement: { Effect: 'Deny', NotAction: 'GUARDDUTY:*', Resource: '*' },
    request: onAction('guardduty:ListDetectors'),
    effect: 'NotApplicable',
    source: NOT_ACTION,
  },
  {
    name: 'resource exact',
    statement: allow({ Action: '*', Resource: 'arn:aws:guardduty:us-east-1:222222222222:detector/abc' }),
    request: request(),
    effect: 'Allow',
    source: RESOURCE,
  },
  {
    name: 'resource is case-sensitive',
    statement: allow({ Action: '*', Resource: 'arn:aws:guardduty:us-east-1:222222222222:detector/ABC' }),
    request: request(),
    effect: 'NotApplicable',
    source: `${RESOURCE}: "the IAM user name is case sensitive"`,
  },
  {
    name: '* within a segment',
    statement: allow({ Action: '*', Resource: 'arn:aws:guardduty:us-*:222222222222:detector/*' }),
    request: request(),
    effect: 'Allow',
    source: RESOURCE,
  },
  {
    name: '* before more text stays in its segment',
    statement: allow({ Action: '*', Resource: 'arn:aws:logs:us-east-1:222222222222:log-group:*x' }),
    request: onResource('arn:aws:logs:us-east-1:222222222222:log-group:a:x'),
    effect: 'NotApplicable',
    source: `${RESOURCE}: wildcards work within segments`,
  },
  {
    name: '* last in a segment spans colons',
    statement: allow({ Action: '*', Resource: 'arn:aws:logs:us-east-1:222222222222:log-group:*' }),
    request: onResource('arn:aws:logs:us-east-1:222222222222:log-group:a:log-stream:b'),
    effect: 'Allow',
    source: `${RESOURCE}: "can expand to match beyond the colon boundaries"`,
  },
  {
    name: '* spans slashes',
    statement: allow({ Action: '*', Resource: 'arn:aws:s3:::bucket/*' }),
    request: onResource('arn:aws:s3:::bucket/AWSLogs/1/x.json'),
    effect: 'Allow',
    source: `${RESOURCE}: "including characters like a forward slash"`,
  },
  {
    name: '? matches one character of a segment',
    statement: allow({ Action: '*', Resource: 'arn:aws:s3:::bucket-?' }),
    request: onResource('arn:aws:s3:::bucket-1'),
    effect: 'Allow',
    source: RESOURCE,
  },
  {
    name: 'specific ARN does not match an action without resources',
    statement: allow({ Action: '*', Resource: 'arn:aws:s3:::bucket' }),
    request: onResource('*'),
    effect: 'NotApplicable',
    source: `${RESOURCE}: actions without resource-level permissions need "*"`,
  },
  {
    name: 'NotResource: other resource applies',
    statement: { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:s3:::logs/*' },
    request: request(),
    effect: 'Deny',
    source: NOT_RESOURCE,
  },
  {
    name: 'NotResource: listed resource does not apply',
    statement: { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:guardduty:*:*:detector/*' },
    request: request(),
    effect: 'NotApplicable',
    source: NOT_RESOURCE,
  },
  {
    name: 'variable in Resource',
    statement: allow({
      Action: '*',
      Resource: `arn:aws:guardduty:us-east-1:\${aws:PrincipalAccount}:detector/*`,
    }),
    request: request({}, { 'aws:PrincipalAccount': '222222222222' }),
    effect: 'Allow',
    source: VARIABLES,
  },
  {
    name: 'variable value differs',
    statement: allow({
      Action: '*',
      Resource: `arn:aws:guardduty:us-east-1:\${aws:PrincipalAccount}:detector/*`,
    }),
    request: request({}, { 'aws:PrincipalAccount': '333333333333' }),
    effect: 'NotApplicable',
    source: VARIABLES,
  },
  {
    name: 'variable key missing: no match',
    statement: allow({
      Action: '*',
      Resource: `arn:aws:guardduty:us-east-1:\${aws:PrincipalAccount}:detector/*`,
    }),
    request: request(),
    effect: 'NotApplicable',
    source: `${VARIABLES}: a key absent from the request makes the element not match`,
  },
  {
    name: 'variable keys are case-insensitive',
    statement: allow({
      Action: '*',
      Resource: `arn:aws:guardduty:us-east-1:\${AWS:principalaccount}:detector/*`,
    }),
    request: request({}, { 'aws:PrincipalAccount': '222222222222' }),
    effect: 'Allow',
    source: `${VARIABLES}; reference_policies_elements_condition: key names are not case-sensitive`,
  },
  {
    name: 'variable with a default',
    statement: allow({ Action: '*', Resource: `arn:aws:s3:::bucket/\${aws:username, 'shared'}/*` }),
    request: onResource('arn:aws:s3:::bucket/shared/x'),
    effect: 'Allow',
    source: `${VARIABLES}, "Specifying default values"`,
  },
  {
    name: 'variables are literal in a 2008-10-17 policy',
    statement: allow({ Action: '*', Resource: `arn:aws:s3:::bucket/\${aws:username}/*` }),
    request: onResource('arn:aws:s3:::bucket/bob/x', { 'aws:username': 'bob' }),
    version: '2008-10-17',
    effect: 'NotApplicable',
    source: `${VARIABLES}: "you must include the Version element and set it to 2012-10-17"`,
  },
  {
    name: `\${*} is a literal asterisk`,
    statement: allow({ Action: '*', Resource: `arn:aws:s3:::bucket/\${*}` }),
    request: onResource('arn:aws:s3:::bucket/x'),
    effect: 'NotApplicable',
    source: `${VARIABLES}, "Special characters"`,
  },
  {
    name: 'a substituted value is literal, not a wildcard',
    statement: allow({ Action: '*', Resource: `arn:aws:s3:::bucket/\${aws:username}` }),
    request: onResource('arn:aws:s3:::bucket/x', { 'aws:username': '*' }),
    effect: 'NotApplicable',
    source: `${VARIABLES} (crafted: a value stands for itself)`,
  },
  {
    name: `\${?} and \${$} are literal characters`,
    statement: allow({ Action: '*', Resource: `arn:aws:s3:::bucket/a\${?}b\${$}` }),
    request: onResource('arn:aws:s3:::bucket/a?b$'),
    effect: 'Allow',
    source: `${VARIABLES}, "Special characters"`,
  },
  {
    name: 'NotResource naming a variable with no value excludes nothing',
    statement: { Effect: 'Deny', Action: '*', NotResource: `arn:aws:s3:::home/\${aws:username}/*` },
    request: onResource('arn:aws:s3:::home/bob/x'),
    effect: 'Deny',
    source: `${VARIABLES}, "Policy variables with no value": it "will not match any resource"`,
  },
  {
    name: 'a multi-valued key is no variable',
    statement: allow({ Action: '*', Resource: `arn:aws:s3:::bucket/\${aws:TagKeys}` }),
    request: onResource('arn:aws:s3:::bucket/a', { 'aws:TagKeys': ['a'] }),
    effect: 'NotApplicable',
    source:
      'IAM user guide, reference_policies_condition-single-vs-multi-valued-context-keys: multivalued keys cannot be policy variables',
  },
  {
    name: 'deny wins inside one policy',
    statement: { Effect: 'Deny', Action: '*', Resource: '*' },
    request: request(),
    effect: 'Deny',
    source: 'IAM user guide, reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay',
  },
]

const test = suite('policy matching')
for (const c of cases) {
  test(`${c.name} (${c.source})`, () => {
    const result = evaluatePolicy(policy(c.statement, 'p', c.version ?? '2012-10-17'), c.request)
    assert.is(result.effect, c.effect)
  })
}

test('document as JSON text, statement match reports Sid or index (evaluatePolicy contract)', () => {
  const text = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'x:Y', Resource: '*' },
      { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
    ],
  })
  assert.equal(evaluatePolicy({ name: 'text', document: text }, request()), {
    effect: 'Allow',
    match: { policy: 'text', statement: 'AllowAll' },
  })
  assert.equal(evaluatePolicy({ name: 'text', document: text }, request({ action: 'x:Y' })), {
    effect: 'Allow',
    match: { policy: 'text', statement: '0' },
  })
})

test.run()
