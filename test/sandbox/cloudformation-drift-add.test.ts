// Stack drift reports a property the template left out but the resource now has as ADD (AWS's
// PropertyDifference type for it): a recorder stopped out of band reads `Recording: false`.
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
} from '@aws-sdk/client-cloudformation'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox } from '../../src/sandbox/index.ts'
import { configRolesIn, deliveryBucket, management } from './helpers.ts'

const TEMPLATE = `
Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      Name: default
      RoleARN: arn:aws:iam::111111111111:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig
      RecordingGroup: { AllSupported: true }
  Channel:
    Type: AWS::Config::DeliveryChannel
    DependsOn: Recorder
    Properties: { S3BucketName: logs-bucket }
`

test('a key the resource gained out of band (recorder stopped) is drift of type ADD; an untouched stack is in sync', async () => {
  const sandbox = await startSandbox()
  configRolesIn(sandbox.world)
  deliveryBucket(sandbox, 'logs-bucket')
  try {
    const cfn = new CloudFormationClient(management(sandbox))
    await cfn.send(new CreateStackCommand({ StackName: 'recorder', TemplateBody: TEMPLATE }))
    sandbox.world.clock.advance(10 * 60_000)
    const detect = async () => {
      await cfn.send(new DetectStackDriftCommand({ StackName: 'recorder' }))
      sandbox.world.clock.advance(10 * 60_000)
      const { StackResourceDrifts } = await cfn.send(
        new DescribeStackResourceDriftsCommand({ StackName: 'recorder' }),
      )
      return (StackResourceDrifts ?? []).find((d) => d.LogicalResourceId === 'Recorder')
    }
    assert.is((await detect())?.StackResourceDriftStatus, 'IN_SYNC')
    sandbox.control('config', 'stopRecorder', { account: '111111111111', region: 'us-east-1' })
    const drifted = await detect()
    assert.is(drifted?.StackResourceDriftStatus, 'MODIFIED')
    assert.equal(drifted?.PropertyDifferences, [
      { PropertyPath: '/Recording', ExpectedValue: 'null', ActualValue: 'false', DifferenceType: 'ADD' },
    ])
  } finally {
    await sandbox.close()
  }
})

test.run()
