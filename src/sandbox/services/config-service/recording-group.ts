// RecordingGroup / RecordingMode validation, as the Config API model describes InvalidRecordingGroupException
// (aws-facts §5): includeGlobalResourceTypes needs allSupported; exclusions need EXCLUSION_BY_RESOURCE_TYPES;
// allSupported excludes a resource type list; an all-empty group is refused.
import { SandboxError } from '../../errors.ts'
import type { RecordingGroup, RecordingMode } from './state.ts'

const STRATEGIES = [
  'ALL_SUPPORTED_RESOURCE_TYPES',
  'INCLUSION_BY_RESOURCE_TYPES',
  'EXCLUSION_BY_RESOURCE_TYPES',
] as const
type Strategy = (typeof STRATEGIES)[number]
const RESOURCE_TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/
const MAX_RESOURCE_TYPES = 600

const invalid = (message: string) => new SandboxError('InvalidRecordingGroupException', message)

/** AWS's default group: every supported type except the global IAM types. */
export function defaultRecordingGroup(): RecordingGroup {
  return {
    allSupported: true,
    includeGlobalResourceTypes: false,
    resourceTypes: [],
    exclusionByResourceTypes: { resourceTypes: [] },
    recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
  }
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new SandboxError('SerializationException', `${field} must be a list of strings.`)
  }
  for (const type of value as string[]) {
    if (!RESOURCE_TYPE.test(type)) throw invalid(`The resource type ${type} is not valid.`)
  }
  if (value.length > MAX_RESOURCE_TYPES)
    throw invalid(`You can specify at most ${MAX_RESOURCE_TYPES} resource types.`)
  return [...(value as string[])]
}

export function parseRecordingGroup(raw: unknown): RecordingGroup {
  if (raw === undefined || raw === null) return defaultRecordingGroup()
  if (typeof raw !== 'object')
    throw new SandboxError('SerializationException', 'recordingGroup must be a structure.')
  const group = raw as Record<string, unknown>
  const allSupported = group.allSupported === true
  const includeGlobal = group.includeGlobalResourceTypes === true
  const resourceTypes = stringList(group.resourceTypes, 'resourceTypes')
  const exclusions = stringList(
    (group.exclusionByResourceTypes as Record<string, unknown> | undefined)?.resourceTypes,
    'exclusionByResourceTypes.resourceTypes',
  )
  const requested = (group.recordingStrategy as Record<string, unknown> | undefined)?.useOnly
  if (requested !== undefined && !STRATEGIES.includes(requested as Strategy)) {
    throw invalid(`The recording strategy ${String(requested)} is not valid.`)
  }
  // Without an explicit strategy AWS infers it from the fields that are set.
  const strategy: Strategy =
    (requested as Strategy | undefined) ??
    (allSupported
      ? 'ALL_SUPPORTED_RESOURCE_TYPES'
      : exclusions.length > 0
        ? 'EXCLUSION_BY_RESOURCE_TYPES'
        : 'INCLUSION_BY_RESOURCE_TYPES')

  if (!allSupported && !includeGlobal && resourceTypes.length === 0 && exclusions.length === 0) {
    throw invalid(
      'The recording group provided is not valid: every parameter is either null, false, or empty.',
    )
  }
  if (includeGlobal && !allSupported) {
    throw invalid('includeGlobalResourceTypes can be set to true only when allSupported is set to true.')
  }
  if (allSupported && resourceTypes.length > 0) {
    throw invalid('resourceTypes must be empty when allSupported is set to true.')
  }
  if (allSupported && strategy !== 'ALL_SUPPORTED_RESOURCE_TYPES') {
    throw invalid(
      `allSupported can be set to true only when the recording strategy is ALL_SUPPORTED_RESOURCE_TYPES.`,
    )
  }
  if (strategy === 'ALL_SUPPORTED_RESOURCE_TYPES' && !allSupported) {
    throw invalid(
      'The recording strategy ALL_SUPPORTED_RESOURCE_TYPES requires allSupported to be set to true.',
    )
  }
  if (exclusions.length > 0 && strategy !== 'EXCLUSION_BY_RESOURCE_TYPES') {
    throw invalid(
      'exclusionByResourceTypes can be set only when the recording strategy is EXCLUSION_BY_RESOURCE_TYPES.',
    )
  }
  if (strategy === 'EXCLUSION_BY_RESOURCE_TYPES' && (exclusions.length === 0 || resourceTypes.length > 0)) {
    throw invalid('EXCLUSION_BY_RESOURCE_TYPES needs exclusionByResourceTypes and no resourceTypes.')
  }
  if (strategy === 'INCLUSION_BY_RESOURCE_TYPES' && resourceTypes.length === 0) {
    throw invalid('INCLUSION_BY_RESOURCE_TYPES needs a non-empty resourceTypes list.')
  }
  return {
    allSupported,
    includeGlobalResourceTypes: includeGlobal,
    resourceTypes,
    exclusionByResourceTypes: { resourceTypes: exclusions },
    recordingStrategy: { useOnly: strategy },
  }
}

export function parseRecordingMode(raw: unknown): RecordingMode {
  if (raw === undefined || raw === null)
    return { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] }
  const mode = raw as Record<string, unknown>
  const frequency = mode.recordingFrequency
  if (frequency !== 'CONTINUOUS' && frequency !== 'DAILY') {
    throw new SandboxError(
      'ValidationException',
      `1 validation error detected: Value '${String(frequency)}' at 'configurationRecorder.recordingMode.recordingFrequency' failed to satisfy constraint: Member must satisfy enum value set: [CONTINUOUS, DAILY]`,
    )
  }
  const overrides = Array.isArray(mode.recordingModeOverrides)
    ? (mode.recordingModeOverrides as RecordingMode['recordingModeOverrides'])
    : []
  return { recordingFrequency: frequency, recordingModeOverrides: overrides }
}
