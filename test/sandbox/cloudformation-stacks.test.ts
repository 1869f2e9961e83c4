// CloudFormation stacks through the real SDK: template validation, the asynchronous lifecycle, resources
// created through resource providers, rollback on a provider failure, updates and drift.
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SandboxError } from '../../src/sandbox/errors.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { registerResourceProvider } from '../../src/sandbox/services/cloudformation/resource-providers.ts'
import { failure, management } from './helpers.ts'

// A provider for a custom resource type (CloudFormation accepts any `Custom::` type with a ServiceToken), so
// the tests see exactly what the stack engine asks of providers.
const TOKEN = 'arn:aws:lambda:us-east-1:111111111111:function:widgets'
const widgets = new Map<string, Record<string, unknown>>()
registerResourceProvider('Custom::Widget', {
  create(props, ctx) {
    if (props.Fail === 'true')
      throw new SandboxError('InvalidRequestException', 'Widget refused to be created', 400)
    const id = `widget-${ctx.account}-${ctx.region}-${ctx.logicalId}`
    widgets.set(id, { ...props })
    return { physicalId: id, attributes: { Color: props.Color } }
  },
  update(id, props) {
    widgets.set(id, { ...props })
  },
  delete(id) {
    widgets.delete(id)
  },
  read(id) {
    return widgets.get(id)
  },
})

let sandbox: Sandbox
let cfn: CloudFormationClient

test.before(async () => {
  sandbox = await startSandbox({ speed: 1 })
  cfn = new CloudFormationClient(management(sandbox))
})
test.after(() => sandbox.close())

const TEMPLATE = `
Parameters:
  Color: { Type: String, AllowedValues: [red, blue] }
  Size: { Type: Number, Default: 3 }
Conditions:
  IsRed: !Equals [!Ref Color, red]
Resources:
  Widget:
    Type: Custom::Widget
    Properties:
      ServiceToken: ${TOKEN}
      Color: !Ref Color
      Label: !Sub '\${AWS::StackName}-\${AWS::Region}-\${AWS::AccountId}'
      Extra: !If [IsRed, 'warm', !Ref AWS::NoValue]
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Join ['-', [widget, !GetAtt Widget.Color]]
Outputs:
  TopicArn: { Value: !Ref Topic }
`

async function status(name: string): Promise<string | undefined> {
  return (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus
}

test('a stack is CREATE_IN_PROGRESS until its simulated duration passes, then CREATE_COMPLETE with resolved resources', async () => {
  const { StackId } = await cfn.send(
    new CreateStackCommand({
      StackName: 'widgets',
      TemplateBody: TEMPLATE,
      Parameters: [{ ParameterKey: 'Color', ParameterValue: 'red' }],
      Tags: [{ Key: 'org-baseline:managed', Value: 'true' }],
    }),
  )
  assert.match(StackId ?? '', /^arn:aws:cloudformation:us-east-1:111111111111:stack\/widgets\/[0-9a-f-]{36}$/)
  assert.is(await status('widgets'), 'CREATE_IN_PROGRESS')
  sandbox.world.clock.advance(60_000)
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'widgets' }))).Stacks?.[0]
  assert.is(stack?.StackStatus, 'CREATE_COMPLETE')
  assert.equal(stack?.Tags, [{ Key: 'org-baseline:managed', Value: 'true' }])
  assert.equal(stack?.Outputs?.[0]?.OutputValue, 'arn:aws:sns:us-east-1:111111111111:widget-red')
  const widget = widgets.get('widget-111111111111-us-east-1-Widget')
  assert.equal(widget, {
    ServiceToken: TOKEN,
    Color: 'red',
    Label: 'widgets-us-east-1-111111111111',
    Extra: 'warm',
  })
  const resources = await cfn.send(new ListStackResourcesCommand({ StackName: 'widgets' }))
  assert.equal(resources.StackResourceSummaries?.map((r) => r.LogicalResourceId).sort(), ['Topic', 'Widget'])
  const template = await cfn.send(new GetTemplateCommand({ StackName: 'widgets' }))
  assert.is(template.TemplateBody, TEMPLATE)
})

