// A resource's properties against its registry schema, the check CloudFormation makes when it provisions the
// resource (the resource fails, not the API call). Problems read as the registry's JSON-schema validator
// writes them: "#: extraneous key [Foo] is not permitted", "#: required key [Bar] not found",
// "#/Topics: expected type: JSONArray, found: String".
// Values still written as intrinsic functions are left alone: they are checked once resolved.
import {
  isCustomType,
  resourceSchema,
  type SpecProperties,
  type SpecType,
  typeDefinition,
} from './resource-spec.ts'

export function isIntrinsic(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const keys = Object.keys(value)
  return keys.length === 1 && /^(Ref|Condition|Fn::.+)$/.test(keys[0] ?? '')
}

/** The JSON-schema name of a value's type, as the registry's messages name it. */
function foundType(value: unknown): string {
  if (Array.isArray(value)) return 'JSONArray'
  if (value === null) return 'Null'
  if (typeof value === 'object') return 'JSONObject'
  if (typeof value === 'boolean') return 'Boolean'
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'BigDecimal'
  return 'String'
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

// CloudFormation converts template scalars to the schema's primitive type before validating (a YAML `80` for
// a String, a "true" string for a Boolean), so only values that cannot convert are wrong.
function scalarFits(type: string, value: unknown): boolean {
  if (isObject(value) || Array.isArray(value)) return false
  if (type === 'boolean') return value === true || value === false || value === 'true' || value === 'false'
  if (type === 'number' || type === 'integer') {
    const n = typeof value === 'number' ? value : Number(value)
    if (typeof value === 'string' && value.trim() === '') return false
    return Number.isFinite(n) && (type === 'number' || Number.isInteger(n))
  }
  return true
}

const EXPECTED: Record<string, string> = {
  string: 'String',
  boolean: 'Boolean',
  integer: 'Integer',
  number: 'Number',
  array: 'JSONArray',
  ref: 'JSONObject',
  tag: 'JSONObject',
  map: 'JSONObject',
}

function checkValue(value: unknown, type: SpecType, path: string, problems: string[]): void {
  if (isIntrinsic(value)) return
  switch (type.type) {
    case 'json':
      return
    case 'ref': {
      if (!isObject(value)) break
      checkObject(value, typeDefinition(type.reference?.$ref ?? '').properties, path, problems)
      return
    }
    case 'tag': {
      if (!isObject(value)) break
      checkObject(value, TAG, path, problems)
      return
    }
    case 'array': {
      if (!Array.isArray(value)) break
      for (const [i, item] of value.entries())
        if (type.element) checkValue(item, type.element, `${path}/${i}`, problems)
      return
    }
    case 'map': {
      if (!isObject(value)) break
      for (const [key, item] of Object.entries(value))
        if (type.element) checkValue(item, type.element, `${path}/${key}`, problems)
      return
    }
    case 'union': {
      const options = type.types ?? []
      const trials = options.map((option) => {
        const trial: string[] = []
        checkValue(value, option, path, trial)
        return trial
      })
      if (trials.some((t) => t.length === 0)) return
      // The closest shape's problems say more than "matches none".
      const best = trials.reduce((a, b) => (b.length < a.length ? b : a), trials[0] ?? [])
      problems.push(...best)
      return
    }
    default:
      if (scalarFits(type.type, value)) return
  }
  problems.push(`${path}: expected type: ${EXPECTED[type.type] ?? 'String'}, found: ${foundType(value)}`)
}

const TAG: SpecProperties = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
}

function checkObject(
  props: Record<string, unknown>,
  known: SpecProperties,
  path: string,
  problems: string[],
): void {
  for (const [key, property] of Object.entries(known)) {
    if (property.required && !(key in props)) problems.push(`${path}: required key [${key}] not found`)
  }
  for (const [key, value] of Object.entries(props)) {
    const property = known[key]
    if (!property) problems.push(`${path}: extraneous key [${key}] is not permitted`)
    else checkValue(value, property.type, `${path}/${key}`, problems)
  }
}

/**
 * Problems with a resource's properties ([] when valid, or when the type takes anything). The caller has
 * already refused types CloudFormation does not know.
 */
export function propertyProblems(type: string, props: Record<string, unknown>): string[] {
  // A custom resource takes any properties its provider wants, but always a ServiceToken (the registry
  // schema of AWS::CloudFormation::CustomResource requires it).
  if (isCustomType(type)) return 'ServiceToken' in props ? [] : ['#: required key [ServiceToken] not found']
  const schema = resourceSchema(type)
  if (!schema) return []
  const problems: string[] = []
  checkObject(props, schema.properties, '#', problems)
  return problems
}

/** The resource event's reason, as CloudFormation writes it when schema validation fails. */
export function propertiesFailure(logicalId: string, problems: string[]): string {
  const detail = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`
  return `Properties validation failed for resource ${logicalId} with message: ${detail}`
}
