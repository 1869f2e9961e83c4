// Evaluates intrinsic functions and conditions against parameters, pseudo parameters and the resources
// created so far, so providers receive resolved properties. `AWS::NoValue` removes the property it is in.
import { validationError } from './input.ts'
import type { Template } from './template-parse.ts'

export const NO_VALUE = Symbol('AWS::NoValue')

export interface ResolvedResource {
  physicalId: string
  attributes: Record<string, unknown>
}

export interface EvalScope {
  template: Template
  /** Parameter values (lists for List<…> / CommaDelimitedList types). */
  parameters: Record<string, string | string[]>
  account: string
  region: string
  stackName: string
  stackId: string
  resources: Map<string, ResolvedResource>
  conditions: Map<string, boolean>
}

export function pseudoParameter(name: string, scope: EvalScope): unknown {
  switch (name) {
    case 'AWS::AccountId':
      return scope.account
    case 'AWS::Region':
      return scope.region
    case 'AWS::Partition':
      return 'aws'
    case 'AWS::URLSuffix':
      return 'amazonaws.com'
    case 'AWS::StackName':
      return scope.stackName
    case 'AWS::StackId':
      return scope.stackId
    case 'AWS::NotificationARNs':
      return []
    case 'AWS::NoValue':
      return NO_VALUE
    default:
      return undefined
  }
}

/** Evaluates every declared condition (conditions may refer to each other). */
export function evaluateConditions(scope: EvalScope): void {
  const visiting = new Set<string>()
  const visit = (name: string): boolean => {
    const known = scope.conditions.get(name)
    if (known !== undefined) return known
    const expr = scope.template.Conditions[name]
    if (expr === undefined)
      throw validationError(
        `Template format error: Unresolved dependencies [${name}]. Cannot reference resources in the Conditions block of the template`,
      )
    if (visiting.has(name))
      throw validationError(`Template format error: Circular dependency between conditions: [${name}]`)
    visiting.add(name)
    const value = evaluate(expr, scope, visit)
    if (typeof value !== 'boolean')
      throw validationError(`Template error: Condition ${name} must evaluate to a boolean`)
    scope.conditions.set(name, value)
    return value
  }
  for (const name of Object.keys(scope.template.Conditions)) visit(name)
}

export function conditionValue(name: string, scope: EvalScope): boolean {
  const value = scope.conditions.get(name)
  if (value === undefined)
    throw validationError(
      `Template format error: Unresolved dependencies [${name}]. Cannot reference resources in the Conditions block of the template`,
    )
  return value
}

/** Evaluates a template value. Returns NO_VALUE when the whole value is removed. */
export function evaluate(
  value: unknown,
  scope: EvalScope,
  condition = (name: string) => conditionValue(name, scope),
): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => evaluate(v, scope, condition)).filter((v) => v !== NO_VALUE)
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    return value instanceof Date ? value.toISOString().slice(0, 10) : value
  }
  const entries = Object.entries(value as Record<string, unknown>)
  const first = entries[0]
  if (entries.length === 1 && first && isFunction(first[0]))
    return callFunction(first[0], first[1], scope, condition)
  const out: Record<string, unknown> = {}
  for (const [key, v] of entries) {
    const resolved = evaluate(v, scope, condition)
    if (resolved !== NO_VALUE) out[key] = resolved
  }
  return out
}

function isFunction(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::')
}

