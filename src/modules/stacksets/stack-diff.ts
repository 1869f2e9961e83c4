// Plans one ordinary stack (the log bucket, the organization trail, the findings routing, the management
// account's copies of the member templates): missing → create; template or parameters changed → update;
// a stack left ROLLBACK_COMPLETE by a failed create → create again (apply deletes the remains first).
import { isDeepStrictEqual } from 'node:util'
import type { Change, Note } from '../../engine/change.ts'
import { weakening } from '../../engine/weakening.ts'
import { type Parameters, type StackSpec, stackAddress, stackName } from './catalogue.ts'
import type { ObservedStack } from './observed.ts'
import { parameterWeakens } from './parameter-weakening.ts'
import { compareTemplates } from './template-compare.ts'
import { templateHash } from './template-hash.ts'

export interface StackState {
  template: string | null
  parameters: Parameters
  /** Present when the stack exists but never got created (ROLLBACK_COMPLETE). */
  failed?: string
  /** Present when its last drift detection found resources changed out of band. */
  drifted?: true
  /** Present while the stack is busy (`*_IN_PROGRESS`) or stuck (`*_FAILED`): never equal to a wanted state. */
  unsettled?: string
}

/**
 * Stacks repaired by deleting and creating them again when they drift: CloudFormation does not revert drift
 * on an unchanged template. The log bucket and the organization trail (with its retained Lake store) are
 * not: deleting them would lose data or fail on the retained resources.
 */
export const RECREATABLE = new Set([
  'config-recorder',
  'root-sign-in-alert',
  'account-trail',
  'findings-routing',
])

export const REPLACEABLE = new Set(['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED'])
const SETTLED = /_COMPLETE$/
/**
 * Healthy end states. UPDATE_ROLLBACK_COMPLETE is one too: "the stack returns to its previous working
 * state" (CloudFormation user guide, stack status codes), and its template-hash tag rolled back with it, so it
 * compares truthfully with the template to deploy.
 */
export const SETTLED_OK = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
])
const unsettled = (status: string) => !SETTLED.test(status) && !REPLACEABLE.has(status)

export const sortedParameters = (p: Parameters): Parameters =>
  Object.fromEntries(Object.entries(p).sort(([a], [b]) => a.localeCompare(b)))

export function stackState(observed: ObservedStack | null): StackState | null {
  if (!observed) return null
  return {
    template: observed.templateHash ?? null,
    parameters: sortedParameters(observed.parameters),
    ...(REPLACEABLE.has(observed.status) ? { failed: observed.status } : {}),
    ...(observed.drifted ? { drifted: true as const } : {}),
    ...(unsettled(observed.status) ? { unsettled: observed.status } : {}),
  }
}

export function desiredStackState(spec: StackSpec, body: string): StackState {
  return { template: templateHash(body), parameters: sortedParameters(spec.parameters) }
}

function changedParameters(before: Parameters, after: Parameters): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].filter((k) => before[k] !== after[k]).sort()
}

export function diffStack(
  module: string,
  spec: StackSpec,
  body: string,
  observed: ObservedStack | null,
  /** Regions the template is deployed to (for parameters that must name one of them). */
  deployedRegions: readonly string[] = [],
): Change[] {
  const address = stackAddress(spec.template, spec.account, spec.region)
  const after = desiredStackState(spec, body)
  const before = stackState(observed)
  const common = {
    address,
    module,
    account: spec.account,
    region: spec.region,
    after,
    dependsOn: spec.dependsOn,
    destructive: false,
  }
  if (!before) {
    return [
      {
        ...common,
        action: 'create',
        before: null,
        reason: `create stack ${stackName(spec.template)} in ${spec.account} ${spec.region} (${spec.why})`,
      },
    ]
  }
  if (before.failed) {
    return [
      {
        ...common,
        action: 'create',
        before,
        reason: `stack ${stackName(spec.template)} is ${before.failed}${observed?.statusReason ? ` (${observed.statusReason})` : ''}: it is deleted and created again`,
      },
    ]
  }
  if (before.unsettled) {
    return [
      {
        ...common,
        action: 'update',
        before,
        reason: /_IN_PROGRESS$/.test(before.unsettled)
          ? `stack ${stackName(spec.template)} in ${spec.account} ${spec.region} is ${before.unsettled}: apply waits for it to settle and judges the result`
          : `stack ${stackName(spec.template)} in ${spec.account} ${spec.region} is ${before.unsettled}${observed?.statusReason ? ` (${observed.statusReason})` : ''}: it needs a person (see the stack's events); apply reports it`,
      },
    ]
  }
  if (before.drifted && RECREATABLE.has(spec.template)) {
    return [
      {
        ...common,
        action: 'update',
        before,
        drift: true,
        reason: `stack ${stackName(spec.template)} in ${spec.account} ${spec.region} has drifted: it is deleted and created again, as CloudFormation does not revert drift on an unchanged template${spec.template === 'root-sign-in-alert' || spec.template === 'findings-routing' ? ' (recipients confirm their subscription again)' : ''}`,
      },
    ]
  }
  const { drifted: _drifted, ...comparable } = before
  if (isDeepStrictEqual(comparable, after)) return []
  const template =
    before.template !== after.template
      ? compareTemplates(observed?.templateBody, body)
      : { weakens: [] as string[] }
  const what = [
    ...(before.template !== after.template
      ? [`template${template.unreadable ? ` (${template.unreadable})` : ''}`]
      : []),
    ...changedParameters(before.parameters, after.parameters).map((k) => `parameter ${k}`),
    ...(before.drifted ? ['(the stack has also drifted: an update does not revert that)'] : []),
  ]
  return [
    {
      ...common,
      action: 'update',
      before,
      reason: `update stack ${stackName(spec.template)} in ${spec.account} ${spec.region}: ${what.join(', ')} changed`,
      ...weakening([
        ...parameterWeakens(before.parameters, after.parameters, deployedRegions),
        ...template.weakens,
      ]),
      ...(template.templateDiff ? { templateDiff: template.templateDiff } : {}),
    },
  ]
}

export function stackNotes(module: string, spec: StackSpec, observed: ObservedStack | null): Note[] {
  if (!observed) return []
  const where = { module, account: spec.account, region: spec.region }
  const notes: Note[] = []
  if (observed.drifted && !RECREATABLE.has(spec.template)) {
    notes.push({
      ...where,
      level: 'warning',
      message: `stack ${stackName(spec.template)} has drifted (its last drift detection): CloudFormation does not revert drift on an unchanged template — fix the resources by hand, or delete the stack and apply again`,
    })
  }
  return notes
}
