// What every Ref, Fn::GetAtt, Fn::Sub variable, Fn::If, Condition and DependsOn names must exist, with the
// message CloudFormation gives at the API call for each kind (ValidateTemplate / CreateStack answer them).
import { validationError } from '../input.ts'
import type { Template } from '../template-parse.ts'
import { hasAttribute, isCustomType } from './resource-spec.ts'

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
])

/** One use of an intrinsic function that names something. */
export type Use =
  | { kind: 'ref'; name: string }
  | { kind: 'getatt'; resource: string; attribute: string }
  | { kind: 'condition'; name: string; via: 'Fn::If' | 'Condition' }

const SUB_VARIABLE = /^[A-Za-z0-9_.:]+$/

function getAttArgs(arg: unknown): [string, string] {
  const parts = Array.isArray(arg)
    ? arg.map((a) => (typeof a === 'string' ? a : ''))
    : typeof arg === 'string'
      ? (() => {
          const dot = arg.indexOf('.')
          return dot < 0 ? [arg] : [arg.slice(0, dot), arg.slice(dot + 1)]
        })()
      : []
  const [resource, attribute] = parts
  if (parts.length !== 2 || !resource || !attribute)
    throw validationError(
      'Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the resource attribute',
    )
  return [resource, attribute]
}

function subUses(arg: unknown, out: Use[]): void {
  const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1] ?? {}] : [arg, {}]
  if (typeof text !== 'string') return
  const local = typeof vars === 'object' && vars !== null ? (vars as Record<string, unknown>) : {}
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    const expr = m[1] ?? ''
    if (expr.startsWith('!')) continue // ${!Literal} is written out as ${Literal}
    if (!SUB_VARIABLE.test(expr))
      throw validationError(
        'Template error: variable names in Fn::Sub syntax must contain only alphanumeric characters, underscores, periods, and colons',
      )
    if (expr in local) continue
    const dot = expr.indexOf('.')
    if (dot > 0 && !expr.startsWith('AWS::'))
      out.push({ kind: 'getatt', resource: expr.slice(0, dot), attribute: expr.slice(dot + 1) })
    else out.push({ kind: 'ref', name: expr })
  }
  usesIn(local, out)
}

/** Every name a value uses through intrinsic functions, in document order. */
export function usesIn(value: unknown, out: Use[] = []): Use[] {
  if (Array.isArray(value)) {
    for (const v of value) usesIn(v, out)
    return out
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return out
  for (const [key, arg] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'Ref' && typeof arg === 'string') out.push({ kind: 'ref', name: arg })
    else if (key === 'Fn::GetAtt') {
      const [resource, attribute] = getAttArgs(arg)
      out.push({ kind: 'getatt', resource, attribute })
    } else if (key === 'Fn::Sub') subUses(arg, out)
    else if (key === 'Condition' && typeof arg === 'string')
      out.push({ kind: 'condition', name: arg, via: 'Condition' })
    else if (key === 'Fn::If' && Array.isArray(arg)) {
      if (typeof arg[0] === 'string') out.push({ kind: 'condition', name: arg[0], via: 'Fn::If' })
      usesIn(arg.slice(1), out)
    } else usesIn(arg, out)
  }
  return out
}

const unique = (names: string[]) => [...new Set(names)]

function checkGetAtt(template: Template, use: Extract<Use, { kind: 'getatt' }>): void {
  const target = template.Resources[use.resource]
  if (!target)
    throw validationError(
      `Template error: instance of Fn::GetAtt references undefined resource ${use.resource}`,
    )
  if (!isCustomType(target.Type) && !hasAttribute(target.Type, use.attribute))
    throw validationError(
      `Template error: resource ${use.resource} does not support attribute type ${use.attribute} in Fn::GetAtt`,
    )
}

function checkConditionUse(template: Template, use: Extract<Use, { kind: 'condition' }>): void {
  if (use.name in template.Conditions) return
  if (use.via === 'Fn::If')
    throw validationError(`Template error: unresolved condition dependency ${use.name} in Fn::If`)
  throw validationError(`Template format error: Unresolved condition dependency ${use.name}`)
}

/** Uses in Resources or Outputs: Refs to parameters, resources or pseudo parameters; GetAtts to resources. */
function checkBlock(
  template: Template,
  block: 'Resources' | 'Outputs',
  uses: Use[],
  dependsOn: string[],
): void {
  const refable = (name: string) =>
    name in template.Parameters || name in template.Resources || PSEUDO_PARAMETERS.has(name)
  const missing = unique([
    ...uses.filter((u) => u.kind === 'ref' && !refable(u.name)).map((u) => (u as { name: string }).name),
    ...dependsOn.filter((d) => !(d in template.Resources)),
  ])
  if (missing.length > 0)
    throw validationError(
      `Template format error: Unresolved resource dependencies [${missing.join(', ')}] in the ${block} block of the template`,
    )
  for (const use of uses) {
    if (use.kind === 'getatt') checkGetAtt(template, use)
    if (use.kind === 'condition') checkConditionUse(template, use)
  }
}

/** Conditions may use parameters, pseudo parameters and other conditions, never resources. */
function checkConditionsBlock(template: Template): void {
  const uses = usesIn(template.Conditions)
  const missing = unique(
    uses
      .filter(
        (u) =>
          u.kind === 'getatt' ||
          (u.kind === 'ref' && !(u.name in template.Parameters) && !PSEUDO_PARAMETERS.has(u.name)),
      )
      .map((u) => (u.kind === 'getatt' ? u.resource : (u as { name: string }).name)),
  )
  if (missing.length > 0)
    throw validationError(
      `Template format error: Unresolved dependencies [${missing.join(', ')}]. Cannot reference resources in the Conditions block of the template`,
    )
  for (const use of uses) if (use.kind === 'condition') checkConditionUse(template, use)
  checkConditionCycles(template)
}

function checkConditionCycles(template: Template): void {
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return
    if (state.get(name) === 'visiting') {
      const cycle = path.slice(path.indexOf(name))
      throw validationError(`Template error: Circular dependency between conditions: [${cycle.join(', ')}]`)
    }
    state.set(name, 'visiting')
    for (const use of usesIn(template.Conditions[name]))
      if (use.kind === 'condition' && use.name in template.Conditions) visit(use.name, [...path, name])
    state.set(name, 'done')
  }
  for (const name of Object.keys(template.Conditions)) visit(name, [])
}

export function dependsOnList(value: unknown): string[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value.map(String) : [String(value)]
}

export function checkReferences(template: Template): void {
  checkConditionsBlock(template)
  const resourceUses: Use[] = []
  const dependsOn: string[] = []
  for (const decl of Object.values(template.Resources)) {
    resourceUses.push(...usesIn(decl.Properties ?? {}))
    dependsOn.push(...dependsOnList(decl.DependsOn))
    if (decl.Condition !== undefined)
      resourceUses.push({ kind: 'condition', name: String(decl.Condition), via: 'Condition' })
  }
  checkBlock(template, 'Resources', resourceUses, dependsOn)
  const outputUses: Use[] = []
  for (const decl of Object.values(template.Outputs)) {
    outputUses.push(...usesIn(decl?.Value), ...usesIn(decl?.Export))
    if (decl?.Condition !== undefined)
      outputUses.push({ kind: 'condition', name: String(decl.Condition), via: 'Condition' })
  }
  checkBlock(template, 'Outputs', outputUses, [])
}