test('UpdateStack with nothing changed is refused with AWS’s "No updates are to be performed."', async () => {
  const error = await failure(
    cfn.send(
      new UpdateStackCommand({
        StackName: 'widgets',
        UsePreviousTemplate: true,
        Parameters: [{ ParameterKey: 'Color', UsePreviousValue: true }],
      }),
    ),
  )
  assert.is(error.name, 'ValidationError')
  assert.is(error.message, 'No updates are to be performed.')
})

test('UpdateStack changes the resource through its provider and removes AWS::NoValue properties', async () => {
  await cfn.send(
    new UpdateStackCommand({
      StackName: 'widgets',
      UsePreviousTemplate: true,
      Parameters: [{ ParameterKey: 'Color', ParameterValue: 'blue' }],
    }),
  )
  assert.is(await status('widgets'), 'UPDATE_IN_PROGRESS')
  sandbox.world.clock.advance(60_000)
  assert.is(await status('widgets'), 'UPDATE_COMPLETE')
  assert.equal(widgets.get('widget-111111111111-us-east-1-Widget'), {
    ServiceToken: TOKEN,
    Color: 'blue',
    Label: 'widgets-us-east-1-111111111111',
  })
})

test('drift: a resource changed behind CloudFormation’s back shows MODIFIED with the property difference', async () => {
  widgets.set('widget-111111111111-us-east-1-Widget', {
    ServiceToken: TOKEN,
    Color: 'red',
    Label: 'widgets-us-east-1-111111111111',
  })
  const { StackDriftDetectionId } = await cfn.send(new DetectStackDriftCommand({ StackName: 'widgets' }))
  const before = await cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }))
  assert.is(before.DetectionStatus, 'DETECTION_IN_PROGRESS')
  sandbox.world.clock.advance(30_000)
  const after = await cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }))
  assert.is(after.DetectionStatus, 'DETECTION_COMPLETE')
  assert.is(after.StackDriftStatus, 'DRIFTED')
  assert.is(after.DriftedStackResourceCount, 1)
  const drifts = await cfn.send(
    new DescribeStackResourceDriftsCommand({
      StackName: 'widgets',
      StackResourceDriftStatusFilters: ['MODIFIED'],
    }),
  )
  assert.is(drifts.StackResourceDrifts?.length, 1)
  assert.equal(drifts.StackResourceDrifts?.[0]?.PropertyDifferences, [
    { PropertyPath: '/Color', ExpectedValue: 'blue', ActualValue: 'red', DifferenceType: 'NOT_EQUAL' },
  ])
})

test('drift: a resource its provider reports gone is DELETED', async () => {
  const saved = widgets.get('widget-111111111111-us-east-1-Widget')
  widgets.delete('widget-111111111111-us-east-1-Widget')
  const { StackDriftDetectionId } = await cfn.send(new DetectStackDriftCommand({ StackName: 'widgets' }))
  sandbox.world.clock.advance(30_000)
  const status = await cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }))
  assert.is(status.StackDriftStatus, 'DRIFTED')
  const drifts = await cfn.send(
    new DescribeStackResourceDriftsCommand({
      StackName: 'widgets',
      StackResourceDriftStatusFilters: ['DELETED'],
    }),
  )
  assert.equal(
    drifts.StackResourceDrifts?.map((d) => d.LogicalResourceId),
    ['Widget'],
  )
  if (saved) widgets.set('widget-111111111111-us-east-1-Widget', saved)
})

test('a provider failure rolls the stack back to ROLLBACK_COMPLETE, with the reason in the events', async () => {
  const body = `
Resources:
  Good: { Type: Custom::Widget, Properties: { ServiceToken: ${TOKEN}, Color: green } }
  Bad: { Type: Custom::Widget, DependsOn: Good, Properties: { ServiceToken: ${TOKEN}, Fail: 'true' } }
`
  await cfn.send(new CreateStackCommand({ StackName: 'doomed', TemplateBody: body }))
  sandbox.world.clock.advance(60_000)
  assert.is(await status('doomed'), 'ROLLBACK_COMPLETE')
  assert.not.ok(widgets.has('widget-111111111111-us-east-1-Good'), 'the created resource is rolled back')
  const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'doomed' }))).StackEvents ?? []
  const failed = events.find((e) => e.ResourceStatus === 'CREATE_FAILED')
  assert.is(failed?.LogicalResourceId, 'Bad')
  assert.match(failed?.ResourceStatusReason ?? '', 'Widget refused to be created')
  const error = await failure(cfn.send(new UpdateStackCommand({ StackName: 'doomed', TemplateBody: body })))
  assert.match(error.message, 'is in ROLLBACK_COMPLETE state and can not be updated')
})

