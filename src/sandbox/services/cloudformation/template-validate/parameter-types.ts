// Parameter declarations CloudFormation accepts (Parameters section reference): the types, and the shape of
// each constraint attribute.
import { validationError } from '../input.ts'
import type { ParameterDecl, Template } from '../template-parse.ts'

/** AWS-specific parameter types: values must name something that exists in the account and Region. */
export const AWS_SPECIFIC_TYPES = [
  'AWS::EC2::AvailabilityZone::Name',
  'AWS::EC2::Image::Id',
  'AWS::EC2::Instance::Id',
  'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::SecurityGroup::GroupName',
  'AWS::EC2::SecurityGroup::Id',
  'AWS::EC2::Subnet::Id',
  'AWS::EC2::Volume::Id',
  'AWS::EC2::VPC::Id',
  'AWS::Route53::HostedZone::Id',
]

const BASIC = ['String', 'Number', 'List<Number>', 'CommaDelimitedList']
const SSM_VALUE_TYPES = ['String', 'List<String>', 'CommaDelimitedList', ...AWS_SPECIFIC_TYPES]

export function isKnownParameterType(type: string): boolean {
  if (BASIC.includes(type) || AWS_SPECIFIC_TYPES.includes(type) || type === 'AWS::SSM::Parameter::Name')
    return true
  const list = /^List<(.+)>$/.exec(type)
  if (list && AWS_SPECIFIC_TYPES.includes(list[1] ?? '')) return true
  const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(type)
  if (!ssm) return false
  const inner = ssm[1] ?? ''
  const innerList = /^List<(.+)>$/.exec(inner)
  return SSM_VALUE_TYPES.includes(inner) || AWS_SPECIFIC_TYPES.includes(innerList?.[1] ?? '')
}

export const isListType = (type: string) =>
  type === 'CommaDelimitedList' || (type.startsWith('List<') && type.endsWith('>'))

function isNumberLike(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && Number.isFinite(Number(value))
}

function checkDecl(name: string, decl: ParameterDecl): void {
  if (!isKnownParameterType(decl.Type))
    throw validationError(`Template format error: Unrecognized parameter type: ${decl.Type}`)
  if (decl.AllowedValues !== undefined && !Array.isArray(decl.AllowedValues))
    throw validationError('Template format error: Every AllowedValues member must be a list.')
  for (const key of ['MinLength', 'MaxLength', 'MinValue', 'MaxValue'] as const) {
    if (decl[key] !== undefined && !isNumberLike(decl[key]))
      throw validationError(`Template format error: Parameter '${name}' ${key} must be a number.`)
  }
  if (decl.AllowedPattern !== undefined) {
    try {
      new RegExp(String(decl.AllowedPattern))
    } catch {
      throw validationError(
        `Template format error: Parameter '${name}' AllowedPattern must be a valid regular expression.`,
      )
    }
  }
}

export function checkParameterDecls(template: Template): void {
  for (const [name, decl] of Object.entries(template.Parameters)) checkDecl(name, decl)
}
