// Configuration recorders and delivery channels: one of each per account and region (aws-facts §5).
// The core functions take (world, account, region) so CloudFormation's resource providers share the API's
// validation; the operations wrap them with the caller's context.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { CallContext, Operation } from '../service.ts'
import { hasServiceLinkedRole, serviceLinkedRoleName } from '../service-linked-roles.ts'
import { checkChannelDelivery } from './delivery.ts'
import { parseRecordingGroup, parseRecordingMode } from './recording-group.ts'
import {
  configRegion,
  type DeliveryChannel,
  peekConfigRegion,
  type Recorder,
  recorderLastStatus,
  startRecorder,
  stopRecorder,
} from './state.ts'

const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@\-/]+$/
const DELIVERY_FREQUENCIES = ['One_Hour', 'Three_Hours', 'Six_Hours', 'Twelve_Hours', 'TwentyFour_Hours']
const SERVICE_LINKED_PREFIX = 'AWSConfigurationRecorderFor'

const noSuchRecorder = (name: string) =>
  new SandboxError(
    'NoSuchConfigurationRecorderException',
    `Cannot find configuration recorder with the specified name '${name}'.`,
  )
const noSuchChannel = (name: string) =>
  new SandboxError(
    'NoSuchDeliveryChannelException',
    `Cannot find delivery channel with specified name '${name}'.`,
  )

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string')
    throw new SandboxError('SerializationException', `${field} must be a string.`)
  return value
}

function requiredName(input: Record<string, unknown>, field: string): string {
  const name = optionalString(input[field], field)
  if (!name) {
    throw new SandboxError(
      'ValidationException',
      `1 validation error detected: Value null at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`,
    )
  }
  return name
}

/**
 * A recorder or aggregator that names Config's service-linked role needs the role to exist (Config developer
 * guide, "Using Service-Linked Roles for AWS Config"; message crafted). Other roles are not modelled.
 */
export function checkServiceLinkedRole(world: World, roleArn: string): void {
  const role = serviceLinkedRoleName(roleArn)
  if (role && !hasServiceLinkedRole(world, role.account, role.name)) {
    throw new SandboxError(
      'InvalidRoleException',
      `The role ${roleArn} does not exist. Create AWS Config's service-linked role (iam:CreateServiceLinkedRole for config.amazonaws.com) or enable trusted access for config.amazonaws.com.`,
    )
  }
}

export function validateRoleArn(roleArn: string | undefined): string {
  if (!roleArn) {
    throw new SandboxError('InvalidRoleException', 'You have provided a null or empty role ARN.')
  }
  if (!ROLE_ARN.test(roleArn)) {
    throw new SandboxError('InvalidRoleException', `The role ARN '${roleArn}' is not valid.`)
  }
  return roleArn
}

/** PutConfigurationRecorder's effect: create the account/region's one recorder, or update it in place. */
export function putRecorder(
  world: World,
  account: string,
  region: string,
  raw: Record<string, unknown>,
  tags: Array<{ Key?: unknown; Value?: unknown }> = [],
  /** Seeds may name a role the sandbox has not seen created. */
  checkRole = true,
): Recorder {
  const name = optionalString(raw.name, 'name') ?? 'default'
  if (name.length > 256 || name.trim() === '') {
    throw new SandboxError(
      'InvalidConfigurationRecorderNameException',
      `The configuration recorder name '${name}' is not valid.`,
    )
  }
  if (name.startsWith(SERVICE_LINKED_PREFIX)) {
    throw new SandboxError(
      'InvalidConfigurationRecorderNameException',
      `The prefix "${SERVICE_LINKED_PREFIX}" is reserved for service-linked configuration recorders.`,
    )
  }
  if (raw.servicePrincipal !== undefined) {
    throw new SandboxError(
      'UnmodifiableEntityException',
      'Use PutServiceLinkedConfigurationRecorder to create a service-linked configuration recorder.',
    )
  }
  const roleARN = validateRoleArn(optionalString(raw.roleARN, 'roleARN'))
  if (checkRole) checkServiceLinkedRole(world, roleARN)
  const recordingGroup = parseRecordingGroup(raw.recordingGroup)
  const recordingMode = parseRecordingMode(raw.recordingMode)
  const state = configRegion(world, account, region)
  const existing = state.recorder
  if (existing && existing.name !== name) {
    throw new SandboxError(
      'MaxNumberOfConfigurationRecordersExceededException',
      `Failed to put configuration recorder '${name}' because the maximum number of configuration recorders: 1 is reached.`,
    )
  }
  if (existing) {
    // An update keeps the recording state and, as AWS documents, ignores tags (they are set at creation).
    existing.roleARN = roleARN
    existing.recordingGroup = recordingGroup
    existing.recordingMode = recordingMode
    return existing
  }
  const recorder: Recorder = {
    name,
    arn: `arn:aws:config:${region}:${account}:configuration-recorder/${name}/${world.nextId(16)}`,
    roleARN,
    recordingGroup,
    recordingMode,
    recording: false,
    tags: new Map(tags.map((t) => [String(t.Key), String(t.Value ?? '')])),
  }
  state.recorder = recorder
  return recorder
}

