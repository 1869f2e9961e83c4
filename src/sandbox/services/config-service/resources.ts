// CloudFormation resource providers for Config: stacks and stack instances that declare a recorder, a
// delivery channel or an aggregator create them here, through the same validation as the API.
// CloudFormation starts the recorder once the delivery channel exists (aws-facts §5), and deleting the
// recorder resource stops and deletes it.
import { SandboxError } from '../../errors.ts'
import {
  cfnBool,
  cfnList,
  cfnString,
  declaredProps,
  generatedName,
  projectDeclared,
  resourceKey,
} from '../cloudformation/resource-props.ts'
import { type ResourceProvider, registerResourceProvider } from '../cloudformation/resource-providers.ts'
import { deleteAggregator, putAggregator } from './aggregators.ts'
import { deleteNamedChannel, putChannel, putRecorder } from './recorders.ts'
import { configRegion, peekConfigRegion, type RecordingGroup, startRecorder, stopRecorder } from './state.ts'

type Props = Record<string, unknown>

function apiRecordingGroup(group: unknown): Props | undefined {
  if (!group || typeof group !== 'object') return undefined
  const g = group as Props
  const exclusions = (g.ExclusionByResourceTypes as Props | undefined)?.ResourceTypes
  const strategy = (g.RecordingStrategy as Props | undefined)?.UseOnly
  return {
    allSupported: g.AllSupported === undefined ? undefined : cfnBool(g.AllSupported, false),
    includeGlobalResourceTypes:
      g.IncludeGlobalResourceTypes === undefined ? undefined : cfnBool(g.IncludeGlobalResourceTypes, false),
    resourceTypes: cfnList(g.ResourceTypes),
    exclusionByResourceTypes: exclusions === undefined ? undefined : { resourceTypes: cfnList(exclusions) },
    recordingStrategy: strategy === undefined ? undefined : { useOnly: strategy },
  }
}

function cfnRecordingGroup(group: RecordingGroup): Props {
  return {
    AllSupported: group.allSupported,
    IncludeGlobalResourceTypes: group.includeGlobalResourceTypes,
    ResourceTypes: group.resourceTypes,
    ExclusionByResourceTypes: { ResourceTypes: group.exclusionByResourceTypes.resourceTypes },
    RecordingStrategy: { UseOnly: group.recordingStrategy.useOnly },
  }
}

function apiRecordingMode(mode: unknown): Props | undefined {
  if (!mode || typeof mode !== 'object') return undefined
  const m = mode as Props
  return {
    recordingFrequency: m.RecordingFrequency,
    recordingModeOverrides: (cfnList<Props>(m.RecordingModeOverrides) ?? []).map((o) => ({
      description: o.Description,
      resourceTypes: cfnList(o.ResourceTypes) ?? [],
      recordingFrequency: o.RecordingFrequency,
    })),
  }
}

const configurationRecorder: ResourceProvider = {
  create(props, ctx) {
    const name = cfnString(props.Name) ?? 'default'
    const recorder = putRecorder(ctx.world, ctx.account, ctx.region, {
      name,
      roleARN: cfnString(props.RoleARN),
      recordingGroup: apiRecordingGroup(props.RecordingGroup),
      recordingMode: apiRecordingMode(props.RecordingMode),
    })
    if (configRegion(ctx.world, ctx.account, ctx.region).channel)
      startRecorder(recorder, ctx.world.clock.date())
    declaredProps(ctx.world, 'config-recorder').remember(resourceKey(name, ctx), props)
    return { physicalId: name }
  },
  update(physicalId, props, ctx) {
    putRecorder(ctx.world, ctx.account, ctx.region, {
      name: physicalId,
      roleARN: cfnString(props.RoleARN),
      recordingGroup: apiRecordingGroup(props.RecordingGroup),
      recordingMode: apiRecordingMode(props.RecordingMode),
    })
    declaredProps(ctx.world, 'config-recorder').remember(resourceKey(physicalId, ctx), props)
  },
  delete(physicalId, ctx) {
    const state = peekConfigRegion(ctx.world, ctx.account, ctx.region)
    if (state?.recorder?.name === physicalId) {
      stopRecorder(state.recorder, ctx.world.clock.date())
      state.recorder = undefined
    }
    declaredProps(ctx.world, 'config-recorder').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const recorder = peekConfigRegion(ctx.world, ctx.account, ctx.region)?.recorder
    if (!recorder || recorder.name !== physicalId) return undefined
    const actual = {
      Name: recorder.name,
      RoleARN: recorder.roleARN,
      RecordingGroup: cfnRecordingGroup(recorder.recordingGroup),
      RecordingMode: {
        RecordingFrequency: recorder.recordingMode.recordingFrequency,
        RecordingModeOverrides: recorder.recordingMode.recordingModeOverrides.map((o) => ({
          Description: o.description,
          ResourceTypes: o.resourceTypes,
          RecordingFrequency: o.recordingFrequency,
        })),
      },
    }
    const declared = declaredProps(ctx.world, 'config-recorder').get(resourceKey(physicalId, ctx))
    const shaped = projectDeclared(actual, declared) as Props
    // Not a template property, but what the stack made true: a stopped recorder is drift (reported as ADD).
    return recorder.recording ? shaped : { ...shaped, Recording: false }
  },
}

