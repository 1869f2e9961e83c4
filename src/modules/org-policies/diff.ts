// Plans one policy type as the SCP module plans SCPs: the type enabled on the root, each wanted policy's
// content (compared as parsed JSON) and attachments, removal of policies we own that the config no longer
// asks for (detach, then delete: destructive), the 5-per-target and size limits. Drift — content AWS holds
// that differs from what the tool last wrote (its hash tag) — is restored, never counted as weakening.
import { isDeepStrictEqual } from 'node:util'
import type { Change } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import { weakening } from '../../engine/weakening.ts'
import { type OwnedScp, sha256 } from '../scp/observed.ts'
import {
  attachmentAddress,
  MAX_PER_TARGET,
  type PolicyKind,
  policyAddress,
  policyTypeAddress,
  type WantedPolicy,
} from './kind.ts'
import type { OrgPolicyObserved } from './observed.ts'

export interface PolicyState {
  name: string
  content: unknown
}

export interface AttachmentState {
  policy: string
  targetId: string
}

/** How a content change weakens the guardrail (empty: it does not). */
export type Weakens = (before: unknown, after: unknown) => string[]

function labelOf(desired: Desired, targetId: string): string {
  if (targetId === desired.org.rootId) return 'Root'
  return (
    desired.org.units.find((u) => u.id === targetId)?.path ??
    desired.org.accounts.find((a) => a.id === targetId)?.name ??
    targetId
  )
}

function policyChange(
  kind: PolicyKind,
  wanted: WantedPolicy,
  owned: OwnedScp | undefined,
  dependsOn: string[],
  weakens: Weakens,
): Change | undefined {
  const after: PolicyState = { name: wanted.name, content: wanted.document }
  if (!owned) {
    return {
      address: policyAddress(kind, wanted.name),
      module: kind.module,
      action: 'create',
      before: null,
      after,
      reason: `create ${kind.noun} ${wanted.name} (${wanted.source})`,
      dependsOn,
      destructive: false,
    }
  }
  if (isDeepStrictEqual(owned.content, wanted.document)) return undefined
  const drift = owned.contentHash !== undefined && owned.contentHash === sha256(wanted.minified)
  return {
    address: policyAddress(kind, wanted.name),
    module: kind.module,
    action: 'update',
    before: { name: wanted.name, content: owned.content },
    after,
    reason: drift
      ? `${kind.noun} ${wanted.name} was edited outside org-baseline: restore the configured content`
      : `the configured content of ${kind.noun} ${wanted.name} changed`,
    dependsOn: [],
    ...weakening(drift ? [] : weakens(owned.content, wanted.document)),
    drift,
  }
}

function detachChange(kind: PolicyKind, desired: Desired, name: string, targetId: string, why: string) {
  const label = labelOf(desired, targetId)
  return {
    address: attachmentAddress(kind, name, label),
    module: kind.module,
    action: 'delete',
    before: { policy: name, targetId } satisfies AttachmentState,
    after: null,
    reason: `detach ${name} from ${label} (${targetId}): ${why}`,
    dependsOn: [],
    destructive: true,
  } satisfies Change
}

function attachmentChanges(
  kind: PolicyKind,
  desired: Desired,
  wanted: WantedPolicy,
  owned: OwnedScp | undefined,
): Change[] {
  const want = new Set(wanted.targets.map((t) => t.id))
  const current = new Set(owned?.targets ?? [])
  const changes: Change[] = []
  for (const target of wanted.targets) {
    if (current.has(target.id)) continue
    changes.push({
      address: attachmentAddress(kind, wanted.name, target.label),
      module: kind.module,
      action: 'create',
      before: null,
      after: { policy: wanted.name, targetId: target.id } satisfies AttachmentState,
      reason: `attach ${wanted.name} to ${target.label} (${target.id})${wanted.relaxes ? ': relaxes the baseline there' : ''}`,
      dependsOn: [policyAddress(kind, wanted.name)],
      // An exception lowers the guardrail where it lands: as destructive as any other weakening.
      ...weakening(wanted.relaxes ? [`${wanted.name} relaxes the baseline on ${target.label}`] : []),
    })
  }
  for (const targetId of current) {
    if (want.has(targetId)) continue
    const why = `the config no longer attaches ${wanted.name} there`
    const change = detachChange(kind, desired, wanted.name, targetId, why)
    // Detaching an exception restores the baseline: not destructive.
    changes.push(wanted.relaxes ? { ...change, destructive: false } : change)
  }
  return changes
}

