// Plans one service-managed stack set: its definition (template, parameters, auto-deployment, managed
// execution), the OUs and regions it deploys to (added, and — destructive — removed), and the repair of
// instances that failed, were cancelled or drifted. Pure: desired + observed in, changes out.
import { isDeepStrictEqual } from 'node:util'
import { isOptInRegion } from '../../config/regions.ts'
import type { Change, Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import { weakening } from '../../engine/weakening.ts'
import { ACCOUNT_PRINCIPAL, trustedAccessAddress } from '../trusted-access.ts'
import { adminDependency } from './admin.ts'
import {
  instancesAddress,
  organizationsAccessAddress,
  type Parameters,
  repairAddress,
  type StackSetSpec,
  stackSetAddress,
  stackSetName,
  staleInstancesAddress,
} from './catalogue.ts'
import type { InstanceProblem, ObservedStackSet } from './observed.ts'
import { parameterWeakens } from './parameter-weakening.ts'
import { sortedParameters } from './stack-diff.ts'
import type { StackSetTargets } from './targets.ts'
import { compareTemplates } from './template-compare.ts'
import { templateHash } from './template-hash.ts'
import { updateCanaryRegion } from './waves.ts'

const MODULE = 'stacksets'

export interface StackSetDefinition {
  template: string
  parameters: Parameters
  autoDeployment: boolean
  managedExecution: boolean
  /** An update reached this canary region only: the other regions still run the previous template. */
  rolloutPending?: string
}

export interface Placement {
  ous: string[]
  regions: string[]
}

export interface RepairState {
  /** `account/region` of instances to deploy again. */
  instances: string[]
}

export const definitionOf = (observed: ObservedStackSet): StackSetDefinition => ({
  template: templateHash(observed.templateBody),
  parameters: sortedParameters(observed.parameters),
  autoDeployment: observed.autoDeployment,
  managedExecution: observed.managedExecution,
  ...(observed.rolloutPending ? { rolloutPending: observed.rolloutPending } : {}),
})

export const desiredDefinition = (spec: StackSetSpec, body: string): StackSetDefinition => ({
  template: templateHash(body),
  parameters: sortedParameters(spec.parameters),
  autoDeployment: true,
  managedExecution: true,
})

/** What the instances run changes (or an earlier update stopped after its canary): the update is canaried. */
export const redeploys = (current: StackSetDefinition, wanted: StackSetDefinition) =>
  current.template !== wanted.template ||
  !isDeepStrictEqual(current.parameters, wanted.parameters) ||
  current.rolloutPending !== undefined

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort()
const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x))

/** Operations in opt-in regions are judged with the Account API, which needs this trusted access first. */
const optInDependency = (desired: Desired) =>
  desired.regions.some(isOptInRegion) ? [trustedAccessAddress(ACCOUNT_PRINCIPAL)] : []

export const instanceKey = (p: { account: string; region: string }) => `${p.account}/${p.region}`

