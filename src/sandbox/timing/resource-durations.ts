// How long CloudFormation takes for one stack instance under the `aws` timing profile (simulated ms): the
// StackSets overhead of starting a stack in the target account, plus the template's critical path — resources
// that do not depend on each other are created in parallel, as CloudFormation does. AWS publishes no
// durations (aws-facts §8, "not published"); the per-type figures are chosen from how long each resource
// type's handler typically stays IN_PROGRESS in stack events (README, "Timing profile `aws`").
import type { Template } from '../services/cloudformation/template-parse.ts'
import { dependsOnList, usesIn } from '../services/cloudformation/template-validate/references.ts'

/** Create time per resource type. */
export const CREATE_MS: Record<string, number> = {
  // IAM is eventually consistent: the handler waits for a new role to propagate before reporting it.
  'AWS::IAM::Role': 15_000,
  'AWS::IAM::Policy': 10_000,
  'AWS::IAM::ManagedPolicy': 10_000,
  'AWS::Config::ConfigurationRecorder': 5_000,
  'AWS::Config::DeliveryChannel': 5_000,
  'AWS::Config::ConfigurationRecorderStatus': 5_000,
  'AWS::CloudTrail::Trail': 10_000,
  'AWS::Events::Rule': 10_000,
  'AWS::SNS::Topic': 10_000,
  'AWS::SNS::TopicPolicy': 10_000,
  'AWS::SNS::Subscription': 5_000,
  'AWS::S3::Bucket': 20_000,
  'AWS::S3::BucketPolicy': 5_000,
  'AWS::KMS::Key': 60_000,
  'AWS::KMS::Alias': 5_000,
  'AWS::GuardDuty::Detector': 10_000,
  'AWS::SecurityHub::Hub': 15_000,
}
const DEFAULT_CREATE_MS = 10_000

/** StackSets' own work per instance: reaching the target account, creating the stack, reporting back. */
export const INSTANCE_OVERHEAD_MS = 20_000
/** An update that changes nothing in the stack (the change set is empty). */
export const UNCHANGED_INSTANCE_MS = 10_000
/** Drift detection per instance: a fixed part and a read per resource. */
export const DRIFT_OVERHEAD_MS = 5_000
export const DRIFT_PER_RESOURCE_MS = 1_000

export type InstanceWork = 'create' | 'update' | 'unchanged' | 'delete' | 'drift'

function dependencies(template: Template, id: string, known: Set<string>): string[] {
  const decl = template.Resources[id]
  const named = usesIn(decl?.Properties ?? {}).flatMap((u) =>
    u.kind === 'ref' ? [u.name] : u.kind === 'getatt' ? [u.resource] : [],
  )
  return [...named, ...dependsOnList(decl?.DependsOn)].filter((d) => known.has(d) && d !== id)
}

/** Worked out once per template object: every instance of a stack set shares its template. */
const criticalPaths = new WeakMap<Template, number>()

/** The longest chain of create times through the template's dependency graph. */
export function criticalPathMs(template: Template): number {
  let ms = criticalPaths.get(template)
  if (ms === undefined) {
    ms = longestChainMs(template)
    criticalPaths.set(template, ms)
  }
  return ms
}

function longestChainMs(template: Template): number {
  const ids = Object.keys(template.Resources)
  const known = new Set(ids)
  const finish = new Map<string, number>()
  const visiting = new Set<string>()
  const at = (id: string): number => {
    const done = finish.get(id)
    if (done !== undefined) return done
    if (visiting.has(id)) return 0 // cycles are refused at the API call; never reached for a stored template
    visiting.add(id)
    const start = Math.max(0, ...dependencies(template, id, known).map(at))
    const own = CREATE_MS[template.Resources[id]?.Type ?? ''] ?? DEFAULT_CREATE_MS
    finish.set(id, start + own)
    visiting.delete(id)
    return start + own
  }
  return Math.max(0, ...ids.map(at))
}

/** Simulated duration of one stack instance task. Updates and deletes take about half a create. */
export function instanceDurationMs(template: Template, work: InstanceWork): number {
  switch (work) {
    case 'create':
      return INSTANCE_OVERHEAD_MS + criticalPathMs(template)
    case 'update':
    case 'delete':
      return INSTANCE_OVERHEAD_MS + Math.round(criticalPathMs(template) / 2)
    case 'unchanged':
      return UNCHANGED_INSTANCE_MS
    case 'drift':
      return DRIFT_OVERHEAD_MS + DRIFT_PER_RESOURCE_MS * Object.keys(template.Resources).length
  }
}