function callFunction(
  name: string,
  arg: unknown,
  scope: EvalScope,
  condition: (name: string) => boolean,
): unknown {
  const ev = (v: unknown) => evaluate(v, scope, condition)
  switch (name) {
    case 'Ref':
      return ref(String(arg), scope)
    case 'Condition':
      return condition(String(arg))
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = Array.isArray(arg)
        ? arg.map((a) => String(ev(a)))
        : splitDot(String(arg))
      return getAtt(logicalId ?? '', attribute ?? '', scope)
    }
    case 'Fn::Sub':
      return sub(arg, scope, ev)
    case 'Fn::If': {
      const [cond, whenTrue, whenFalse] = asArray(arg, name, 3)
      return condition(String(cond)) ? ev(whenTrue) : ev(whenFalse)
    }
    case 'Fn::Equals': {
      const [a, b] = asArray(arg, name, 2)
      return JSON.stringify(ev(a)) === JSON.stringify(ev(b)) || String(ev(a)) === String(ev(b))
    }
    case 'Fn::Not': {
      const [a] = asArray(arg, name, 1)
      return !truthy(ev(a), name)
    }
    case 'Fn::And':
      return asArray(arg, name).every((a) => truthy(ev(a), name))
    case 'Fn::Or':
      return asArray(arg, name).some((a) => truthy(ev(a), name))
    case 'Fn::Join': {
      const [delimiter, items] = asArray(arg, name, 2)
      const list = ev(items)
      if (!Array.isArray(list))
        throw validationError(
          'Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.',
        )
      return list.map(String).join(String(delimiter))
    }
    case 'Fn::Select': {
      const [index, items] = asArray(arg, name, 2)
      const list = ev(items)
      const i = Number(ev(index))
      if (!Array.isArray(list) || !Number.isInteger(i) || i < 0 || i >= list.length) {
        throw validationError(
          `Template error: Fn::Select cannot select nonexistent value at index ${String(index)}`,
        )
      }
      return list[i]
    }
    case 'Fn::Split': {
      const [delimiter, source] = asArray(arg, name, 2)
      return String(ev(source)).split(String(delimiter))
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = asArray(arg, name, 3).map((a) => String(ev(a)))
      const value = scope.template.Mappings[map ?? '']?.[top ?? '']?.[second ?? '']
      if (value === undefined)
        throw validationError(`Template error: Unable to get mapping for ${map}::${top}::${second}`)
      return value
    }
    case 'Fn::Base64':
      return Buffer.from(String(ev(arg))).toString('base64')
    case 'Fn::GetAZs': {
      const region = String(ev(arg)) || scope.region
      return ['a', 'b', 'c'].map((z) => `${region}${z}`)
    }
    case 'Fn::ToJsonString':
      return JSON.stringify(ev(arg))
    case 'Fn::Length': {
      const list = ev(arg)
      return Array.isArray(list) ? list.length : 0
    }
    default:
      throw validationError(`Template format error: Unsupported intrinsic function ${name} in the sandbox`)
  }
}

function ref(name: string, scope: EvalScope): unknown {
  if (name.startsWith('AWS::')) {
    const pseudo = pseudoParameter(name, scope)
    if (pseudo === undefined)
      throw validationError(
        `Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`,
      )
    return pseudo
  }
  if (name in scope.parameters) return scope.parameters[name]
  const resource = scope.resources.get(name)
  if (resource) return resource.physicalId
  throw validationError(
    `Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`,
  )
}

function getAtt(logicalId: string, attribute: string, scope: EvalScope): unknown {
  const resource = scope.resources.get(logicalId)
  if (!resource) {
    throw validationError(`Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`)
  }
  const value = resource.attributes[attribute]
  return value === undefined ? `${resource.physicalId}.${attribute}` : value
}

function sub(arg: unknown, scope: EvalScope, ev: (v: unknown) => unknown): string {
  const [text, vars] = Array.isArray(arg)
    ? [String(arg[0]), (arg[1] ?? {}) as Record<string, unknown>]
    : [String(arg), {}]
  return text.replace(/\$\{([^}]*)\}/g, (whole, expr: string) => {
    if (expr.startsWith('!')) return `\${${expr.slice(1)}}`
    const name = expr.trim()
    if (name in vars) return String(ev(vars[name]))
    if (name.includes('.') && !name.startsWith('AWS::')) {
      const [logicalId, attribute] = splitDot(name)
      return String(getAtt(logicalId, attribute, scope))
    }
    const value = ref(name, scope)
    if (value === NO_VALUE) return ''
    return Array.isArray(value) ? value.join(',') : String(value ?? whole)
  })
}

function splitDot(value: string): [string, string] {
  const dot = value.indexOf('.')
  return dot < 0 ? [value, ''] : [value.slice(0, dot), value.slice(dot + 1)]
}

function asArray(arg: unknown, name: string, length?: number): unknown[] {
  if (!Array.isArray(arg) || (length !== undefined && arg.length !== length)) {
    throw validationError(
      `Template error: every ${name} object requires ${length ?? 'a list of'} parameters.`,
    )
  }
  return arg
}

function truthy(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value
  if (value === 'true') return true
  if (value === 'false') return false
  throw validationError(`Template error: every ${name} member must be a condition`)
}
