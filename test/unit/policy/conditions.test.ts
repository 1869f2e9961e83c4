// The Condition element: every operator family, IfExists, set operators, multi-valued keys, variables.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { type ContextValue, evaluatePolicy } from '../../../src/sandbox/policy/index.ts'
import { policy, request } from './helpers.ts'

const OPS = 'IAM user guide, reference_policies_elements_condition_operators'
const COND = 'IAM user guide, reference_policies_elements_condition'
const MULTI = 'IAM user guide, reference_policies_condition-single-vs-multi-valued-context-keys'
const LOGIC = 'IAM user guide, reference_policies_condition-logic-multiple-context-keys-or-values'
const VARIABLES = 'IAM user guide, reference_policies_variables'

interface Case {
  name: string
  condition: Record<string, Record<string, unknown>>
  context: Record<string, ContextValue>
  matches: boolean
  source: string
}

const cases: Case[] = [
  // String
  {
    name: 'StringEquals matches',
    condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
    context: { 'aws:PrincipalOrgID': 'o-abc' },
    matches: true,
    source: `${OPS}, "String condition operators"`,
  },
  {
    name: 'StringEquals is case-sensitive',
    condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-ABC' } },
    context: { 'aws:PrincipalOrgID': 'o-abc' },
    matches: false,
    source: `${OPS}, StringEquals: "Exact matching, case sensitive"`,
  },
  {
    name: 'StringEquals with missing key is false',
    condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
    context: {},
    matches: false,
    source: `${OPS}: "If the key … is not present in the request context, the values do not match"`,
  },
  {
    name: 'StringNotEquals differs',
    condition: { StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } },
    context: { 'aws:PrincipalAccount': '222222222222' },
    matches: true,
    source: `${OPS}, StringNotEquals`,
  },
  {
    name: 'StringNotEquals equal is false',
    condition: { StringNotEquals: { 'aws:PrincipalAccount': '222222222222' } },
    context: { 'aws:PrincipalAccount': '222222222222' },
    matches: false,
    source: `${OPS}, StringNotEquals`,
  },
  {
    name: 'StringNotEquals with missing key is true',
    condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
    context: {},
    matches: true,
    source: `${OPS}: negated operators "and the right key is not present, the condition is true"`,
  },
  {
    name: 'StringEqualsIgnoreCase',
    condition: { StringEqualsIgnoreCase: { 'aws:RequestedRegion': 'US-EAST-1' } },
    context: { 'aws:RequestedRegion': 'us-east-1' },
    matches: true,
    source: `${OPS}, StringEqualsIgnoreCase`,
  },
  {
    name: 'StringNotEqualsIgnoreCase',
    condition: { StringNotEqualsIgnoreCase: { 'aws:RequestedRegion': 'US-EAST-1' } },
    context: { 'aws:RequestedRegion': 'us-east-1' },
    matches: false,
    source: `${OPS}, StringNotEqualsIgnoreCase`,
  },
  {
    name: 'StringLike with *',
    condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrganizationAccountAccessRole' } },
    context: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole' },
    matches: true,
    source: `${OPS}, StringLike: "multi-character match wildcard (*)"`,
  },
  {
    name: 'StringLike with ?',
    condition: { StringLike: { 's3:x-amz-acl': 'bucket-owner-full-contro?' } },
    context: { 's3:x-amz-acl': 'bucket-owner-full-control' },
    matches: true,
    source: `${OPS}, StringLike: "single-character match wildcard (?)"`,
  },
  {
    name: 'StringLike is case-sensitive',
    condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin*' } },
    context: { 'aws:PrincipalArn': 'arn:aws:iam::2:role/Admin' },
    matches: false,
    source: `${OPS}, StringLike: "Case-sensitive matching"`,
  },
  {
    name: 'StringNotLike with missing key is true',
    condition: { StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } },
    context: {},
    matches: true,
    source: `${OPS}: negated operators with an absent key`,
  },
  {
    name: 'several values are ORed',
    condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
    context: { 'aws:RequestedRegion': 'us-east-1' },
    matches: true,
    source: `${LOGIC}: "a logical OR"`,
  },
  {
    name: 'several keys are ANDed',
    condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalAccount': '1' } },
    context: { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalAccount': '2' },
    matches: false,
    source: `${LOGIC}: "a logical AND"`,
  },
  {
    name: 'several operators are ANDed',
    condition: {
      StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
      Bool: { 'aws:SecureTransport': 'false' },
    },
    context: { 'aws:RequestedRegion': 'us-east-1', 'aws:SecureTransport': 'true' },
    matches: false,
    source: `${LOGIC}: "a logical AND"`,
  },
  {
    name: 'StringNotEquals with several values: none may equal',
    condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
    context: { 'aws:RequestedRegion': 'us-east-1' },
    matches: false,
    source: `${LOGIC}: negated operators with several values ("NOR")`,
  },
  {
    name: 'condition key names are case-insensitive',
    condition: { StringEquals: { 'AWS:SOURCEACCOUNT': '111111111111' } },
    context: { 'aws:SourceAccount': '111111111111' },
    matches: true,
    source: `${COND}: "Condition key names are not case-sensitive"`,
  },
  {
    name: 'aws:ResourceTag/… key',
    condition: { StringEquals: { 'aws:ResourceTag/managed-by': 'org-baseline' } },
    context: { 'aws:ResourceTag/managed-by': 'org-baseline' },
    matches: true,
    source: 'IAM user guide, reference_policies_condition-keys#condition-keys-resourcetag',
  },
  {
    name: 'kms:EncryptionContext:… key',
    condition: {
      StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*' },
    },
    context: {
      'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org',
    },
    matches: true,
    source: 'CloudTrail user guide, create-kms-key-policy-for-cloudtrail',
  },
  // Variables in condition values
  {
    name: 'variable in a condition value',
    condition: { StringEquals: { 'aws:SourceAccount': `\${aws:PrincipalAccount}` } },
    context: { 'aws:SourceAccount': '1', 'aws:PrincipalAccount': '1' },
    matches: true,
    source: VARIABLES,
  },
  {
    name: 'variable in a condition value, key missing',
    condition: { StringEquals: { 'aws:SourceAccount': `\${aws:PrincipalAccount}` } },
    context: { 'aws:SourceAccount': '1' },
    matches: false,
    source: `${VARIABLES}, "Policy variables with no value": StringEquals "do not match"`,
  },
  {
    name: 'variable in a negated condition, key missing: matches the null value',
    condition: { StringNotEquals: { 'aws:SourceAccount': `\${aws:PrincipalAccount}` } },
    context: { 'aws:SourceAccount': '1' },
    matches: true,
    source: `${VARIABLES}, "Policy variables with no value": inverted operators "do match against a null value"`,
  },
  {
    name: 'variables are not read in Numeric values',
    condition: { NumericEquals: { 'aws:MultiFactorAuthAge': `\${aws:x}` } },
    context: { 'aws:MultiFactorAuthAge': '1', 'aws:x': '1' },
    matches: false,
    source: `${VARIABLES}: variables work in string and ARN operators`,
  },
  // Arn
  {
    name: 'ArnLike per segment',
    condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:*:111111111111:trail/*' } },
    context: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org' },
    matches: true,
    source: `${OPS}, "Amazon Resource Name (ARN) condition operators"`,
  },
  {
    name: 'ArnLike: * does not cross a segment',
    condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudtrail:*:trail/*' } },
    context: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org' },
    matches: false,
    source: `${OPS}, ArnLike: "each of the six colon-delimited components of the ARN is checked separately"`,
  },
  {
    name: 'ArnEquals also takes wildcards',
    condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:config:*:111111111111:*' } },
    context: { 'aws:SourceArn': 'arn:aws:config:eu-west-1:111111111111:config-rule/x' },
    matches: true,
    source: `${OPS}, ArnEquals: same behaviour as ArnLike`,
  },
  {
    name: 'ArnLike on a value that is not an ARN',
    condition: { ArnLike: { 'aws:SourceArn': '*' } },
    context: { 'aws:SourceArn': 'not-an-arn' },
    matches: false,
    source: `${OPS}, ARN operators compare ARNs`,
  },
  {
    name: 'ArnNotLike differs',
    condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrganizationAccountAccessRole' } },
    context: { 'aws:PrincipalArn': 'arn:aws:iam::2:role/Admin' },
    matches: true,
    source: `${OPS}, ArnNotLike`,
  },
  {
    name: 'ArnNotEquals with missing key is true',
    condition: { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:s3:::x' } },
    context: {},
    matches: true,
    source: `${OPS}: negated operators with an absent key`,
  },
  // Bool / Null
  {
    name: 'Bool true',
    condition: { Bool: { 'aws:SecureTransport': 'false' } },
    context: { 'aws:SecureTransport': 'false' },
    matches: true,
    source: `${OPS}, "Boolean condition operators"`,
  },
  {
    name: 'Bool with JSON boolean value',
    condition: { Bool: { 'aws:AssumedRoot': true } },
    context: { 'aws:AssumedRoot': 'true' },
    matches: true,
    source: `${OPS}, Bool`,
  },
  {
    name: 'Bool with missing key is false',
    condition: { Bool: { 'aws:SecureTransport': 'false' } },
    context: {},
    matches: false,
    source: `${OPS}, Bool`,
  },
  {
    name: 'Null true: key absent',
    condition: { Null: { 'aws:ResourceOrgID': 'true' } },
    context: {},
    matches: true,
    source: `${OPS}, "Condition operator to check existence of condition keys"`,
  },
  {
    name: 'Null true: key present',
    condition: { Null: { 'aws:ResourceOrgID': 'true' } },
    context: { 'aws:ResourceOrgID': 'o-abc' },
    matches: false,
    source: `${OPS}, Null`,
  },
  {
    name: 'Null false: key present',
    condition: { Null: { 'aws:ResourceOrgID': 'false' } },
    context: { 'aws:ResourceOrgID': 'o-abc' },
    matches: true,
    source: `${OPS}, Null`,
  },
  // Numeric / Date
  {
    name: 'NumericLessThan',
    condition: { NumericLessThan: { 's3:max-keys': '10' } },
    context: { 's3:max-keys': '9' },
    matches: true,
    source: `${OPS}, "Numeric condition operators"`,
  },
  {
    name: 'NumericGreaterThanEquals',
    condition: { NumericGreaterThanEquals: { 's3:max-keys': 10 } },
    context: { 's3:max-keys': '10' },
    matches: true,
    source: `${OPS}, NumericGreaterThanEquals`,
  },
  {
    name: 'NumericEquals on a non-number',
    condition: { NumericEquals: { 's3:max-keys': '10' } },
    context: { 's3:max-keys': 'ten' },
    matches: false,
    source: `${OPS}, Numeric`,
  },
  {
    name: 'NumericNotEquals',
    condition: { NumericNotEquals: { 's3:max-keys': '10' } },
    context: { 's3:max-keys': '11' },
    matches: true,
    source: `${OPS}, NumericNotEquals`,
  },
  {
    name: 'DateGreaterThan ISO 8601',
    condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } },
    context: { 'aws:CurrentTime': '2026-11-30T02:00:00Z' },
    matches: true,
    source: `${OPS}, "Date condition operators"`,
  },
  {
    name: 'DateLessThan with epoch seconds',
    condition: { DateLessThan: { 'aws:EpochTime': '1700000000' } },
    context: { 'aws:EpochTime': '1600000000' },
    matches: true,
    source: `${OPS}, Date: "epoch (UNIX) time"`,
  },
  {
    name: 'DateEquals mixes formats',
    condition: { DateEquals: { 'aws:CurrentTime': '0' } },
    context: { 'aws:CurrentTime': '1970-01-01T00:00:00Z' },
    matches: true,
    source: `${OPS}, Date`,
  },
  // IfExists
  {
    name: 'IfExists: absent key is true',
    condition: { StringEqualsIfExists: { 'iam:PassedToService': 'config.amazonaws.com' } },
    context: {},
    matches: true,
    source: `${OPS}, "…IfExists condition operators"`,
  },
  {
    name: 'IfExists: present key is compared',
    condition: { StringEqualsIfExists: { 'iam:PassedToService': 'config.amazonaws.com' } },
    context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
    matches: false,
    source: `${OPS}, IfExists`,
  },
  {
    name: 'BoolIfExists absent',
    condition: { BoolIfExists: { 'aws:SecureTransport': 'true' } },
    context: {},
    matches: true,
    source: `${OPS}, IfExists`,
  },
  // Multi-valued keys and set operators
  {
    name: 'ForAnyValue: one value matches',
    condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
    context: { 'aws:TagKeys': ['b', 'c'] },
    matches: true,
    source: `${MULTI}, ForAnyValue`,
  },
  {
    name: 'ForAnyValue: none matches',
    condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } },
    context: { 'aws:TagKeys': ['b', 'c'] },
    matches: false,
    source: `${MULTI}, ForAnyValue`,
  },
  {
    name: 'ForAnyValue: absent key is false',
    condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } },
    context: {},
    matches: false,
    source: `${MULTI}: ForAnyValue "returns false" when the key is missing`,
  },
  {
    name: 'ForAllValues: every value matches',
    condition: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['team-*', 'cost'] } },
    context: { 'aws:TagKeys': ['team-a', 'cost'] },
    matches: true,
    source: `${MULTI}, ForAllValues`,
  },
  {
    name: 'ForAllValues: one value does not',
    condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } },
    context: { 'aws:TagKeys': ['a', 'b'] },
    matches: false,
    source: `${MULTI}, ForAllValues`,
  },
  {
    name: 'ForAllValues: absent key is true',
    condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } },
    context: {},
    matches: true,
    source: `${MULTI}: ForAllValues "returns true" when the key is missing or empty`,
  },
  {
    name: 'ForAllValues: empty list is true',
    condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } },
    context: { 'aws:TagKeys': [] },
    matches: true,
    source: `${MULTI}, ForAllValues with an empty set`,
  },
  {
    name: 'ForAnyValue with a negated operator',
    condition: { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a'] } },
    context: { 'aws:TagKeys': ['a', 'b'] },
    matches: true,
    source: `${MULTI}: one request value is not among the policy values`,
  },
  {
    name: 'ForAllValues with a negated operator',
    condition: { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['a'] } },
    context: { 'aws:TagKeys': ['a', 'b'] },
    matches: false,
    source: `${MULTI}: every request value must be outside the policy values`,
  },
  {
    name: 'single-valued operator on a multi-valued key: any value',
    condition: { StringEquals: { 'aws:TagKeys': 'b' } },
    context: { 'aws:TagKeys': ['a', 'b'] },
    matches: true,
    source: `${MULTI} (crafted reading: positive operators behave as ForAnyValue)`,
  },
  {
    name: 'negated single-valued operator on a multi-valued key: no value may match',
    condition: { StringNotEquals: { 'aws:TagKeys': 'b' } },
    context: { 'aws:TagKeys': ['a', 'b'] },
    matches: false,
    source: `${MULTI} (crafted reading: negated operators are true only if no value matches)`,
  },
  // IP and binary
  {
    name: 'IpAddress in CIDR',
    condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    context: { 'aws:SourceIp': '203.0.113.7' },
    matches: true,
    source: `${OPS}, "IP address condition operators"`,
  },
  {
    name: 'NotIpAddress outside CIDR',
    condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    context: { 'aws:SourceIp': '198.51.100.1' },
    matches: true,
    source: `${OPS}, NotIpAddress`,
  },
  {
    name: 'BinaryEquals',
    condition: { BinaryEquals: { 'x:Key': 'QmluYXJ5' } },
    context: { 'x:Key': 'QmluYXJ5' },
    matches: true,
    source: `${OPS}, "Binary condition operators"`,
  },
  {
    name: 'unknown operator never matches',
    condition: { StringSortOf: { 'aws:RequestedRegion': 'us-east-1' } },
    context: { 'aws:RequestedRegion': 'us-east-1' },
    matches: false,
    source: `${OPS} (grammar refuses it: checkPolicyGrammar)`,
  },
]

const test = suite('policy conditions')
for (const c of cases) {
  test(`${c.name} (${c.source})`, () => {
    const result = evaluatePolicy(
      policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: c.condition }),
      request({}, c.context),
    )
    assert.is(result.effect, c.matches ? 'Allow' : 'NotApplicable')
  })
}

test.run()
