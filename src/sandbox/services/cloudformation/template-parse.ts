// Parses a CloudFormation template body (JSON or YAML with the short-form intrinsic tags) and checks its
// structure the way CloudFormation's template validation does, with its "Template format error" wording.
import { type CollectionTag, parse as parseYaml, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml'
import { validationError } from './input.ts'

export const MAX_TEMPLATE_BODY_BYTES = 51_200

export interface ParameterDecl {
  Type: string
  Default?: unknown
  AllowedValues?: unknown[]
  AllowedPattern?: string
  MinLength?: number
  MaxLength?: number
  MinValue?: number
  MaxValue?: number
  NoEcho?: boolean | string
  Description?: string
  ConstraintDescription?: string
}

export interface ResourceDecl {
  Type: string
  Properties?: Record<string, unknown>
  Condition?: string
  DependsOn?: string | string[]
  DeletionPolicy?: string
}

export interface Template {
  Description?: string
  Transform?: unknown
  Parameters: Record<string, ParameterDecl>
  Mappings: Record<string, Record<string, Record<string, unknown>>>
  Conditions: Record<string, unknown>
  Resources: Record<string, ResourceDecl>
  Outputs: Record<string, { Value: unknown; Description?: string; Condition?: string; Export?: unknown }>
}

// Short form → long form. `!GetAtt a.b` is the one scalar form that needs splitting.
const FUNCTIONS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Cidr: 'Fn::Cidr',
  ToJsonString: 'Fn::ToJsonString',
  Length: 'Fn::Length',
}

function shortFormTags(): (ScalarTag | CollectionTag)[] {
  const tags: (ScalarTag | CollectionTag)[] = []
  for (const [short, long] of Object.entries(FUNCTIONS)) {
    tags.push({
      tag: `!${short}`,
      resolve: (value: string) => (short === 'GetAtt' ? { [long]: splitGetAtt(value) } : { [long]: value }),
    })
    for (const collection of ['seq', 'map'] as const) {
      tags.push({
        tag: `!${short}`,
        collection,
        resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [long]: node.toJSON() }),
      })
    }
  }
  return tags
}

function splitGetAtt(value: string): string[] {
  const dot = value.indexOf('.')
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)]
}

const TAGS = shortFormTags()

export function parseTemplateBody(body: string): Template {
  if (Buffer.byteLength(body, 'utf8') > MAX_TEMPLATE_BODY_BYTES) {
    throw validationError(
      "1 validation error detected: Value at 'templateBody' failed to satisfy constraint: " +
        `Member must have length less than or equal to ${MAX_TEMPLATE_BODY_BYTES}`,
    )
  }
  let raw: unknown
  try {
    raw = body.trimStart().startsWith('{')
      ? JSON.parse(body)
      : parseYaml(body, { customTags: TAGS, uniqueKeys: true })
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw validationError(`Template format error: YAML not well-formed. ${detail}`)
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw validationError('Template format error: unsupported structure.')
  }
  return checkStructure(raw as Record<string, unknown>)
}

const TOP_LEVEL = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Hooks',
])

function checkStructure(raw: Record<string, unknown>): Template {
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL.has(key))
      throw validationError(`Template format error: Invalid template property or properties [${key}]`)
  }
  const version = raw.AWSTemplateFormatVersion
  if (version !== undefined && String(version) !== '2010-09-09' && !(version instanceof Date)) {
    throw validationError(
      `Template format error: '${String(version)}' is not a supported AWSTemplateFormatVersion value.`,
    )
  }
  const resources = raw.Resources
  if (
    resources === undefined ||
    resources === null ||
    typeof resources !== 'object' ||
    Object.keys(resources).length === 0
  ) {
    throw validationError('Template format error: At least one Resources member must be defined.')
  }
  for (const [logicalId, decl] of Object.entries(resources as Record<string, unknown>)) {
    if (decl === null || typeof decl !== 'object' || typeof (decl as ResourceDecl).Type !== 'string') {
      throw validationError(
        `Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member.`,
      )
    }
  }
  const parameters = (raw.Parameters ?? {}) as Record<string, ParameterDecl>
  for (const [name, decl] of Object.entries(parameters)) {
    if (decl === null || typeof decl !== 'object' || typeof decl.Type !== 'string') {
      throw validationError(`Template format error: Every Parameters object must contain a Type member.`)
    }
    if (decl.Default !== undefined && typeof decl.Default === 'object' && !Array.isArray(decl.Default)) {
      throw validationError(`Template format error: Parameter '${name}' default value must be a string.`)
    }
  }
  return {
    ...(raw.Description !== undefined ? { Description: String(raw.Description) } : {}),
    ...(raw.Transform !== undefined ? { Transform: raw.Transform } : {}),
    Parameters: parameters,
    Mappings: (raw.Mappings ?? {}) as Template['Mappings'],
    Conditions: (raw.Conditions ?? {}) as Template['Conditions'],
    Resources: resources as Template['Resources'],
    Outputs: (raw.Outputs ?? {}) as Template['Outputs'],
  }
}

/** Resource types whose creation needs an IAM capability, and the properties that make them "named". */
const IAM_NAME_PROPERTIES: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::Policy': '',
  'AWS::IAM::AccessKey': '',
  'AWS::IAM::UserToGroupAddition': '',
}

/** The capabilities the template requires (CAPABILITY_IAM / CAPABILITY_NAMED_IAM / CAPABILITY_AUTO_EXPAND). */
export function requiredCapabilities(template: Template): string[] {
  let iam = false
  let named = false
  for (const decl of Object.values(template.Resources)) {
    const nameProp = IAM_NAME_PROPERTIES[decl.Type]
    if (nameProp === undefined) continue
    iam = true
    if (nameProp && decl.Properties?.[nameProp] !== undefined) named = true
  }
  const out: string[] = []
  if (named) out.push('CAPABILITY_NAMED_IAM')
  else if (iam) out.push('CAPABILITY_IAM')
  if (template.Transform !== undefined) out.push('CAPABILITY_AUTO_EXPAND')
  return out
}
