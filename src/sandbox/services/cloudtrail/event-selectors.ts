// Event selectors: either basic EventSelectors (at most 5; data resources only for S3 objects, Lambda
// functions and DynamoDB tables; 250 data resources in all) or AdvancedEventSelectors (500 condition values
// in all), never both — applying one replaces the other (aws-facts §6, PutEventSelectors model doc).
import { SandboxError } from '../../errors.ts'
import type { AdvancedEventSelector, BasicEventSelector, Trail } from './state.ts'

const MAX_SELECTORS = 5
const MAX_DATA_RESOURCES = 250
const MAX_ADVANCED_VALUES = 500
const BASIC_DATA_TYPES = ['AWS::S3::Object', 'AWS::Lambda::Function', 'AWS::DynamoDB::Table']
const READ_WRITE = ['ReadOnly', 'WriteOnly', 'All']
const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith']
const FIELDS = [
  'eventCategory',
  'eventSource',
  'eventName',
  'eventType',
  'readOnly',
  'resources.type',
  'resources.ARN',
  'errorCode',
  'sessionCredentialFromConsole',
  'userIdentity.arn',
  'vpcEndpointId',
]

const invalid = (message: string) => new SandboxError('InvalidEventSelectorsException', message)

export const DEFAULT_EVENT_SELECTORS: BasicEventSelector[] = [
  {
    ReadWriteType: 'All',
    IncludeManagementEvents: true,
    DataResources: [],
    ExcludeManagementEventSources: [],
  },
]

export function parseBasicSelectors(value: unknown): BasicEventSelector[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SELECTORS) {
    throw invalid(`A trail can have 1 to ${MAX_SELECTORS} event selectors.`)
  }
  let dataResources = 0
  return (value as Array<Record<string, unknown>>).map((raw) => {
    const readWrite = raw.ReadWriteType ?? 'All'
    if (!READ_WRITE.includes(String(readWrite)))
      throw invalid(`ReadWriteType ${String(readWrite)} is not valid.`)
    const resources = Array.isArray(raw.DataResources)
      ? (raw.DataResources as Array<Record<string, unknown>>)
      : []
    const parsed = resources.map((r) => {
      if (!BASIC_DATA_TYPES.includes(String(r.Type))) {
        throw invalid(`Data resource type ${String(r.Type)} is not valid for basic event selectors.`)
      }
      const values = Array.isArray(r.Values) ? r.Values.map(String) : []
      dataResources += values.length
      return { Type: String(r.Type), Values: values }
    })
    if (dataResources > MAX_DATA_RESOURCES) {
      throw invalid(`A trail is limited to ${MAX_DATA_RESOURCES} data resources.`)
    }
    return {
      ReadWriteType: readWrite as BasicEventSelector['ReadWriteType'],
      IncludeManagementEvents: raw.IncludeManagementEvents !== false,
      DataResources: parsed,
      ExcludeManagementEventSources: Array.isArray(raw.ExcludeManagementEventSources)
        ? raw.ExcludeManagementEventSources.map(String)
        : [],
    }
  })
}

export function parseAdvancedSelectors(
  value: unknown,
  maxSelectors = Number.POSITIVE_INFINITY,
): AdvancedEventSelector[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalid('Specify at least one advanced event selector.')
  if (value.length > maxSelectors)
    throw invalid(`You can specify at most ${maxSelectors} advanced event selectors.`)
  let values = 0
  const selectors = (value as Array<Record<string, unknown>>).map((raw) => {
    const fields = Array.isArray(raw.FieldSelectors)
      ? (raw.FieldSelectors as Array<Record<string, unknown>>)
      : []
    if (fields.length === 0) throw invalid('An advanced event selector needs at least one field selector.')
    const categories = fields.filter((f) => f.Field === 'eventCategory')
    if (categories.length !== 1 || !Array.isArray(categories[0]?.Equals)) {
      throw invalid(
        'Each advanced event selector needs exactly one eventCategory field selector with Equals.',
      )
    }
    for (const field of fields) {
      if (typeof field.Field !== 'string' || !FIELDS.includes(field.Field)) {
        throw invalid(`Field ${String(field.Field)} is not valid in an advanced event selector.`)
      }
      const operators = OPERATORS.filter((op) => field[op] !== undefined)
      if (operators.length === 0) throw invalid(`Field selector ${field.Field} needs at least one operator.`)
      for (const op of operators) {
        const list = field[op]
        if (!Array.isArray(list) || list.length === 0) throw invalid(`Operator ${op} needs a non-empty list.`)
        values += list.length
      }
    }
    return {
      ...(typeof raw.Name === 'string' && { Name: raw.Name }),
      FieldSelectors: fields as AdvancedEventSelector['FieldSelectors'],
    }
  })
  if (values > MAX_ADVANCED_VALUES) {
    throw invalid(`Advanced event selectors can have at most ${MAX_ADVANCED_VALUES} condition values in all.`)
  }
  return selectors
}

/** PutEventSelectors' effect on a trail. */
export function putEventSelectors(trail: Trail, basic: unknown, advanced: unknown): void {
  const hasBasic = basic !== undefined && basic !== null
  const hasAdvanced = advanced !== undefined && advanced !== null
  if (hasBasic === hasAdvanced) {
    // PutEventSelectors' model lists InvalidEventSelectorsException for this (API reference), not the
    // parameter-combination error.
    throw new SandboxError(
      'InvalidEventSelectorsException',
      'Specify either EventSelectors or AdvancedEventSelectors, but not both.',
    )
  }
  if (hasBasic) {
    trail.eventSelectors = parseBasicSelectors(basic)
    trail.advancedEventSelectors = undefined
  } else {
    trail.advancedEventSelectors = parseAdvancedSelectors(advanced)
    trail.eventSelectors = undefined
  }
  trail.hasCustomEventSelectors = true
}

export function selectorsOutput(trail: Trail): Record<string, unknown> {
  if (trail.advancedEventSelectors)
    return { TrailARN: trail.arn, AdvancedEventSelectors: trail.advancedEventSelectors }
  return { TrailARN: trail.arn, EventSelectors: trail.eventSelectors ?? DEFAULT_EVENT_SELECTORS }
}
