// principalContext: the aws:Principal* keys AWS adds to a signed request.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { principalContext } from '../../../src/sandbox/policy/index.ts'

const KEYS = 'IAM user guide, reference_policies_condition-keys'
const test = suite('policy principal context')

test(`a role session is named by its role, not the session (${KEYS}, aws:PrincipalArn)`, () => {
  const principal = {
    type: 'AWS',
    arn: 'arn:aws:sts::222222222222:assumed-role/Admin/s',
    account: '222222222222',
  } as const
  assert.equal(principalContext(principal, { orgId: 'o-abc' }), {
    'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/Admin',
    'aws:PrincipalAccount': '222222222222',
    'aws:PrincipalIsAWSService': 'false',
    'aws:PrincipalOrgID': 'o-abc',
  })
  assert.is(
    principalContext(principal, { roleArn: 'arn:aws:iam::222222222222:role/ops/Admin' })['aws:PrincipalArn'],
    'arn:aws:iam::222222222222:role/ops/Admin',
  )
})

test(`the root user is named by its root ARN; no org key outside an organization (${KEYS}, aws:PrincipalOrgID availability)`, () => {
  const root = { type: 'AWS', arn: 'arn:aws:iam::222222222222:root', account: '222222222222' } as const
  const context = principalContext(root)
  assert.is(context['aws:PrincipalArn'], 'arn:aws:iam::222222222222:root')
  assert.is(context['aws:PrincipalOrgID'], undefined)
})

test(`a service principal carries PrincipalServiceName and IsAWSService, no PrincipalArn (${KEYS})`, () => {
  assert.equal(principalContext({ type: 'Service', service: 'cloudtrail.amazonaws.com' }), {
    'aws:PrincipalIsAWSService': 'true',
    'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com',
  })
})

test(`anonymous requests carry none of them (${KEYS}: "Anonymous requests do not include this key")`, () => {
  assert.equal(principalContext({ type: 'Anonymous' }), {})
})

test.run()
