// Writes one SCP change after re-reading it. Policies are created with their ownership tags in the same
// call, so a policy org-baseline created is never left untagged; "already done" answers count as done.
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
import type { AttachmentState, PolicyState } from './diff.ts'
import { readScp } from './observe.ts'
import {
  CONTENT_TAG,
  MANAGED_TAG,
  POLICY_DESCRIPTION,
  POLICY_TYPE_ADDRESS,
  SCP_TYPE,
  sha256,
} from './observed.ts'

const ignoring =
  (...names: string[]) =>
  (error: unknown) => {
    if (!names.includes(errorName(error) ?? '')) throw error
  }

const scpStatus = (root: Root) => root.PolicyTypes?.find((t) => t.Type === SCP_TYPE)?.Status

/** How long EnablePolicyType may stay PENDING_ENABLE before apply gives up on the SCPs that need it. */
const POLICY_TYPE_WAIT_MS = 5 * 60_000

async function applyPolicyType(change: Change, ctx: Context): Promise<void> {
  const org = ctx.aws.organizations()
  const root = await readRoot(org)
  const status = scpStatus(root)
  if (recheck(change, status === 'ENABLED' ? change.after : null) === 'done') return
  if (status !== 'PENDING_ENABLE') {
    await retryConflicts(() =>
      org.send(new EnablePolicyTypeCommand({ RootId: root.Id, PolicyType: SCP_TYPE })),
    ).catch(ignoring('PolicyTypeAlreadyEnabledException'))
  }
  // EnablePolicyType is asynchronous (PENDING_ENABLE): attaching before it is ENABLED is refused.
  const deadline = Math.min(ctx.deadline ?? Number.POSITIVE_INFINITY, Date.now() + POLICY_TYPE_WAIT_MS)
  const { value, finished } = await pollUntil(
    async () => scpStatus(await readRoot(org)),
    (s) => s === 'ENABLED',
    { readFirst: true, deadline },
  )
  if (!finished) {
    throw new OrgBaselineError(
      'PolicyTypePending',
      `service control policies are still ${value ?? 'not enabled'} on root ${root.Id} — run apply again in a few minutes`,
    )
  }
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
          Description: POLICY_DESCRIPTION,
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
