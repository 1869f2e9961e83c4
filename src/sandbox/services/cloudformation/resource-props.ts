// Helpers the resource providers of Config, CloudTrail, EventBridge and SNS share: template values arrive
// resolved but loosely typed (a parameter may turn a boolean into 'true'), and `read()` must answer in the
// shape the template declared, so drift detection compares like with like.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { ResourceContext } from './resource-providers.ts'

export function cfnBool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  throw new SandboxError('ValidationError', `Value '${String(value)}' is not a boolean.`)
}

export function cfnNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const number = Number(value)
  if (!Number.isFinite(number))
    throw new SandboxError('ValidationError', `Value '${String(value)}' is not a number.`)
  return number
}

export function cfnString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  return String(value)
}

export function cfnList<T = unknown>(value: unknown): T[] | undefined {
  if (value === undefined || value === null) return undefined
  return Array.isArray(value) ? (value as T[]) : [value as T]
}

/** A generated physical name, as CloudFormation makes them: `<stack>-<logicalId>-<SUFFIX>`, max length kept. */
export function generatedName(stackName: string, logicalId: string, suffix: string, max = 64): string {
  const tail = `-${suffix.toUpperCase()}`
  return `${stackName}-${logicalId}`.slice(0, max - tail.length) + tail
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The actual value, restricted to the keys the template declared (recursively through objects), with
 * booleans and numbers given as strings in the template answered in the template's own type. Keys the
 * template left out are not reported: AWS drift detection only checks what the template specifies.
 */
export function projectDeclared(actual: unknown, declared: unknown): unknown {
  if (actual === undefined) return undefined
  if (isPlainObject(declared) && isPlainObject(actual)) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(declared)) {
      const value = projectDeclared(actual[key], declared[key])
      if (value !== undefined) out[key] = value
    }
    return out
  }
  if (Array.isArray(declared) && Array.isArray(actual)) {
    return actual.map((item, i) => projectDeclared(item, declared[i] ?? item))
  }
  if (typeof declared === 'string' && (typeof actual === 'boolean' || typeof actual === 'number')) {
    return String(actual)
  }
  return actual
}

/** What each provider remembers of the template, per resource, to answer `read()` in the declared shape. */
export class DeclaredProps {
  private readonly byResource = new Map<string, Record<string, unknown>>()

  remember(key: string, props: Record<string, unknown>): void {
    this.byResource.set(key, props)
  }

  forget(key: string): void {
    this.byResource.delete(key)
  }

  get(key: string): Record<string, unknown> {
    return this.byResource.get(key) ?? {}
  }
}

/** The remembered template properties of one provider, kept per world (sandboxes never share them). */
export function declaredProps(world: World, provider: string): DeclaredProps {
  return world.slice(`cfn-declared:${provider}`, () => new DeclaredProps())
}

/** Where a provider keeps a resource: physical ids are unique per account and region. */
export const resourceKey = (physicalId: string, ctx: Pick<ResourceContext, 'account' | 'region'>) =>
  `${ctx.account}/${ctx.region}/${physicalId}`
