// Drift detection: compares each resource's expected properties (as the template resolved them) with what
// its provider reads now. A resource the provider reports gone is DELETED; types without a provider are
// IN_SYNC unless the drift control marked them. Only properties the template sets are compared, as in AWS.
import type { World } from '../../state.ts'
import { resourceProvider } from './resource-providers.ts'
import { context } from './stack-engine.ts'
import type { ResourceDriftResult, Stack, StackResource } from './stack-model.ts'

export function detectResourceDrift(
  world: World,
  stack: Stack,
  resource: StackResource,
  at: number,
): ResourceDriftResult {
  const base = {
    logicalId: resource.logicalId,
    physicalId: resource.physicalId,
    type: resource.type,
    expected: resource.expected,
    at,
  }
  const provider = resourceProvider(resource.type)
  let actual: Record<string, unknown> | undefined
  if (provider?.read) {
    actual = provider.read(resource.physicalId, context(world, stack, resource.logicalId))
  } else if (resource.manualDrift?.deleted) {
    actual = undefined
  } else {
    actual = { ...resource.expected, ...(resource.manualDrift?.properties ?? {}) }
  }
  if (actual === undefined) return { ...base, status: 'DELETED', actual: undefined, differences: [] }
  const differences = compare(resource.expected, actual, '')
  return { ...base, status: differences.length > 0 ? 'MODIFIED' : 'IN_SYNC', actual, differences }
}

export function detectStackDrift(world: World, stack: Stack, at: number): ResourceDriftResult[] {
  const results = [...stack.resources.values()].map((r) => detectResourceDrift(world, stack, r, at))
  const drifted = results.some((r) => r.status === 'MODIFIED' || r.status === 'DELETED')
  stack.drift = { status: drifted ? 'DRIFTED' : 'IN_SYNC', checkedAt: at }
  return results
}

type Difference = ResourceDriftResult['differences'][number]

function compare(expected: unknown, actual: unknown, path: string): Difference[] {
  if (isObject(expected) && isObject(actual)) {
    const removedOrChanged = Object.entries(expected).flatMap(([key, value]) => {
      const childPath = `${path}/${key}`
      if (!(key in actual) || actual[key] === undefined) {
        return [
          {
            PropertyPath: childPath,
            ExpectedValue: render(value),
            ActualValue: 'null',
            DifferenceType: 'REMOVE',
          },
        ]
      }
      return compare(value, actual[key], childPath)
    })
    // A property the template left out but the resource now has (providers report only declared keys,
    // plus what the stack made true, such as a recorder's recording state): AWS reports it as ADD.
    const added = Object.entries(actual)
      .filter(([key, value]) => !(key in expected) && value !== undefined)
      .map(([key, value]) => ({
        PropertyPath: `${path}/${key}`,
        ExpectedValue: 'null',
        ActualValue: render(value),
        DifferenceType: 'ADD',
      }))
    return [...removedOrChanged, ...added]
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (equal(expected, actual)) return []
    const out: Difference[] = []
    const length = Math.max(expected.length, actual.length)
    for (let i = 0; i < length; i++) {
      const childPath = `${path}/${i}`
      if (i >= actual.length)
        out.push({
          PropertyPath: childPath,
          ExpectedValue: render(expected[i]),
          ActualValue: 'null',
          DifferenceType: 'REMOVE',
        })
      else if (i >= expected.length)
        out.push({
          PropertyPath: childPath,
          ExpectedValue: 'null',
          ActualValue: render(actual[i]),
          DifferenceType: 'ADD',
        })
      else out.push(...compare(expected[i], actual[i], childPath))
    }
    return out
  }
  if (equal(expected, actual)) return []
  return [
    {
      PropertyPath: path || '/',
      ExpectedValue: render(expected),
      ActualValue: render(actual),
      DifferenceType: 'NOT_EQUAL',
    },
  ]
}

/** CloudFormation compares scalars as strings (a template's `true` matches an API's "true"). */
function equal(a: unknown, b: unknown): boolean {
  if (isObject(a) || isObject(b) || Array.isArray(a) || Array.isArray(b))
    return JSON.stringify(a) === JSON.stringify(b)
  return String(a) === String(b)
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function render(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v)
}
