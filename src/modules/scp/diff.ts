// Plans SCPs: the policy type, each policy's content (compared as parsed JSON, so formatting never
// shows as a change), each attachment, and the removal of policies org-baseline owns but the config no
// longer names. Limits and the lockout guard are checked here, before anything can be written.
import { isDeepStrictEqual } from 'node:util'
import type { Change, Note } from '../../engine/change.ts'
import type { Desired, DesiredScp } from '../../engine/desired.ts'
import { PlanRefusal } from '../../engine/planner.ts'
import { weakening } from '../../engine/weakening.ts'
import { MODULES } from '../index.ts'
import { exemptionNote } from './exemptions.ts'
import { lockoutGuard } from './lockout.ts'
import {
  attachmentAddress,
  type OwnedScp,
  POLICY_TYPE_ADDRESS,
  policyAddress,
  type ScpObserved,
  sha256,
} from './observed.ts'
import { scpWeakens } from './weakening.ts'

const MAX_PER_TARGET = 5

export interface PolicyState {
  name: string
  content: unknown
}

export interface AttachmentState {
  policy: string
  targetId: string
}

function labelOf(desired: Desired, targetId: string): string {
  if (targetId === desired.org.rootId) return 'Root'
  return (
    desired.org.units.find((u) => u.id === targetId)?.path ??
    desired.org.accounts.find((a) => a.id === targetId)?.name ??
    targetId
  )
}

function policyChange(
  scp: DesiredScp,
  owned: OwnedScp | undefined,
  typeDependency: string[],
): Change | undefined {
  const after: PolicyState = { name: scp.name, content: scp.document }
  if (!owned) {
    return {
      address: policyAddress(scp.name),
      module: 'scp',
      action: 'create',
      before: null,
      after,
      reason: `create SCP ${scp.name} (${scp.source === 'builtin' ? 'shipped with org-baseline' : scp.source})`,
      dependsOn: typeDependency,
      destructive: false,
    }
  }
  if (isDeepStrictEqual(owned.content, scp.document)) return undefined
  // The tag records what org-baseline last wrote: if AWS holds something else, someone edited it there.
  const drift = owned.contentHash !== undefined && owned.contentHash === sha256(scp.minified)
  return {
    address: policyAddress(scp.name),
    module: 'scp',
    action: 'update',
    before: { name: scp.name, content: owned.content },
    after,
    reason: drift
      ? `SCP ${scp.name} was edited outside org-baseline: restore the configured content`
      : `the configured content of SCP ${scp.name} changed`,
    dependsOn: [],
    // Restoring what the tool last wrote reinstates the reviewed guardrail: never destructive.
    ...weakening(drift ? [] : scpWeakens(owned.content, scp.document)),
    drift,
  }
}

function attachmentChanges(desired: Desired, scp: DesiredScp, owned: OwnedScp | undefined): Change[] {
  const wanted = new Set(scp.targets.map((t) => t.id))
  const current = new Set(owned?.targets ?? [])
  const changes: Change[] = []
  for (const target of scp.targets) {
    if (current.has(target.id)) continue
    const after: AttachmentState = { policy: scp.name, targetId: target.id }
    changes.push({
      address: attachmentAddress(scp.name, target.label),
      module: 'scp',
      action: 'create',
      before: null,
      after,
      reason: `attach ${scp.name} to ${target.label} (${target.id})`,
      dependsOn: [policyAddress(scp.name)],
      destructive: false,
    })
  }
  for (const targetId of current) {
    if (wanted.has(targetId)) continue
    changes.push(detachChange(desired, scp.name, targetId, `the config no longer attaches ${scp.name} there`))
  }
  return changes
}

function detachChange(desired: Desired, name: string, targetId: string, why: string): Change {
  const label = labelOf(desired, targetId)
  return {
    address: attachmentAddress(name, label),
    module: 'scp',
    action: 'delete',
    before: { policy: name, targetId } satisfies AttachmentState,
    after: null,
    reason: `detach ${name} from ${label} (${targetId}): ${why}`,
    dependsOn: [],
    destructive: true,
  }
}

