// What CloudFormation calls for each resource of a baseline template, as the principal it acts as: the
// create, update and delete calls of src/policy/resource-actions.ts (the table the sandbox enforces), with
// the names the template gives. A name the template leaves to CloudFormation is generated as
// `<stack>-<LogicalId>-<suffix>`; the guard judges the sampled suffix SAMPLE0SUFFIX (SCP patterns on the
// generated part cannot be known ahead).
import { type ResourceCall, resourceCalls } from '../../policy/resource-actions.ts'
import { parsedTemplate } from '../stacksets/parsed-templates.ts'

export const SAMPLE_SUFFIX = 'SAMPLE0SUFFIX'

type Values = Record<string, string>

/** Resolves the intrinsics the baseline templates name resources with; undefined when it cannot. */
function resolve(value: unknown, values: Values): unknown {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.map((v) => resolve(v, values))
  if (value === null || typeof value !== 'object') return undefined
  const entries = Object.entries(value as Record<string, unknown>)
  const [key, arg] = entries[0] ?? []
  if (entries.length === 1 && key === 'Ref') return values[String(arg)]
  if (entries.length === 1 && key === 'Fn::Sub' && typeof arg === 'string') {
    let unresolved = false
    const text = arg.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
      const v = values[name]
      if (v === undefined) unresolved = true
      return v ?? ''
    })
    return unresolved ? undefined : text
  }
  if (entries.length === 1 && key?.startsWith('Fn::')) return undefined
  return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v, values)]))
}

export interface TemplateScope {
  stackName: string
  account: string
  region: string
  parameters: Record<string, string>
}

/** Every call creating, updating and deleting each resource of the template needs. */
export function templateCalls(body: string, scope: TemplateScope): ResourceCall[] {
  const template = parsedTemplate(body)
  const defaults = Object.fromEntries(
    Object.entries((template.Parameters ?? {}) as Record<string, { Default?: unknown }>)
      .filter(([, p]) => p?.Default !== undefined)
      .map(([k, p]) => [k, String(p.Default)]),
  )
  const generated = (logicalId: string) => `${scope.stackName}-${logicalId}-${SAMPLE_SUFFIX}`
  const resources = Object.entries((template.Resources ?? {}) as Record<string, Record<string, unknown>>)
  // First pass: each resource's physical id as Ref returns it (names given, or generated).
  const values: Values = {
    ...defaults,
    ...scope.parameters,
    'AWS::AccountId': scope.account,
    'AWS::Region': scope.region,
    'AWS::StackName': scope.stackName,
    'AWS::Partition': 'aws',
  }
  for (const [logicalId, resource] of resources) {
    // Only the naming properties matter here: a role's policy document need not be resolved twice.
    const given = (resource.Properties ?? {}) as Record<string, unknown>
    const names = Object.fromEntries(
      NAME_KEYS.filter((k) => k in given).map((k) => [k, resolve(given[k], values)]),
    )
    values[logicalId] = physicalRef(String(resource.Type), names, logicalId, scope, generated)
  }
  const calls: ResourceCall[] = []
  for (const [logicalId, resource] of resources) {
    const type = String(resource.Type)
    const props = (resolve(resource.Properties ?? {}, values) ?? {}) as Record<string, unknown>
    const physicalId = values[logicalId]
    // The name is known before creation too (given, or generated as sampled): judge every mode against it.
    const named = {
      account: scope.account,
      region: scope.region,
      props,
      ...(physicalId ? { physicalId } : {}),
    }
    for (const mode of ['create', 'update', 'delete'] as const)
      calls.push(...resourceCalls(type, mode, named))
  }
  return calls
}

/** The properties physicalRef reads. */
const NAME_KEYS = ['TopicName', 'Name', 'TrailName', 'BucketName']

/** What `Ref` returns for the types the baseline names: the ARN for topics, the name otherwise. */
function physicalRef(
  type: string,
  props: Record<string, unknown>,
  logicalId: string,
  scope: TemplateScope,
  generated: (id: string) => string,
): string {
  const named = (key: string) =>
    typeof props[key] === 'string' ? (props[key] as string) : generated(logicalId)
  switch (type) {
    case 'AWS::SNS::Topic':
      return `arn:aws:sns:${scope.region}:${scope.account}:${named('TopicName')}`
    case 'AWS::Events::Rule':
      return named('Name')
    case 'AWS::CloudTrail::Trail':
      return named('TrailName')
    case 'AWS::S3::Bucket':
      return named('BucketName')
    default:
      return generated(logicalId)
  }
}