test('validation: missing, unknown and disallowed parameters are refused with CloudFormation’s messages', async () => {
  const missing = await failure(cfn.send(new CreateStackCommand({ StackName: 'p1', TemplateBody: TEMPLATE })))
  assert.is(missing.name, 'ValidationError')
  assert.is(missing.message, 'Parameters: [Color] must have values')
  const unknown = await failure(
    cfn.send(
      new CreateStackCommand({
        StackName: 'p2',
        TemplateBody: TEMPLATE,
        Parameters: [
          { ParameterKey: 'Color', ParameterValue: 'red' },
          { ParameterKey: 'Nope', ParameterValue: 'x' },
        ],
      }),
    ),
  )
  assert.is(unknown.message, 'Parameters: [Nope] do not exist in the template')
  const disallowed = await failure(
    cfn.send(
      new CreateStackCommand({
        StackName: 'p3',
        TemplateBody: TEMPLATE,
        Parameters: [{ ParameterKey: 'Color', ParameterValue: 'green' }],
      }),
    ),
  )
  assert.is(disallowed.message, "Parameter 'Color' must be one of AllowedValues")
})

test('validation: templates without Resources, resources without Type and bodies over 51,200 bytes are refused', async () => {
  const noResources = await failure(
    cfn.send(new CreateStackCommand({ StackName: 't1', TemplateBody: 'Description: nothing\n' })),
  )
  assert.is(noResources.message, 'Template format error: At least one Resources member must be defined.')
  const noType = await failure(
    cfn.send(
      new CreateStackCommand({ StackName: 't2', TemplateBody: 'Resources:\n  A:\n    Properties: {}\n' }),
    ),
  )
  assert.match(noType.message, 'Every Resources object must contain a Type member')
  const big = `Description: ${'x'.repeat(51_200)}\nResources:\n  A: { Type: AWS::SNS::Topic }\n`
  const tooBig = await failure(cfn.send(new CreateStackCommand({ StackName: 't3', TemplateBody: big })))
  assert.is(tooBig.name, 'ValidationError')
  assert.match(tooBig.message, '51200')
})

test('IAM resources need the matching capability (InsufficientCapabilitiesException)', async () => {
  const body =
    'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: { RoleName: named, AssumeRolePolicyDocument: {} }\n'
  const error = await failure(
    cfn.send(
      new CreateStackCommand({ StackName: 'iam', TemplateBody: body, Capabilities: ['CAPABILITY_IAM'] }),
    ),
  )
  assert.is(error.name, 'InsufficientCapabilitiesException')
  assert.is(error.message, 'Requires capabilities : [CAPABILITY_NAMED_IAM]')
})

test('a duplicate stack name is AlreadyExistsException; a deleted stack answers by id only', async () => {
  const dup = await failure(
    cfn.send(
      new CreateStackCommand({
        StackName: 'widgets',
        TemplateBody: TEMPLATE,
        Parameters: [{ ParameterKey: 'Color', ParameterValue: 'red' }],
      }),
    ),
  )
  assert.is(dup.name, 'AlreadyExistsException')
  const id = (await cfn.send(new DescribeStacksCommand({ StackName: 'widgets' }))).Stacks?.[0]?.StackId ?? ''
  await cfn.send(new DeleteStackCommand({ StackName: 'widgets' }))
  assert.is(await status('widgets'), 'DELETE_IN_PROGRESS')
  sandbox.world.clock.advance(60_000)
  assert.not.ok(widgets.has('widget-111111111111-us-east-1-Widget'), 'the provider deleted the resource')
  const gone = await failure(cfn.send(new DescribeStacksCommand({ StackName: 'widgets' })))
  assert.is(gone.message, 'Stack with id widgets does not exist')
  assert.is(await status(id), 'DELETE_COMPLETE')
})

test.run()