/** Problems the tool repairs by deploying the instance again (suspended, excluded and opt-in cases are notes). */
export function repairable(problems: InstanceProblem[], skipAccounts: string[]): InstanceProblem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    if (p.kind === 'SKIPPED_SUSPENDED_ACCOUNT' || p.kind === 'INOPERABLE' || p.kind === 'EXCLUDED')
      return false
    // An opt-in region the account has not enabled is a note; one the tool cannot ask about yet is left alone
    // until it can (trusted access for account.amazonaws.com is planned first).
    if (p.regionOptIn) return false
    if (skipAccounts.includes(p.account)) return false
    const key = instanceKey(p)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export function diffStackSet(
  desired: Desired,
  spec: StackSetSpec,
  body: string,
  observed: ObservedStackSet | null,
  targets: StackSetTargets,
): Change[] {
  const name = stackSetName(spec.template)
  const changes: Change[] = []
  const setAddress = stackSetAddress(spec.template)
  const admin = adminDependency(desired)
  const base = { module: MODULE, region: desired.config.homeRegion, destructive: false }

  const wanted = desiredDefinition(spec, body)
  const current = observed ? definitionOf(observed) : null
  if (!current) {
    changes.push({
      ...base,
      address: setAddress,
      action: 'create',
      before: null,
      after: wanted,
      reason: `create service-managed stack set ${name} (auto-deployment on, managed execution) from ${spec.template}.yaml`,
      dependsOn: [organizationsAccessAddress, ...admin],
    })
  } else if (!isDeepStrictEqual(current, wanted)) {
    const what = [
      ...(current.template !== wanted.template ? ['template'] : []),
      ...Object.keys({ ...current.parameters, ...wanted.parameters })
        .filter((k) => current.parameters[k] !== wanted.parameters[k])
        .map((k) => `parameter ${k}`),
      ...(current.autoDeployment ? [] : ['auto-deployment off']),
      ...(current.managedExecution ? [] : ['managed execution off']),
      ...(current.rolloutPending
        ? [
            `the last update stopped after the canary region ${current.rolloutPending}, the other regions still run the previous template`,
          ]
        : []),
    ]
    const optIn = observed?.regions.some(isOptInRegion)
    const template =
      current.template !== wanted.template
        ? compareTemplates(observed?.templateBody, body)
        : { weakens: [] as string[] }
    const canary =
      redeploys(current, wanted) && observed
        ? updateCanaryRegion(
            observed.regions,
            observed.ous,
            desired.config.stackSets.operationPreferences.canaryRegion
              ? desired.config.homeRegion
              : undefined,
          )
        : undefined
    changes.push({
      ...base,
      address: setAddress,
      action: 'update',
      before: current,
      after: wanted,
      reason: `update stack set ${name} and every instance${canary ? ` (${canary} first as a canary: the other regions only if it succeeds)` : ''}: ${what.join(', ')}${template.unreadable ? ` (${template.unreadable})` : ''}${optIn ? ' (failure tolerance 100% because accounts that have not enabled an opt-in region fail there by design; failures are reported per account)' : ''}`,
      dependsOn: [...admin, ...optInDependency(desired)],
      ...weakening([
        ...parameterWeakens(current.parameters, wanted.parameters, spec.regions),
        ...template.weakens,
      ]),
      ...(template.templateDiff ? { templateDiff: template.templateDiff } : {}),
    })
  }

  const have: Placement = observed
    ? { ous: [...observed.ous].sort(), regions: [...observed.regions].sort() }
    : { ous: [], regions: [] }
  const want: Placement = { ous: targets.ous, regions: [...spec.regions].sort() }
  const added: Placement = { ous: union(have.ous, want.ous), regions: union(have.regions, want.regions) }
  const instanceDeps = [
    ...(changes.length > 0 ? [setAddress] : []),
    ...spec.instancesDependOn,
    ...admin,
    ...optInDependency(desired),
  ]
  if (want.ous.length > 0 && !isDeepStrictEqual(added, have)) {
    const newOus = minus(want.ous, have.ous)
    const newRegions = minus(want.regions, have.regions)
    const labels = newOus.map((id) => ouLabel(desired, id))
    changes.push({
      ...base,
      address: instancesAddress(spec.template),
      action: have.ous.length === 0 ? 'create' : 'update',
      before: observed ? have : null,
      after: added,
      reason: [
        `deploy ${name}`,
        labels.length > 0 ? `to ${labels.join(', ')}` : '',
        newRegions.length > 0 ? `in ${newRegions.join(', ')}` : '',
        `(one operation per kind of region; auto-deployment covers accounts that join later)`,
      ]
        .filter(Boolean)
        .join(' '),
      dependsOn: instanceDeps,
    })
  }

  const goneOus = minus(have.ous, want.ous)
  const goneRegions = minus(have.regions, want.regions)
  const excludedWithInstances = [
    ...new Set((observed?.problems ?? []).filter((p) => p.kind === 'EXCLUDED').map((p) => p.account)),
  ].sort()
  if (observed && (goneOus.length > 0 || goneRegions.length > 0 || excludedWithInstances.length > 0)) {
    changes.push({
      ...base,
      address: staleInstancesAddress(spec.template),
      action: 'delete',
      destructive: true,
      before: { ...added, excludedAccounts: excludedWithInstances },
      after: { ...want, excludedAccounts: [] },
      reason: [
        `remove ${name} instances (their stacks and resources are deleted):`,
        goneOus.length > 0
          ? `OUs no longer targeted ${goneOus.map((id) => ouLabel(desired, id)).join(', ')};`
          : '',
        goneRegions.length > 0 ? `regions no longer targeted ${goneRegions.join(', ')};` : '',
        excludedWithInstances.length > 0 ? `excluded accounts ${excludedWithInstances.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' '),
      dependsOn: changes.some((c) => c.address === instancesAddress(spec.template))
        ? [instancesAddress(spec.template)]
        : [],
    })
  }

  if (observed) {
    const inactive = desired.org.accounts.filter((a) => a.status !== 'ACTIVE').map((a) => a.id)
    const repairs = repairable(observed.problems, [...targets.excludedAccounts, ...inactive]).filter(
      (p) => want.regions.includes(p.region) && (!p.ou || !goneOus.includes(p.ou)),
    )
    if (repairs.length > 0) {
      const drift = repairs.some((p) => p.kind === 'DRIFTED' || p.kind === 'DRIFT_CHECK_FAILED')
      const kinds = countBy(repairs.map((p) => describeKind(p.kind)))
      changes.push({
        ...base,
        address: repairAddress(spec.template),
        action: 'update',
        before: { instances: repairs.map(instanceKey).sort() } satisfies RepairState,
        after: { instances: [] } satisfies RepairState,
        reason: `deploy ${repairs.length} ${name} instance(s) again — ${kinds}; drifted ones are removed and created again, as CloudFormation does not revert drift on an unchanged template${repairs.some((p) => p.kind === 'FAILED') ? `; last failure: ${repairs.find((p) => p.kind === 'FAILED')?.reason ?? ''}` : ''}`,
        dependsOn: [
          ...changes.filter((c) => c.action !== 'delete').map((c) => c.address),
          ...optInDependency(desired),
        ],
        ...(drift ? { drift: true } : {}),
      })
    }
  }
  return changes
}

export function describeKind(kind: string): string {
  switch (kind) {
    case 'DRIFTED':
      return 'drifted'
    case 'DRIFT_CHECK_FAILED':
      return 'stack missing (drift check failed)'
    case 'CANCELLED':
      return 'cancelled'
    case 'PENDING':
    case 'RUNNING':
      return `left unfinished (${kind}, no operation running)`
    default:
      return 'failed'
  }
}

function countBy(values: string[]): string {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ')
}

export function ouLabel(desired: Desired, id: string): string {
  if (id === desired.org.rootId) return 'Root'
  return desired.org.units.find((u) => u.id === id)?.path ?? id
}

export function stackSetNotes(spec: StackSetSpec, observed: ObservedStackSet | null): Note[] {
  if (!observed) return []
  const name = stackSetName(spec.template)
  const notes: Note[] = []
  const suspended = observed.problems.filter((p) => p.kind === 'SKIPPED_SUSPENDED_ACCOUNT')
  const accounts = (list: InstanceProblem[]) => {
    const ids = [...new Set(list.map((p) => p.account))].sort()
    return `${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}`
  }
  if (suspended.length > 0) {
    notes.push({
      module: MODULE,
      level: 'info',
      message: `${name}: ${suspended.length} instance(s) skipped because their account is suspended (${accounts(suspended)}) — not a failure`,
    })
  }
  const regionOff = observed.problems.filter((p) => p.regionOptIn === 'not-enabled')
  for (const region of [...new Set(regionOff.map((p) => p.region))].sort()) {
    const here = regionOff.filter((p) => p.region === region)
    notes.push({
      module: MODULE,
      level: 'info',
      region,
      message: `${name}: ${here.length} account(s) have not enabled ${region} (${accounts(here)}), so they have no instance there — enabling the region and applying again deploys it`,
    })
  }
  const unknown = observed.problems.filter((p) => p.regionOptIn === 'unknown')
  if (unknown.length > 0) {
    notes.push({
      module: MODULE,
      level: 'warning',
      message: `${name}: ${unknown.length} instance(s) failed in opt-in regions (${accounts(unknown)}); whether their accounts enabled those regions is read with account:ListRegions, which needs trusted access for account.amazonaws.com — they are not deployed again until it is enabled (planned)`,
    })
  }
  const inoperable = observed.problems.filter((p) => p.kind === 'INOPERABLE')
  if (inoperable.length > 0) {
    notes.push({
      module: MODULE,
      level: 'warning',
      message: `${name}: ${inoperable.length} instance(s) are INOPERABLE after a failed delete (${accounts(inoperable)}): delete them with RetainStacks=true, then delete their stacks by hand (aws-facts §8)`,
    })
  }
  if (observed.activeOperation) {
    const op = observed.activeOperation
    notes.push({
      module: MODULE,
      level: 'info',
      message: `${name}: operation ${op.id} (${op.action}) is ${op.status}; apply waits for it before starting its own`,
    })
  }
  return notes
}
