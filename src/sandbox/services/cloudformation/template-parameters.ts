// Binds the caller's Parameters to a template's declarations, with CloudFormation's checks and messages:
// missing values, unknown keys, AllowedValues / AllowedPattern / length and value bounds, Number types.
import type { ParameterInput } from './input.ts'
import { validationError } from './input.ts'
import type { Template } from './template-parse.ts'
import { AWS_SPECIFIC_TYPES, isListType } from './template-validate/parameter-types.ts'

export interface BoundParameters {
  /** Values as given (strings), for DescribeStacks and for comparing updates. */
  values: Record<string, string>
  /** Values typed for evaluation: lists for List<…> and CommaDelimitedList. */
  typed: Record<string, string | string[]>
}

export function bindParameters(
  template: Template,
  given: ParameterInput[],
  previous: Record<string, string> = {},
): BoundParameters {
  const declared = template.Parameters
  const unknown = given.filter((p) => !(p.key in declared)).map((p) => p.key)
  if (unknown.length > 0)
    throw validationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`)
  const values: Record<string, string> = {}
  const missing: string[] = []
  for (const [name, decl] of Object.entries(declared)) {
    const input = given.find((p) => p.key === name)
    let value: string | undefined
    if (input?.usePrevious) {
      value = previous[name]
      if (value === undefined)
        throw validationError(
          `Invalid input for parameter key ${name}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
        )
    } else if (input?.value !== undefined) value = input.value
    else if (decl.Default !== undefined)
      value = Array.isArray(decl.Default) ? decl.Default.join(',') : String(decl.Default)
    if (value === undefined) {
      missing.push(name)
      continue
    }
    check(name, decl, value)
    values[name] = value
  }
  if (missing.length > 0) throw validationError(`Parameters: [${missing.join(', ')}] must have values`)
  const typed: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(values)) {
    const type = declared[name]?.Type ?? 'String'
    typed[name] = isListType(type) ? value.split(',').map((v) => v.trim()) : value
  }
  return { values, typed }
}

function check(name: string, decl: Template['Parameters'][string], value: string): void {
  // With a ConstraintDescription, every constraint failure reads "Parameter X failed to satisfy constraint:
  // <description>" (seen in aws-ia/taskcat #627); without it, each constraint has its own message.
  const fail = (message: string) =>
    validationError(
      decl.ConstraintDescription !== undefined
        ? `Parameter ${name} failed to satisfy constraint: ${decl.ConstraintDescription}`
        : message,
    )
  // An SSM parameter type's value is one parameter name, whatever the type it resolves to.
  const items = isListType(decl.Type) ? value.split(',').map((v) => v.trim()) : [value]
  for (const item of items) {
    if (decl.AllowedValues && !decl.AllowedValues.map(String).includes(item)) {
      throw fail(`Parameter '${name}' must be one of AllowedValues`)
    }
    if (decl.AllowedPattern !== undefined && !new RegExp(`^(?:${decl.AllowedPattern})$`).test(item)) {
      throw fail(`Parameter '${name}' must match pattern ${decl.AllowedPattern}`)
    }
    if (decl.Type === 'Number' || decl.Type === 'List<Number>') {
      const n = Number(item)
      if (item.trim() === '' || Number.isNaN(n))
        throw validationError(`Parameter '${name}' must be a number.`)
      if (decl.MinValue !== undefined && n < Number(decl.MinValue)) {
        throw fail(`Parameter '${name}' must be a number not less than ${decl.MinValue}`)
      }
      if (decl.MaxValue !== undefined && n > Number(decl.MaxValue)) {
        throw fail(`Parameter '${name}' must be a number not greater than ${decl.MaxValue}`)
      }
    }
  }
  if (decl.MinLength !== undefined && value.length < Number(decl.MinLength)) {
    throw fail(`Parameter '${name}' must contain at least ${decl.MinLength} characters`)
  }
  if (decl.MaxLength !== undefined && value.length > Number(decl.MaxLength)) {
    throw fail(`Parameter '${name}' must contain at most ${decl.MaxLength} characters`)
  }
  checkExists(name, decl.Type, items)
}

// AWS-specific types name things in the account. The sandbox simulates no EC2, Route 53 or Parameter Store,
// so nothing such a value names exists — except Availability Zone names, which Fn::GetAZs also answers.
function checkExists(name: string, type: string, items: string[]): void {
  if (type.startsWith('AWS::SSM::Parameter::Value<')) {
    throw validationError(
      `Unable to fetch parameters [${items.join(',')}] from parameter store for this account.`,
    )
  }
  const element = /^List<(.+)>$/.exec(type)?.[1] ?? type
  if (!AWS_SPECIFIC_TYPES.includes(element)) return
  for (const item of items) {
    if (element === 'AWS::EC2::AvailabilityZone::Name' && /^[a-z]{2}(-[a-z]+)+-\d[a-c]$/.test(item)) continue
    throw validationError(
      `Parameter validation failed: parameter value ${item} for parameter name ${name} does not exist. Rollback requested by user.`,
    )
  }
}

/** Whether a parameter's value is hidden in Describe* answers. */
export function isNoEcho(template: Template, name: string): boolean {
  const flag = template.Parameters[name]?.NoEcho
  return flag === true || flag === 'true'
}
