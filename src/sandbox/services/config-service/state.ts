import type { World } from '../../state.ts'

export interface RecordingGroup {
  allSupported: boolean
  includeGlobalResourceTypes: boolean
  resourceTypes: string[]
  exclusionByResourceTypes: { resourceTypes: string[] }
  recordingStrategy: {
    useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' | 'INCLUSION_BY_RESOURCE_TYPES' | 'EXCLUSION_BY_RESOURCE_TYPES'
  }
}

export interface RecordingMode {
  recordingFrequency: 'CONTINUOUS' | 'DAILY'
  recordingModeOverrides: Array<{ description?: string; resourceTypes: string[]; recordingFrequency: string }>
}

export interface Recorder {
  name: string
  arn: string
  roleARN: string
  recordingGroup: RecordingGroup
  recordingMode: RecordingMode
  recording: boolean
  lastStartTime?: Date
  lastStopTime?: Date
  lastStatusChangeTime?: Date
  tags: Map<string, string>
}

export interface DeliveryChannel {
  name: string
  s3BucketName: string
  s3KeyPrefix?: string
  s3KmsKeyArn?: string
  snsTopicARN?: string
  deliveryFrequency?: string
}

export interface OrganizationSource {
  RoleArn: string
  AwsRegions?: string[]
  AllAwsRegions?: boolean
}

export interface AccountSource {
  AccountIds: string[]
  AwsRegions?: string[]
  AllAwsRegions?: boolean
}

export interface Aggregator {
  name: string
  arn: string
  accountSources?: AccountSource[]
  organizationSource?: OrganizationSource
  filters?: unknown
  createdAt: Date
  updatedAt: Date
  tags: Map<string, string>
}

export interface ConfigRegion {
  recorder?: Recorder
  channel?: DeliveryChannel
  aggregators: Map<string, Aggregator>
  /** PutRetentionConfiguration: how long Config keeps configuration items (always named `default`). */
  retention?: { name: string; days: number }
}

export type ConfigState = Map<string, ConfigRegion>

/** Config's state for one account and region, created on first use. */
export function configRegion(world: World, account: string, region: string): ConfigRegion {
  const state = world.slice<ConfigState>('config', () => new Map())
  const key = `${account}/${region}`
  let entry = state.get(key)
  if (!entry) {
    entry = { aggregators: new Map() }
    state.set(key, entry)
  }
  return entry
}

/** Config's state without creating it (for reads that must not allocate per account × region). */
export function peekConfigRegion(world: World, account: string, region: string): ConfigRegion | undefined {
  return world.slice<ConfigState>('config', () => new Map()).get(`${account}/${region}`)
}

/** The recorder's status as DescribeConfigurationRecorderStatus reports it, computed from the clock. */
export function recorderLastStatus(recorder: Recorder, now: number): 'Pending' | 'Success' | undefined {
  if (!recorder.lastStartTime) return undefined
  if (!recorder.recording) return 'Success'
  // The first delivery after a start takes a while; until then AWS reports Pending.
  return now - recorder.lastStartTime.getTime() < FIRST_DELIVERY_MS ? 'Pending' : 'Success'
}

export const FIRST_DELIVERY_MS = 60_000

export function startRecorder(recorder: Recorder, now: Date): void {
  if (recorder.recording) return
  recorder.recording = true
  recorder.lastStartTime = now
  recorder.lastStatusChangeTime = now
}

export function stopRecorder(recorder: Recorder, now: Date): void {
  if (!recorder.recording) return
  recorder.recording = false
  recorder.lastStopTime = now
  recorder.lastStatusChangeTime = now
}

/** For other services that depend on Config (Security Hub controls need a recording recorder). */
export function isConfigRecording(world: World, account: string, region: string): boolean {
  return peekConfigRegion(world, account, region)?.recorder?.recording === true
}
