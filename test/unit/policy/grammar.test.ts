// Grammar problems (checkPolicyGrammar): what AWS documents about a well-formed policy.
import { readdirSync, readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { checkPolicyGrammar, type PolicyKind } from '../../../src/sandbox/policy/index.ts'

const GRAMMAR = 'IAM user guide, reference_policies_grammar'
const NOTES = `${GRAMMAR}, "Policy grammar notes"`
const SID = 'IAM user guide, reference_policies_elements_sid'
const OPS = 'IAM user guide, reference_policies_elements_condition_operators'
const RCP = 'Organizations user guide, orgs_manage_policies_rcps_syntax'

const ok = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }
const doc = (statement: unknown, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: statement,
  ...extra,
})

interface Case {
  name: string
  document: unknown
  kind?: PolicyKind
  /** A substring of the one expected problem; undefined: well-formed. */
  problem?: string
  source: string
}

const cases: Case[] = [
  { name: 'well-formed identity policy', document: doc([ok]), kind: 'identity', source: GRAMMAR },
  {
    name: 'a single statement object',
    document: doc(ok),
    source: `${GRAMMAR}: brackets optional for one value`,
  },
  { name: 'JSON text', document: JSON.stringify(doc([ok])), source: GRAMMAR },
  {
    name: 'not JSON',
    document: '{"Statement": [',
    problem: 'not valid JSON',
    source: `${GRAMMAR}, "The policy language and JSON"`,
  },
  { name: 'not an object', document: [ok], problem: 'must be a JSON object', source: GRAMMAR },
  {
    name: 'missing Statement',
    document: { Version: '2012-10-17' },
    problem: 'Statement',
    source: `${GRAMMAR}: statement_block is required`,
  },
  {
    name: 'unknown top-level element',
    document: doc([ok], { Statements: [] }),
    problem: 'unknown element Statements',
    source: GRAMMAR,
  },
  {
    name: 'unknown Version',
    document: doc([ok], { Version: '2012-10-18' }),
    problem: 'Version',
    source: 'IAM user guide, reference_policies_elements_version',
  },
  {
    name: 'Version 2008-10-17 is accepted',
    document: doc([ok], { Version: '2008-10-17' }),
    source: 'IAM user guide, reference_policies_elements_version',
  },
  {
    name: 'Effect missing',
    document: doc([{ Action: '*', Resource: '*' }]),
    problem: 'Effect',
    source: `${GRAMMAR}: effect_block is required`,
  },
  {
    name: 'Effect invalid',
    document: doc([{ ...ok, Effect: 'allow' }]),
    problem: 'Effect',
    source: `${GRAMMAR}: ("Allow" | "Deny")`,
  },
  {
    name: 'Action and NotAction together',
    document: doc([{ ...ok, NotAction: 's3:*' }]),
    problem: 'both Action and NotAction',
    source: `${GRAMMAR}: ("Action" | "NotAction")`,
  },
  {
    name: 'neither Action nor NotAction',
    document: doc([{ Effect: 'Allow', Resource: '*' }]),
    problem: 'Action or NotAction',
    source: `${GRAMMAR}: action_block is required`,
  },
  {
    name: 'Action without a service prefix',
    document: doc([{ ...ok, Action: 'GetObject' }]),
    problem: 'service:action',
    source: `${GRAMMAR}, "action_string": "a service namespace, a colon, and the name of an action"`,
  },
  {
    name: 'empty Action list',
    document: doc([{ ...ok, Action: [] }]),
    problem: 'Action',
    source: `${GRAMMAR}: "Arrays can take one or more values"`,
  },
  {
    name: 'Resource and NotResource together',
    document: doc([{ ...ok, NotResource: 'arn:aws:s3:::x' }]),
    problem: 'both Resource and NotResource',
    source: `${GRAMMAR}: ("Resource" | "NotResource")`,
  },
  {
    name: 'Resource that is not an ARN',
    document: doc([{ ...ok, Resource: 'bucket' }]),
    problem: 'must be an ARN',
    source: `${GRAMMAR}, "resource_string": an ARN`,
  },
  {
    name: 'identity policy without Resource',
    document: doc([{ Effect: 'Allow', Action: '*' }]),
    kind: 'identity',
    problem: 'Resource or NotResource',
    source:
      'IAM user guide, reference_policies_elements_resource: "Statements must include either a Resource or a NotResource element"',
  },
  {
    name: 'Principal in an identity policy',
    document: doc([{ ...ok, Principal: '*' }]),
    kind: 'identity',
    problem: 'should not specify a principal',
    source: `${NOTES}: principal_block "must not be included in identity-based policies"`,
  },
  {
    name: 'Principal in an SCP',
    document: doc([{ ...ok, Principal: '*' }]),
    kind: 'scp',
    problem: 'should not specify a principal',
    source: 'Organizations user guide, orgs_manage_policies_scps_syntax: no Principal element',
  },
  {
    name: 'Id in an identity policy',
    document: doc([ok], { Id: 'x' }),
    kind: 'identity',
    problem: 'Id',
    source: `${NOTES}: the id_block "must not be included in identity-based policies"`,
  },
  {
    name: 'Id in a resource policy',
    document: doc([{ ...ok, Principal: '*' }], { Id: 'x' }),
    kind: 'resource',
    source: `${NOTES}: "The id_block is optional in resource-based policies"`,
  },
  {
    name: 'resource policy without Principal',
    document: doc([ok]),
    kind: 'resource',
    problem: 'missing required field Principal',
    source: `${NOTES}: principal_block "is required in resource-based policies"`,
  },
  {
    name: 'trust policy without Principal',
    document: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole' }]),
    kind: 'trust',
    problem: 'missing required field Principal',
    source: `${NOTES}: required "in trust policies for IAM roles"`,
  },
  {
    name: 'trust policy with Resource',
    document: doc([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: '*',
        Principal: { Service: 'config.amazonaws.com' },
      },
    ]),
    kind: 'trust',
    problem: 'prohibited field Resource',
    source:
      'IAM MalformedPolicyDocument "Has prohibited field Resource" (crafted from the commonly quoted message)',
  },
  {
    name: 'Principal and NotPrincipal together',
    document: doc([{ ...ok, Principal: '*', NotPrincipal: { AWS: '1' } }]),
    kind: 'resource',
    problem: 'both Principal and NotPrincipal',
    source: `${GRAMMAR}: ("Principal" | "NotPrincipal")`,
  },
  {
    name: 'unknown principal type',
    document: doc([{ ...ok, Principal: { User: 'x' } }]),
    kind: 'resource',
    problem: 'unknown principal type',
    source: `${GRAMMAR}: ("AWS" | "Federated" | "Service" | "CanonicalUser")`,
  },
  {
    name: 'partial wildcard in a principal',
    document: doc([{ ...ok, Principal: { AWS: 'arn:aws:iam::*:role/Admin' } }]),
    kind: 'resource',
    problem: 'wildcard',
    source: `${GRAMMAR}, "principal_id_string": "You cannot use it to specify part of a name or ARN"`,
  },
  {
    name: 'NotPrincipal may not be "*"',
    document: doc([{ ...ok, Effect: 'Deny', NotPrincipal: '*' }]),
    kind: 'resource',
    problem: 'NotPrincipal',
    source: 'IAM user guide, reference_policies_elements_notprincipal (crafted: "*" would exempt everyone)',
  },
  {
    name: 'unknown element in a statement',
    document: doc([{ ...ok, Actions: 's3:*' }]),
    problem: 'unknown element Actions',
    source: GRAMMAR,
  },
  {
    name: 'unknown condition operator',
    document: doc([{ ...ok, Condition: { StringMatches: { 'aws:x': 'y' } } }]),
    problem: 'unknown condition operator',
    source: OPS,
  },
  {
    name: 'NullIfExists is not an operator',
    document: doc([{ ...ok, Condition: { NullIfExists: { 'aws:x': 'true' } } }]),
    problem: 'unknown condition operator',
    source: `${OPS}: IfExists on any operator "except the Null condition"`,
  },
  {
    name: 'set operator prefixes and IfExists are accepted',
    document: doc([
      {
        ...ok,
        Condition: {
          'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': ['a*'] },
          ArnNotLikeIfExists: { 'aws:SourceArn': 'arn:aws:s3:::x' },
        },
      },
    ]),
    source: `${OPS}; IAM user guide, reference_policies_multi-value-conditions`,
  },
  {
    name: 'condition values must be scalars',
    document: doc([{ ...ok, Condition: { StringEquals: { 'aws:x': { a: 1 } } } }]),
    problem: 'values must be',
    source: `${GRAMMAR}: condition_value`,
  },
  {
    name: 'Sid with a space in an IAM policy',
    document: doc([{ ...ok, Sid: 'Allow all' }]),
    kind: 'identity',
    problem: 'Sid',
    source: `${SID}: "ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)"`,
  },
  {
    name: 'Sid with a space in a bucket policy',
    document: doc([{ ...ok, Principal: '*', Sid: 'Allow all' }]),
    kind: 'resource',
    source: `${SID}: "Other AWS services … may have other requirements"`,
  },
  {
    name: 'duplicate Sid in an IAM policy',
    document: doc([
      { ...ok, Sid: 'A' },
      { ...ok, Sid: 'A' },
    ]),
    kind: 'identity',
    problem: 'duplicate Sid',
    source: `${SID}: "In IAM, the Sid value must be unique within a JSON policy"`,
  },
  {
    name: 'RCP Principal must be "*"',
    document: doc([{ Effect: 'Deny', Principal: { AWS: '111111111111' }, Action: 's3:*', Resource: '*' }]),
    kind: 'rcp',
    problem: 'Principal must be "*"',
    source: RCP,
  },
  {
    name: 'RCP without NotAction',
    document: doc([{ Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' }]),
    kind: 'rcp',
    problem: 'NotAction',
    source: RCP,
  },
]

const test = suite('policy grammar')
for (const c of cases) {
  test(`${c.name} (${c.source})`, () => {
    const problems = checkPolicyGrammar(c.document, c.kind ? { kind: c.kind } : {})
    if (c.problem === undefined) assert.equal(problems, [])
    else {
      assert.is(problems.length, 1, problems.join('; '))
      assert.ok(problems[0]?.includes(c.problem), problems[0])
    }
  })
}

test('the shipped SCPs are well-formed SCPs (scps/*.json against Organizations SCP syntax)', () => {
  const dir = new URL('../../../scps/', import.meta.url)
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    assert.equal(checkPolicyGrammar(readFileSync(new URL(file, dir), 'utf8'), { kind: 'scp' }), [], file)
  }
})

test.run()
