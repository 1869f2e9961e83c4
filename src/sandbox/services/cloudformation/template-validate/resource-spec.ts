// The CloudFormation resource schemas (@aws-cdk/aws-service-spec, built from the CloudFormation registry
// schemas): which resource types exist, their properties (nested types, required ones) and GetAtt
// attributes. The database is ~1 s and ~80 MB to load, so it is loaded once, on the first template that
// needs it, and kept. Even the package's code (a CommonJS graph) is required only then: a sandbox that
// validates no template (a plan) never loads it.
import { createRequire } from 'node:module'

type ServiceSpec = typeof import('@aws-cdk/aws-service-spec')
type Db = ReturnType<ServiceSpec['loadAwsServiceSpecSync']>

export interface SpecType {
  type: string
  reference?: { $ref: string }
  element?: SpecType
  types?: SpecType[]
}

export interface SpecProperty {
  type: SpecType
  required?: boolean
}

export type SpecProperties = Record<string, SpecProperty>

export interface ResourceSchema {
  properties: SpecProperties
  attributes: Set<string>
}

let db: Db | undefined
const schemas = new Map<string, ResourceSchema | undefined>()

function database(): Db {
  db ??= (createRequire(import.meta.url)('@aws-cdk/aws-service-spec') as ServiceSpec).loadAwsServiceSpecSync()
  return db
}

/** The schema of a resource type, or undefined when CloudFormation has no such type. */
export function resourceSchema(type: string): ResourceSchema | undefined {
  if (schemas.has(type)) return schemas.get(type)
  const found = database().lookup('resource', 'cloudFormationType', 'equals', type)
  const resource = found[0]
  const schema = resource
    ? {
        properties: resource.properties as unknown as SpecProperties,
        attributes: new Set(Object.keys(resource.attributes)),
      }
    : undefined
  schemas.set(type, schema)
  return schema
}

/** Properties of a nested property type (`{ type: 'ref' }`). */
export function typeDefinition(ref: string): { name: string; properties: SpecProperties } {
  const def = database().get('typeDefinition', ref)
  return { name: def.name, properties: def.properties as unknown as SpecProperties }
}

/** Custom resources take any properties and attributes (their provider defines them). */
export function isCustomType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource'
}

/** Whether `Fn::GetAtt` may read `attribute` of a resource of this type. */
export function hasAttribute(type: string, attribute: string): boolean {
  if (isCustomType(type)) return true
  const schema = resourceSchema(type)
  if (!schema) return false
  // The spec lists a type's read-only properties as its attributes. Some types also answer GetAtt on plain
  // properties (cfn-lint keeps a list of them); any declared property name is accepted rather than refuse a
  // template AWS takes.
  return schema.attributes.has(attribute) || attribute in schema.properties
}
