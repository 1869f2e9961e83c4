// Template parsing and evaluation, tested directly on the handlers' building blocks: every short-form tag
// parses to its long form, conditions and intrinsics resolve, and parameters are checked like CloudFormation.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import {
  type EvalScope,
  evaluate,
  evaluateConditions,
  NO_VALUE,
} from '../../src/sandbox/services/cloudformation/intrinsics.ts'
import { bindParameters } from '../../src/sandbox/services/cloudformation/template-parameters.ts'
import {
  parseTemplateBody,
  requiredCapabilities,
} from '../../src/sandbox/services/cloudformation/template-parse.ts'

const BODY = `
Parameters:
  Env: { Type: String, Default: prod, AllowedValues: [dev, prod] }
  Regions: { Type: CommaDelimitedList, Default: 'us-east-1,eu-west-1' }
Mappings:
  Sizes: { prod: { Count: 3 }, dev: { Count: 1 } }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Or [!Equals [a, a], !Condition NotProd]]
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub '\${Env}-\${AWS::Region}-\${AWS::AccountId}'
      DisplayName: !Join [' ', [!Select [1, !Split [',', 'a,b,c']], !FindInMap [Sizes, !Ref Env, Count]]]
      KmsMasterKeyId: !If [NotProd, key, !Ref AWS::NoValue]
      Tags: [{ Key: second-region, Value: !Select [1, !Ref Regions] }]
      Partition: !Ref AWS::Partition
      Both: !If [Both, yes, no]
  Rule:
    Type: AWS::Events::Rule
    Properties:
      Targets: [{ Arn: !GetAtt Topic.TopicArn, Id: !Sub ['\${Name}-target', { Name: !Ref AWS::StackName }] }]
`

function scope(parameters: Record<string, string | string[]>): EvalScope {
  const template = parseTemplateBody(BODY)
  const s: EvalScope = {
    template,
    parameters,
    account: '123456789012',
    region: 'eu-west-1',
    stackName: 'alerts',
    stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/alerts/x',
    resources: new Map([
      [
        'Topic',
        {
          physicalId: 'arn:aws:sns:eu-west-1:123456789012:t',
          attributes: { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t' },
        },
      ],
    ]),
    conditions: new Map(),
  }
  evaluateConditions(s)
  return s
}

test('short-form tags parse to long forms (GetAtt scalar splits on the first dot)', () => {
  const template = parseTemplateBody(BODY)
  assert.equal(template.Resources.Rule?.Properties?.Targets, [
    {
      Arn: { 'Fn::GetAtt': ['Topic', 'TopicArn'] },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub placeholder, not JavaScript
      Id: { 'Fn::Sub': ['${Name}-target', { Name: { Ref: 'AWS::StackName' } }] },
    },
  ])
  assert.equal(template.Conditions.NotProd, { 'Fn::Not': [{ Condition: 'IsProd' }] })
})

test('conditions, Sub, Join/Select/Split, FindInMap, If with AWS::NoValue and list parameters resolve like CloudFormation', () => {
  const bound = bindParameters(parseTemplateBody(BODY), [])
  const s = scope(bound.typed)
  assert.equal(Object.fromEntries(s.conditions), { IsProd: true, NotProd: false, Both: true })
  const props = evaluate(s.template.Resources.Topic?.Properties, s)
  assert.equal(props, {
    TopicName: 'prod-eu-west-1-123456789012',
    DisplayName: 'b 3',
    Tags: [{ Key: 'second-region', Value: 'eu-west-1' }],
    Partition: 'aws',
    Both: 'yes',
  })
  const rule = evaluate(s.template.Resources.Rule?.Properties, s)
  assert.equal(rule, { Targets: [{ Arn: 'arn:aws:sns:eu-west-1:123456789012:t', Id: 'alerts-target' }] })
  assert.is(evaluate({ Ref: 'AWS::NoValue' }, s), NO_VALUE)
})

test('parameters: defaults apply, AllowedValues are enforced, unknown keys are refused', () => {
  const template = parseTemplateBody(BODY)
  assert.equal(bindParameters(template, [{ key: 'Env', value: 'dev' }]).values, {
    Env: 'dev',
    Regions: 'us-east-1,eu-west-1',
  })
  assert.throws(
    () => bindParameters(template, [{ key: 'Env', value: 'qa' }]),
    /Parameter 'Env' must be one of AllowedValues/,
  )
  assert.throws(
    () => bindParameters(template, [{ key: 'Other', value: 'x' }]),
    /Parameters: \[Other\] do not exist in the template/,
  )
})

test('JSON templates parse too, and IAM resources name the capability they need', () => {
  const json = JSON.stringify({
    Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } } },
  })
  assert.equal(requiredCapabilities(parseTemplateBody(json)), ['CAPABILITY_IAM'])
  assert.throws(() => parseTemplateBody('Resources: [unclosed'), /Template format error/)
})

test.run()