function removalChanges(desired: Desired, owned: OwnedScp): Change[] {
  const detaches = owned.targets.map((t) =>
    detachChange(
      desired,
      owned.name,
      t,
      `org-baseline manages ${owned.name} but the config no longer names it`,
    ),
  )
  return [
    ...detaches,
    {
      address: policyAddress(owned.name),
      module: 'scp',
      action: 'delete',
      before: { name: owned.name, content: owned.content } satisfies PolicyState,
      after: null,
      reason: `delete SCP ${owned.name}: managed by org-baseline, no longer in the config`,
      dependsOn: detaches.map((d) => d.address),
      destructive: true,
    },
  ]
}

function limitProblems(desired: Desired, observed: ScpObserved, changes: Change[]): string[] {
  const delta = new Map<string, number>()
  for (const c of changes) {
    const state = (c.after ?? c.before) as Partial<AttachmentState>
    if (!c.address.startsWith('scp.attachment[') || !state.targetId) continue
    delta.set(state.targetId, (delta.get(state.targetId) ?? 0) + (c.action === 'create' ? 1 : -1))
  }
  const problems: string[] = []
  for (const [targetId, change] of delta) {
    const total = (observed.attachedCount.get(targetId) ?? 1) + change
    if (total > MAX_PER_TARGET) {
      problems.push(
        `${labelOf(desired, targetId)} (${targetId}) would carry ${total} SCPs; Organizations allows ${MAX_PER_TARGET} per target, FullAWSAccess and SCPs not managed by org-baseline included — attach fewer there or detach one`,
      )
    }
  }
  return problems
}

export function diffScps(desired: Desired, observed: ScpObserved): Change[] {
  const refusals: string[] = []
  const owned = new Map(observed.owned.map((p) => [p.name, p]))
  for (const scp of desired.scps) {
    if (!owned.has(scp.name) && observed.unowned.includes(scp.name)) {
      refusals.push(
        `an SCP named ${scp.name} exists but is not managed by org-baseline (no tag org-baseline:managed=true): org-baseline never changes it — rename or delete it, or tag it to hand it over`,
      )
    }
  }
  // Every SCP on the path, everyone else's included: a lockout already in place is refused before any write.
  refusals.push(
    ...lockoutGuard({ desired, observed, modules: MODULES, templates: observed.templates }).problems,
  )

  const typeChange: Change[] = observed.typeEnabled
    ? []
    : [
        {
          address: POLICY_TYPE_ADDRESS,
          module: 'scp',
          action: 'create',
          before: null,
          after: { type: 'SERVICE_CONTROL_POLICY', rootId: desired.org.rootId },
          reason:
            'enable service control policies on the root (FullAWSAccess is attached everywhere as it is enabled)',
          dependsOn: [],
          destructive: false,
        },
      ]
  const typeDependency = typeChange.map((c) => c.address)
  const changes: Change[] = [...typeChange]
  for (const scp of desired.scps) {
    const current = owned.get(scp.name)
    const policy = policyChange(scp, current, typeDependency)
    if (policy) changes.push(policy)
    changes.push(...attachmentChanges(desired, scp, current))
  }
  const names = new Set(desired.scps.map((s) => s.name))
  for (const p of observed.owned) if (!names.has(p.name)) changes.push(...removalChanges(desired, p))

  refusals.push(...limitProblems(desired, observed, changes))
  if (refusals.length > 0) throw new PlanRefusal(refusals.join('\n'))
  return changes
}

export function scpNotes(desired: Desired): Note[] {
  if (desired.scps.length === 0) return []
  const m = desired.management
  return [
    {
      module: 'scp',
      level: 'warning',
      account: m.id,
      message: `SCPs never apply to the management account ${m.name} (${m.id}) or its root user: deny-member-root and protect-security-baseline do not restrict it. Protect its root user with MFA and no access keys, and keep workloads out of it.`,
    },
    {
      module: 'scp',
      level: 'info',
      account: m.id,
      message: `lockout guard: every SCP on the path of each member account the baseline acts in (existing ones included) was judged for the member role ${desired.config.access.memberRoleName}${desired.config.access.bootstrapRoleName !== desired.config.access.memberRoleName ? `, the bootstrap role ${desired.config.access.bootstrapRoleName}` : ''}, StackSets' execution roles (stacksets-exec-*)${desired.config.access.breakGlassRoles.length ? ` and the break-glass roles ${desired.config.access.breakGlassRoles.join(', ')}` : ''}, in every target region (IAM, Organizations and Account in us-east-1). The tool role is not judged: it acts only in the management account, where SCPs never apply.`,
    },
    ...desired.scps.map((scp) => exemptionNote(scp.name, scp.document, desired.config.access)),
  ]
}