const deliveryChannel: ResourceProvider = {
  create(props, ctx) {
    const name = cfnString(props.Name) ?? 'default'
    putChannel(ctx.world, ctx.account, ctx.region, apiChannel(name, props))
    const recorder = configRegion(ctx.world, ctx.account, ctx.region).recorder
    if (recorder) startRecorder(recorder, ctx.world.clock.date())
    declaredProps(ctx.world, 'config-channel').remember(resourceKey(name, ctx), props)
    return { physicalId: name }
  },
  update(physicalId, props, ctx) {
    putChannel(ctx.world, ctx.account, ctx.region, apiChannel(physicalId, props))
    declaredProps(ctx.world, 'config-channel').remember(resourceKey(physicalId, ctx), props)
  },
  delete(physicalId, ctx) {
    const state = peekConfigRegion(ctx.world, ctx.account, ctx.region)
    if (state?.channel?.name !== physicalId) return
    // CloudFormation manages the recorder's recording state around the channel: it stops it first.
    if (state.recorder) stopRecorder(state.recorder, ctx.world.clock.date())
    deleteNamedChannel(ctx.world, ctx.account, ctx.region, physicalId)
    declaredProps(ctx.world, 'config-channel').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const channel = peekConfigRegion(ctx.world, ctx.account, ctx.region)?.channel
    if (!channel || channel.name !== physicalId) return undefined
    const actual = {
      Name: channel.name,
      S3BucketName: channel.s3BucketName,
      S3KeyPrefix: channel.s3KeyPrefix,
      S3KmsKeyArn: channel.s3KmsKeyArn,
      SnsTopicARN: channel.snsTopicARN,
      ConfigSnapshotDeliveryProperties: channel.deliveryFrequency
        ? { DeliveryFrequency: channel.deliveryFrequency }
        : undefined,
    }
    return projectDeclared(
      actual,
      declaredProps(ctx.world, 'config-channel').get(resourceKey(physicalId, ctx)),
    ) as Props
  },
}

function apiChannel(name: string, props: Props): Props {
  const frequency = (props.ConfigSnapshotDeliveryProperties as Props | undefined)?.DeliveryFrequency
  return {
    name,
    s3BucketName: cfnString(props.S3BucketName),
    s3KeyPrefix: cfnString(props.S3KeyPrefix),
    s3KmsKeyArn: cfnString(props.S3KmsKeyArn),
    snsTopicARN: cfnString(props.SnsTopicARN),
    configSnapshotDeliveryProperties: frequency === undefined ? undefined : { deliveryFrequency: frequency },
  }
}

function apiAggregatorInput(name: string, props: Props): Props {
  const org = props.OrganizationAggregationSource as Props | undefined
  const accounts = cfnList<Props>(props.AccountAggregationSources)
  return {
    ConfigurationAggregatorName: name,
    OrganizationAggregationSource: org && {
      RoleArn: cfnString(org.RoleArn),
      AwsRegions: cfnList(org.AwsRegions),
      AllAwsRegions: cfnBool(org.AllAwsRegions, false),
    },
    AccountAggregationSources: accounts?.map((s) => ({
      AccountIds: cfnList(s.AccountIds),
      AwsRegions: cfnList(s.AwsRegions),
      AllAwsRegions: cfnBool(s.AllAwsRegions, false),
    })),
    Tags: cfnList(props.Tags),
  }
}

const configurationAggregator: ResourceProvider = {
  create(props, ctx) {
    const name =
      cfnString(props.ConfigurationAggregatorName) ??
      generatedName(ctx.stackName, ctx.logicalId, ctx.world.nextId(12), 256)
    if (peekConfigRegion(ctx.world, ctx.account, ctx.region)?.aggregators.has(name)) {
      throw new SandboxError(
        'AlreadyExistsException',
        `Resource of type 'AWS::Config::ConfigurationAggregator' with identifier '${name}' already exists.`,
      )
    }
    const aggregator = putAggregator(ctx.world, ctx.account, ctx.region, apiAggregatorInput(name, props))
    declaredProps(ctx.world, 'config-aggregator').remember(resourceKey(name, ctx), props)
    return { physicalId: name, attributes: { ConfigurationAggregatorArn: aggregator.arn } }
  },
  update(physicalId, props, ctx) {
    const aggregator = putAggregator(
      ctx.world,
      ctx.account,
      ctx.region,
      apiAggregatorInput(physicalId, props),
    )
    declaredProps(ctx.world, 'config-aggregator').remember(resourceKey(physicalId, ctx), props)
    return { attributes: { ConfigurationAggregatorArn: aggregator.arn } }
  },
  delete(physicalId, ctx) {
    if (peekConfigRegion(ctx.world, ctx.account, ctx.region)?.aggregators.has(physicalId)) {
      deleteAggregator(ctx.world, ctx.account, ctx.region, physicalId)
    }
    declaredProps(ctx.world, 'config-aggregator').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const a = peekConfigRegion(ctx.world, ctx.account, ctx.region)?.aggregators.get(physicalId)
    if (!a) return undefined
    const actual = {
      ConfigurationAggregatorName: a.name,
      OrganizationAggregationSource: a.organizationSource,
      AccountAggregationSources: a.accountSources,
      Tags: [...a.tags].map(([Key, Value]) => ({ Key, Value })),
    }
    return projectDeclared(
      actual,
      declaredProps(ctx.world, 'config-aggregator').get(resourceKey(physicalId, ctx)),
    ) as Props
  },
}

registerResourceProvider('AWS::Config::ConfigurationRecorder', configurationRecorder)
registerResourceProvider('AWS::Config::DeliveryChannel', deliveryChannel)
registerResourceProvider('AWS::Config::ConfigurationAggregator', configurationAggregator)