function removalChanges(kind: PolicyKind, desired: Desired, owned: OwnedScp): Change[] {
  const why = `org-baseline manages ${owned.name} but the config no longer names it`
  const detaches = owned.targets.map((t) => detachChange(kind, desired, owned.name, t, why))
  return [
    ...detaches,
    {
      address: policyAddress(kind, owned.name),
      module: kind.module,
      action: 'delete',
      before: { name: owned.name, content: owned.content } satisfies PolicyState,
      after: null,
      reason: `delete ${kind.noun} ${owned.name}: managed by org-baseline, no longer in the config`,
      dependsOn: detaches.map((d) => d.address),
      destructive: true,
    },
  ]
}

/** Targets that would carry more than AWS allows, and documents over the size limit. */
export function limitProblems(
  kind: PolicyKind,
  desired: Desired,
  observed: OrgPolicyObserved,
  changes: Change[],
): string[] {
  const problems: string[] = []
  for (const wanted of observed.wanted) {
    const size = [...wanted.minified].length
    if (size > kind.maxCharacters)
      problems.push(
        `${kind.noun} ${wanted.name} is ${size.toLocaleString('en-US')} characters once minified — AWS allows at most ${kind.maxCharacters.toLocaleString('en-US')}`,
      )
  }
  const delta = new Map<string, number>()
  for (const c of changes) {
    const state = (c.after ?? c.before) as Partial<AttachmentState>
    if (!c.address.startsWith(`${kind.module}.attachment[`) || !state.targetId) continue
    delta.set(state.targetId, (delta.get(state.targetId) ?? 0) + (c.action === 'create' ? 1 : -1))
  }
  for (const [targetId, change] of delta) {
    const total = (observed.attachedCount.get(targetId) ?? 0) + change
    if (total > MAX_PER_TARGET) {
      const managed = kind.managedEverywhere ? `, ${kind.managedEverywhere} included` : ''
      problems.push(
        `${labelOf(desired, targetId)} (${targetId}) would carry ${total} policies of type ${kind.type}; Organizations allows ${MAX_PER_TARGET} per target${managed} — attach fewer there`,
      )
    }
  }
  return problems
}

export function diffOrgPolicies(
  kind: PolicyKind,
  desired: Desired,
  observed: OrgPolicyObserved,
  weakens: Weakens,
): Change[] {
  const owned = new Map(observed.owned.map((p) => [p.name, p]))
  const typeChange: Change[] =
    observed.typeEnabled || observed.wanted.length === 0
      ? []
      : [
          {
            address: policyTypeAddress(kind),
            module: kind.module,
            action: 'create',
            before: null,
            after: { type: kind.type, rootId: desired.org.rootId },
            reason: `enable ${kind.type} on the root${kind.managedEverywhere ? ` (${kind.managedEverywhere} is attached everywhere as it is enabled)` : ''}`,
            dependsOn: [],
            destructive: false,
          },
        ]
  const changes: Change[] = [...typeChange]
  for (const wanted of observed.wanted) {
    const current = owned.get(wanted.name)
    const policy = policyChange(
      kind,
      wanted,
      current,
      typeChange.map((c) => c.address),
      weakens,
    )
    if (policy) changes.push(policy)
    changes.push(...attachmentChanges(kind, desired, wanted, current))
  }
  const names = new Set(observed.wanted.map((w) => w.name))
  for (const p of observed.owned) if (!names.has(p.name)) changes.push(...removalChanges(kind, desired, p))
  return changes
}

/** Names the config asks for that exist without our tag: never changed, so the plan is refused. */
export function ownershipProblems(kind: PolicyKind, observed: OrgPolicyObserved): string[] {
  const ours = new Set(observed.owned.map((p) => p.name))
  return observed.wanted
    .filter((w) => !ours.has(w.name) && observed.others.some((o) => o.name === w.name))
    .map(
      (w) =>
        `a ${kind.noun} named ${w.name} exists but is not managed by org-baseline (no tag org-baseline:managed=true): org-baseline never changes it — rename or delete it, or tag it to hand it over`,
    )
}