export function findRecorder(world: World, account: string, region: string, name: string): Recorder {
  const recorder = peekConfigRegion(world, account, region)?.recorder
  if (!recorder || recorder.name !== name) throw noSuchRecorder(name)
  return recorder
}

/** StartConfigurationRecorder's effect: needs a delivery channel in the same account and region. */
export function startNamedRecorder(world: World, account: string, region: string, name: string): void {
  const recorder = findRecorder(world, account, region, name)
  if (!configRegion(world, account, region).channel) {
    throw new SandboxError(
      'NoAvailableDeliveryChannelException',
      'Delivery channel is not available to start configuration recorder.',
    )
  }
  startRecorder(recorder, world.clock.date())
}

export function deleteNamedRecorder(world: World, account: string, region: string, name: string): void {
  findRecorder(world, account, region, name)
  configRegion(world, account, region).recorder = undefined
}

/** PutDeliveryChannel's effect: needs a recorder; one channel per account and region. */
export function putChannel(
  world: World,
  account: string,
  region: string,
  raw: Record<string, unknown>,
  /** Seeds describe channels that already deliver; requests are checked against the bucket. */
  checkDelivery = true,
): DeliveryChannel {
  const name = optionalString(raw.name, 'name') ?? 'default'
  if (name.length > 256 || name.trim() === '') {
    throw new SandboxError(
      'InvalidDeliveryChannelNameException',
      `The delivery channel name '${name}' is not valid.`,
    )
  }
  const state = configRegion(world, account, region)
  if (!state.recorder) {
    throw new SandboxError(
      'NoAvailableConfigurationRecorderException',
      'Configuration recorder is not available to put delivery channel.',
    )
  }
  if (state.channel && state.channel.name !== name) {
    throw new SandboxError(
      'MaxNumberOfDeliveryChannelsExceededException',
      `Failed to put delivery channel '${name}' because the maximum number of delivery channels: 1 is reached.`,
    )
  }
  const s3BucketName = optionalString(raw.s3BucketName, 's3BucketName')
  if (!s3BucketName) {
    throw new SandboxError('NoSuchBucketException', 'Cannot find a S3 bucket with an empty bucket name.')
  }
  const s3KeyPrefix = optionalString(raw.s3KeyPrefix, 's3KeyPrefix')
  if (s3KeyPrefix !== undefined && (s3KeyPrefix.includes('AWSLogs') || s3KeyPrefix.startsWith('/'))) {
    throw new SandboxError('InvalidS3KeyPrefixException', `The s3 key prefix '${s3KeyPrefix}' is not valid.`)
  }
  const s3KmsKeyArn = optionalString(raw.s3KmsKeyArn, 's3KmsKeyArn')
  if (s3KmsKeyArn !== undefined && !/^arn:aws:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(s3KmsKeyArn)) {
    throw new SandboxError('InvalidS3KmsKeyArnException', `The KMS key ARN '${s3KmsKeyArn}' is not valid.`)
  }
  const snsTopicARN = optionalString(raw.snsTopicARN, 'snsTopicARN')
  if (snsTopicARN !== undefined && !/^arn:aws:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/.test(snsTopicARN)) {
    throw new SandboxError('InvalidSNSTopicARNException', `The sns topic arn '${snsTopicARN}' is not valid.`)
  }
  const frequency = (raw.configSnapshotDeliveryProperties as Record<string, unknown> | undefined)
    ?.deliveryFrequency
  if (frequency !== undefined && !DELIVERY_FREQUENCIES.includes(String(frequency))) {
    throw new SandboxError(
      'ValidationException',
      `1 validation error detected: Value '${String(frequency)}' at 'deliveryChannel.configSnapshotDeliveryProperties.deliveryFrequency' failed to satisfy constraint: Member must satisfy enum value set: [${DELIVERY_FREQUENCIES.join(', ')}]`,
    )
  }
  if (checkDelivery) {
    checkChannelDelivery(world, {
      account,
      s3BucketName,
      ...(s3KeyPrefix !== undefined && { s3KeyPrefix }),
      ...(s3KmsKeyArn !== undefined && { s3KmsKeyArn }),
      roleArn: state.recorder.roleARN,
    })
  }
  const channel: DeliveryChannel = {
    name,
    s3BucketName,
    ...(s3KeyPrefix !== undefined && { s3KeyPrefix }),
    ...(s3KmsKeyArn !== undefined && { s3KmsKeyArn }),
    ...(snsTopicARN !== undefined && { snsTopicARN }),
    ...(frequency !== undefined && { deliveryFrequency: String(frequency) }),
  }
  state.channel = channel
  return channel
}

export function deleteNamedChannel(world: World, account: string, region: string, name: string): void {
  const state = configRegion(world, account, region)
  if (!state.channel || state.channel.name !== name) throw noSuchChannel(name)
  if (state.recorder?.recording) {
    throw new SandboxError(
      'LastDeliveryChannelDeleteFailedException',
      `Failed to delete last specified delivery channel with name '${name}', because there is a running configuration recorder.`,
    )
  }
  state.channel = undefined
}

