// Writes one change of a policy type after re-reading it, as the SCP module does: the type enabled and
// awaited (EnablePolicyType is asynchronous), policies created with their ownership and content-hash tags
// in the same call, the hash re-tagged before an update, "already done" answers counted as done.
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  type Root,
  TagResourceCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations'
import { pollUntil } from '../../aws/poll.ts'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { Change } from '../../engine/change.ts'
import type { Context } from '../../engine/module.ts'
import { recheck } from '../../engine/recheck.ts'
import { errorName, OrgBaselineError } from '../../errors.ts'
import { readRoot } from '../organization/root.ts'
import { readScp } from '../scp/observe.ts'
import { CONTENT_TAG, MANAGED_TAG, POLICY_DESCRIPTION, sha256 } from '../scp/observed.ts'
import type { AttachmentState, PolicyState } from './diff.ts'
import { type PolicyKind, policyTypeAddress, type WantedPolicy } from './kind.ts'

const ignoring =
  (...names: string[]) =>
  (error: unknown) => {
    if (!names.includes(errorName(error) ?? '')) throw error
  }

const POLICY_TYPE_WAIT_MS = 5 * 60_000

async function applyPolicyType(kind: PolicyKind, change: Change, ctx: Context): Promise<void> {
  const org = ctx.aws.organizations()
  const statusOf = (root: Root) => root.PolicyTypes?.find((t) => t.Type === kind.type)?.Status
  const root = await readRoot(org)
  const status = statusOf(root)
  if (recheck(change, status === 'ENABLED' ? change.after : null) === 'done') return
  if (status !== 'PENDING_ENABLE') {
    await retryConflicts(() =>
      org.send(new EnablePolicyTypeCommand({ RootId: root.Id, PolicyType: kind.type })),
    ).catch(ignoring('PolicyTypeAlreadyEnabledException'))
  }
  const deadline = Math.min(ctx.deadline ?? Number.POSITIVE_INFINITY, Date.now() + POLICY_TYPE_WAIT_MS)
  const { value, finished } = await pollUntil(
    async () => statusOf(await readRoot(org)),
    (s) => s === 'ENABLED',
    { readFirst: true, deadline },
  )
  if (!finished) {
    throw new OrgBaselineError(
      'PolicyTypePending',
      `${kind.type} is still ${value ?? 'not enabled'} on root ${root.Id} — run apply again in a few minutes`,
    )
  }
}

async function applyPolicy(
  kind: PolicyKind,
  change: Change,
  ctx: Context,
  wanted: WantedPolicy[],
): Promise<void> {
  const org = ctx.aws.organizations()
  const state = (change.after ?? change.before) as PolicyState
  const found = await readScp(ctx.aws, state.name, kind.type)
  if (found?.unowned) {
    throw new OrgBaselineError(
      'NotOwned',
      `${kind.noun} ${state.name} now exists without the org-baseline tag — run plan again`,
    )
  }
  const current = found?.owned
  if (recheck(change, current ? { name: current.name, content: current.content } : null) === 'done') return
  if (change.action === 'delete') {
    await retryConflicts(() => org.send(new DeletePolicyCommand({ PolicyId: current?.id }))).catch(
      ignoring('PolicyNotFoundException'),
    )
    return
  }
  const desired = wanted.find((w) => w.name === state.name)
  if (!desired) {
    throw new OrgBaselineError(
      'PlanMismatch',
      `${kind.noun} ${state.name} is not in the config any more — run plan again`,
    )
  }
  const hash = { Key: CONTENT_TAG, Value: sha256(desired.minified) }
  if (!current) {
    await retryConflicts(() =>
      org.send(
        new CreatePolicyCommand({
          Name: desired.name,
          Type: kind.type,
          Description: POLICY_DESCRIPTION,
          Content: desired.minified,
          Tags: [{ Key: MANAGED_TAG, Value: 'true' }, hash],
        }),
      ),
    ).catch(async (error) => {
      if (errorName(error) !== 'DuplicatePolicyException') throw error
      const again = (await readScp(ctx.aws, desired.name, kind.type))?.owned
      if (!again) throw error
      recheck({ ...change, before: change.after }, { name: again.name, content: again.content })
    })
    return
  }
  await retryConflicts(() => org.send(new TagResourceCommand({ ResourceId: current.id, Tags: [hash] })))
  await retryConflicts(() =>
    org.send(new UpdatePolicyCommand({ PolicyId: current.id, Content: desired.minified })),
  )
}

async function applyAttachment(kind: PolicyKind, change: Change, ctx: Context): Promise<void> {
  const org = ctx.aws.organizations()
  const state = (change.after ?? change.before) as AttachmentState
  const policy = (await readScp(ctx.aws, state.policy, kind.type))?.owned
  if (!policy) {
    if (change.action === 'delete') return
    throw new OrgBaselineError(
      'PlanMismatch',
      `${kind.noun} ${state.policy} does not exist — its creation must succeed first`,
    )
  }
  const attached = policy.targets.includes(state.targetId)
  if (recheck(change, attached ? state : null) === 'done') return
  const input = { PolicyId: policy.id, TargetId: state.targetId }
  if (change.action === 'delete') {
    await retryConflicts(() => org.send(new DetachPolicyCommand(input))).catch(
      ignoring('PolicyNotAttachedException'),
    )
  } else {
    await retryConflicts(() => org.send(new AttachPolicyCommand(input))).catch(
      ignoring('DuplicatePolicyAttachmentException'),
    )
  }
}

export function applyOrgPolicyChange(
  kind: PolicyKind,
  change: Change,
  ctx: Context,
  wanted: () => Promise<WantedPolicy[]>,
): Promise<void> {
  if (change.address === policyTypeAddress(kind)) return applyPolicyType(kind, change, ctx)
  if (change.address.startsWith(`${kind.module}.policy[`))
    return wanted().then((list) => applyPolicy(kind, change, ctx, list))
  return applyAttachment(kind, change, ctx)
}
