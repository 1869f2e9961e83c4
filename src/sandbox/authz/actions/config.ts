// AWS Config (prefix `config`). Source: Service Authorization Reference, "Actions, resources, and condition
// keys for AWS Config": the recorder and delivery-channel actions have no resource type (`*`); the aggregator
// actions take resource type ConfigurationAggregator
// (`arn:${Partition}:config:${Region}:${Account}:config-aggregator/${AggregatorId}`). An aggregator's id is
// known once it exists; before that (PutConfigurationAggregator creating it) the request is judged on `*`.
import { peekConfigRegion } from '../../services/config-service/state.ts'
import type { ActionInput, ActionScope, ActionTable } from '../types.ts'
import { requestTags, text, texts } from './helpers.ts'

function aggregators(input: ActionInput, scope: ActionScope): string[] {
  const names = [
    ...(text(input, 'ConfigurationAggregatorName') ? [text(input, 'ConfigurationAggregatorName') ?? ''] : []),
    ...texts(input, 'ConfigurationAggregatorNames'),
  ]
  const region = peekConfigRegion(scope.world, scope.account, scope.region)
  const arns = names.flatMap((name) => {
    const arn = region?.aggregators.get(name)?.arn
    return arn ? [arn] : []
  })
  return arns.length > 0 ? arns : ['*']
}

const plain = (action: string) => ({ action: `config:${action}` })

export const configActions: ActionTable = {
  PutConfigurationRecorder: {
    action: 'config:PutConfigurationRecorder',
    context: (input) => requestTags(input.Tags),
  },
  DescribeConfigurationRecorders: plain('DescribeConfigurationRecorders'),
  DescribeConfigurationRecorderStatus: plain('DescribeConfigurationRecorderStatus'),
  StartConfigurationRecorder: plain('StartConfigurationRecorder'),
  StopConfigurationRecorder: plain('StopConfigurationRecorder'),
  DeleteConfigurationRecorder: plain('DeleteConfigurationRecorder'),
  PutDeliveryChannel: plain('PutDeliveryChannel'),
  DescribeDeliveryChannels: plain('DescribeDeliveryChannels'),
  DeleteDeliveryChannel: plain('DeleteDeliveryChannel'),
  PutRetentionConfiguration: plain('PutRetentionConfiguration'),
  PutConfigurationAggregator: [
    {
      action: 'config:PutConfigurationAggregator',
      resources: aggregators,
      context: (input) => requestTags(input.Tags),
    },
    // An organization aggregator names a role Config assumes: the caller passes it (Config developer guide,
    // "Setting Up an Aggregator": iam:PassRole on the role; IAM guide, "Granting a user permissions to pass a
    // role": the iam:PassedToService key is the service's principal).
    {
      action: 'iam:PassRole',
      resources: (input) => {
        const role = (input.OrganizationAggregationSource as { RoleArn?: unknown } | undefined)?.RoleArn
        return typeof role === 'string' && role !== '' ? [role] : []
      },
      context: () => ({ 'iam:PassedToService': 'config.amazonaws.com' }),
    },
  ],
  DescribeConfigurationAggregators: {
    action: 'config:DescribeConfigurationAggregators',
    resources: aggregators,
  },
  DeleteConfigurationAggregator: { action: 'config:DeleteConfigurationAggregator', resources: aggregators },
  DescribeConfigurationAggregatorSourcesStatus: {
    action: 'config:DescribeConfigurationAggregatorSourcesStatus',
    resources: aggregators,
  },
}
