// Writes one SCP change after re-reading it. Policies are created with their ownership tags in the same
// call, so a policy org-baseline created is never left untagged; "already done" answers count as done.
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  TagResourceCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { Change } from '../../engine/change.ts'
import type { Context } from '../../engine/module.ts'
import { recheck } from '../../engine/recheck.ts'
import { errorName, OrgBaselineError } from '../../errors.ts'
import type { AttachmentState, PolicyState } from './diff.ts'
import { readScp } from './observe.ts'
import { CONTENT_TAG, MANAGED_TAG, POLICY_TYPE_ADDRESS, SCP_TYPE, sha256 } from './observed.ts'

const ignoring =
  (...names: string[]) =>
  (error: unknown) => {
    if (!names.includes(errorName(error) ?? '')) throw error
  }

async function applyPolicyType(change: Change, ctx: Context): Promise<void> {
  const org = ctx.aws.organizations()
  const { Roots } = await org.send(new ListRootsCommand({}))
  const root = Roots?.[0]
  const enabled = root?.PolicyTypes?.some((t) => t.Type === SCP_TYPE && t.Status === 'ENABLED')
  if (recheck(change, enabled ? change.after : null) === 'done') return
  await retryConflicts(() =>
    org.send(new EnablePolicyTypeCommand({ RootId: root?.Id, PolicyType: SCP_TYPE })),
  ).catch(ignoring('PolicyTypeAlreadyEnabledException'))
}

async function applyPolicy(change: Change, ctx: Context): Promise<void> {
  const org = ctx.aws.organizations()
  const state = (change.after ?? change.before) as PolicyState
  const found = await readScp(ctx.aws, state.name)
  const current = found?.owned
  if (found?.unowned) {
    throw new OrgBaselineError(
      'NotOwned',
      `SCP ${state.name} now exists without the org-baseline tag — run plan again`,
    )
  }
  if (recheck(change, current ? { name: current.name, content: current.content } : null) === 'done') return

  if (change.action === 'delete') {
    await retryConflicts(() => org.send(new DeletePolicyCommand({ PolicyId: current?.id }))).catch(
      ignoring('PolicyNotFoundException'),
    )
    return
  }
  const desired = ctx.desired.scps.find((s) => s.name === state.name)
  if (!desired)
    throw new OrgBaselineError(
      'PlanMismatch',
      `SCP ${state.name} is not in the config any more — run plan again`,
    )
  const hash = { Key: CONTENT_TAG, Value: sha256(desired.minified) }
  if (!current) {
    await retryConflicts(() =>
      org.send(
        new CreatePolicyCommand({
          Name: desired.name,
          Type: SCP_TYPE,
          Description: 'Managed by org-baseline; changes made here are reverted.',
          Content: desired.minified,
          Tags: [{ Key: MANAGED_TAG, Value: 'true' }, hash],
        }),
      ),
    ).catch(async (error) => {
      // A concurrent run created it: fine only if it is ours with this content.
      if (errorName(error) !== 'DuplicatePolicyException') throw error
      const again = (await readScp(ctx.aws, desired.name))?.owned
      if (!again) throw error
      recheck({ ...change, before: change.after }, { name: again.name, content: again.content })
    })
    return
  }
  // Record the new hash first: if the run stops in between, the next plan sees a drift and repairs it.
  await retryConflicts(() => org.send(new TagResourceCommand({ ResourceId: current.id, Tags: [hash] })))
  await retryConflicts(() =>
    org.send(new UpdatePolicyCommand({ PolicyId: current.id, Content: desired.minified })),
  )
}

async function applyAttachment(change: Change, ctx: Context): Promise<void> {
  const org = ctx.aws.organizations()
  const state = (change.after ?? change.before) as AttachmentState
  const policy = (await readScp(ctx.aws, state.policy))?.owned
  if (!policy) {
    if (change.action === 'delete') return
    throw new OrgBaselineError(
      'PlanMismatch',
      `SCP ${state.policy} does not exist — its creation must succeed first`,
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

export function applyScpChange(change: Change, ctx: Context): Promise<void> {
  if (change.address === POLICY_TYPE_ADDRESS) return applyPolicyType(change, ctx)
  if (change.address.startsWith('scp.policy[')) return applyPolicy(change, ctx)
  return applyAttachment(change, ctx)
}