export function recorderOutput(recorder: Recorder): Record<string, unknown> {
  return {
    arn: recorder.arn,
    name: recorder.name,
    roleARN: recorder.roleARN,
    recordingGroup: recorder.recordingGroup,
    recordingMode: recorder.recordingMode,
    recordingScope: 'PAID',
  }
}

export function channelOutput(channel: DeliveryChannel): Record<string, unknown> {
  return {
    name: channel.name,
    s3BucketName: channel.s3BucketName,
    s3KeyPrefix: channel.s3KeyPrefix,
    s3KmsKeyArn: channel.s3KmsKeyArn,
    snsTopicARN: channel.snsTopicARN,
    configSnapshotDeliveryProperties: channel.deliveryFrequency
      ? { deliveryFrequency: channel.deliveryFrequency }
      : undefined,
  }
}

/** The recorders a Describe* call selects: all (at most one), or by name (one at most, as AWS allows). */
function selectRecorders(input: Record<string, unknown>, ctx: CallContext): Recorder[] {
  if (input.ServicePrincipal !== undefined) return [] // service-linked recorders are not modelled
  const recorder = peekConfigRegion(ctx.world, ctx.account, ctx.region)?.recorder
  const names = Array.isArray(input.ConfigurationRecorderNames)
    ? (input.ConfigurationRecorderNames as string[])
    : []
  const arn = optionalString(input.Arn, 'Arn')
  if (names.length > 1) {
    throw new SandboxError('ValidationException', 'You have specified more than one configuration recorder.')
  }
  const name = names[0]
  if (name !== undefined) return [findRecorder(ctx.world, ctx.account, ctx.region, name)]
  if (arn !== undefined) {
    if (!recorder || recorder.arn !== arn) throw noSuchRecorder(arn)
    return [recorder]
  }
  return recorder ? [recorder] : []
}

export const recorderOperations: Record<string, Operation> = {
  PutConfigurationRecorder(input, ctx) {
    const raw = input.ConfigurationRecorder
    if (!raw || typeof raw !== 'object') {
      throw new SandboxError(
        'ValidationException',
        "1 validation error detected: Value null at 'configurationRecorder' failed to satisfy constraint: Member must not be null",
      )
    }
    const tags = Array.isArray(input.Tags) ? (input.Tags as Array<{ Key?: unknown; Value?: unknown }>) : []
    putRecorder(ctx.world, ctx.account, ctx.region, raw as Record<string, unknown>, tags)
    return {}
  },

  DescribeConfigurationRecorders(input, ctx) {
    return { ConfigurationRecorders: selectRecorders(input, ctx).map(recorderOutput) }
  },

  DescribeConfigurationRecorderStatus(input, ctx) {
    const now = ctx.world.clock.now()
    return {
      ConfigurationRecordersStatus: selectRecorders(input, ctx).map((r) => ({
        arn: r.arn,
        name: r.name,
        lastStartTime: r.lastStartTime,
        lastStopTime: r.lastStopTime,
        recording: r.recording,
        lastStatus: recorderLastStatus(r, now),
        lastStatusChangeTime: r.lastStatusChangeTime,
      })),
    }
  },

  StartConfigurationRecorder(input, ctx) {
    startNamedRecorder(ctx.world, ctx.account, ctx.region, requiredName(input, 'ConfigurationRecorderName'))
    return {}
  },

  StopConfigurationRecorder(input, ctx) {
    const recorder = findRecorder(
      ctx.world,
      ctx.account,
      ctx.region,
      requiredName(input, 'ConfigurationRecorderName'),
    )
    stopRecorder(recorder, ctx.world.clock.date())
    return {}
  },

  DeleteConfigurationRecorder(input, ctx) {
    deleteNamedRecorder(ctx.world, ctx.account, ctx.region, requiredName(input, 'ConfigurationRecorderName'))
    return {}
  },

  PutDeliveryChannel(input, ctx) {
    const raw = input.DeliveryChannel
    if (!raw || typeof raw !== 'object') {
      throw new SandboxError(
        'ValidationException',
        "1 validation error detected: Value null at 'deliveryChannel' failed to satisfy constraint: Member must not be null",
      )
    }
    putChannel(ctx.world, ctx.account, ctx.region, raw as Record<string, unknown>)
    return {}
  },

  DescribeDeliveryChannels(input, ctx) {
    const channel = peekConfigRegion(ctx.world, ctx.account, ctx.region)?.channel
    const names = Array.isArray(input.DeliveryChannelNames) ? (input.DeliveryChannelNames as string[]) : []
    for (const name of names) if (channel?.name !== name) throw noSuchChannel(name)
    return { DeliveryChannels: channel ? [channelOutput(channel)] : [] }
  },

  DeleteDeliveryChannel(input, ctx) {
    deleteNamedChannel(ctx.world, ctx.account, ctx.region, requiredName(input, 'DeliveryChannelName'))
    return {}
  },
}
