// Applies one ordinary-stack change: re-read, compare with the plan, then create / update (or delete the
// remains of a failed create and create again), and wait for the stack to settle with backoff polling.
import { isDeepStrictEqual } from 'node:util'
import {
  type CloudFormationClient,
  CreateStackCommand,
  type CreateStackCommandInput,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation'
import { pollUntil } from '../../aws/poll.ts'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { Change } from '../../engine/change.ts'
import type { Context } from '../../engine/module.ts'
import { recheck } from '../../engine/recheck.ts'
import { requestToken } from '../../engine/request-token.ts'
import { errorName, OrgBaselineError, StalePlanError } from '../../errors.ts'
import { type StackSpec, stackName } from './catalogue.ts'
import { observeStack, readTemplates } from './observe.ts'
import { desiredStackState, REPLACEABLE, SETTLED_OK, stackState } from './stack-diff.ts'
import { ownedTags } from './template-hash.ts'

export class StackFailed extends OrgBaselineError {
  constructor(message: string) {
    super('StackFailed', message)
    this.name = 'StackFailed'
  }
}

export class StackStillRunning extends OrgBaselineError {
  constructor(stack: string, status: string) {
    super('StillRunning', `stack ${stack} is still ${status} at the deadline — run apply again to finish`)
    this.name = 'StackStillRunning'
  }
}

const IN_PROGRESS = /_IN_PROGRESS$/

async function waitForStack(ctx: Context, client: CloudFormationClient, stackId: string, label: string) {
  const read = async () =>
    (await client.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0]?.StackStatus ??
    'UNKNOWN'
  const { value, finished } = await pollUntil(read, (status) => !IN_PROGRESS.test(status), {
    deadline: ctx.deadline,
  })
  if (!finished) throw new StackStillRunning(label, value)
  return value
}

/** The first resource failure of the stack's latest attempt, in AWS's words. */
async function failureReason(client: CloudFormationClient, stackId: string): Promise<string> {
  const { StackEvents } = await client.send(new DescribeStackEventsCommand({ StackName: stackId }))
  const failed = (StackEvents ?? []).filter(
    (e) => e.ResourceStatus?.endsWith('_FAILED') && e.ResourceStatusReason,
  )
  const first = failed.at(-1)
  return first
    ? `${first.LogicalResourceId} (${first.ResourceType}): ${first.ResourceStatusReason}`
    : 'no reason given'
}

export async function applyStackChange(
  change: Change,
  ctx: Context,
  spec: StackSpec | undefined,
): Promise<void> {
  if (!spec) throw new StalePlanError(`${change.address} is no longer part of the baseline — run plan again`)
  const client = ctx.aws.cloudformation(spec.region, spec.account)
  const name = stackName(spec.template)
  const body =
    (await readTemplates(ctx.desired.baseline.templateDir, [spec.template], ctx.desired.baseline))[
      spec.template
    ] ?? ''
  if (!isDeepStrictEqual(desiredStackState(spec, body), change.after)) {
    throw new StalePlanError(
      `${change.address}: the template or its parameters changed since the plan — run plan again`,
    )
  }
  // Creating a stack planned as absent needs no read first: CreateStack itself refuses an existing stack
  // (AlreadyExistsException), which is then read and compared. This saves one call per stack.
  const creating = change.action === 'create' && change.before === null
  const label = `${name} (${spec.account} ${spec.region})`
  let current = creating ? null : await observeStack(client, spec.template)
  if ((change.before as { unsettled?: string } | null)?.unsettled) {
    // Planned while the stack was busy or stuck: wait for it, then judge what it settled as.
    if (current && IN_PROGRESS.test(current.status)) {
      await waitForStack(ctx, client, name, label)
      current = await observeStack(client, spec.template)
    }
    return judgeSettled(change, current, client, name, label)
  }
  if (!creating && recheck(change, stackState(current)) === 'done') return
  const definition = {
    StackName: name,
    TemplateBody: body,
    Parameters: Object.entries(spec.parameters).map(([ParameterKey, ParameterValue]) => ({
      ParameterKey,
      ParameterValue,
    })),
    Tags: ownedTags(body),
  }

  const before = change.before as { drifted?: true } | null
  // The remains of a failed create cannot be updated, and drift is not reverted by an unchanged
  // template: the stack is deleted and created again.
  const replaced =
    current && (change.action === 'create' || before?.drifted)
      ? await deleteStack(ctx, client, name, change, label)
      : undefined

  let stackId: string
  if (change.action === 'create' || before?.drifted) {
    try {
      stackId = await createStack(client, definition, change, replaced)
    } catch (error) {
      if (errorName(error) !== 'AlreadyExistsException' || replaced) throw error
      // Made by an earlier attempt whose answer was lost, or by someone else: wait for it, then judge it.
      await waitForStack(ctx, client, name, label)
      const settled = await observeStack(client, spec.template)
      if (!settled || !REPLACEABLE.has(settled.status))
        return judgeSettled(change, settled, client, name, label)
      // Rolled back: an earlier attempt's create that failed (e.g. before a dependency had reached its
      // service, settling.ts). What the change wants is a fresh create, as for any failed create's remains.
      stackId = await createStack(
        client,
        definition,
        change,
        await deleteStack(ctx, client, name, change, label),
      )
    }
  } else {
    const ClientRequestToken = requestToken('update', change)
    try {
      stackId =
        (
          await retryConflicts(() =>
            client.send(new UpdateStackCommand({ ...definition, ClientRequestToken })),
          )
        ).StackId ?? name
    } catch (error) {
      if (
        errorName(error) === 'ValidationError' &&
        /No updates are to be performed/.test((error as Error).message)
      )
        return
      throw error
    }
  }
  const status = await waitForStack(ctx, client, stackId, label)
  if (!SETTLED_OK.has(status)) {
    throw new StackFailed(`stack ${label} ended ${status}: ${await failureReason(client, stackId)}`)
  }
}

/** Deletes a stack's remains and waits until they are gone; answers the deleted stack's id. */
async function deleteStack(
  ctx: Context,
  client: CloudFormationClient,
  name: string,
  change: Change,
  label: string,
): Promise<string> {
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: name }))
  const stackId = Stacks?.[0]?.StackId ?? name
  const ClientRequestToken = requestToken('delete', { ...change, before: { deleting: stackId } })
  await retryConflicts(() => client.send(new DeleteStackCommand({ StackName: stackId, ClientRequestToken })))
  await waitForStack(ctx, client, stackId, label)
  return stackId
}

/**
 * The token makes a resent CreateStack (its first answer lost) answer the first one's stack. A create after
 * deleting remains carries the deleted stack's id in its token, so it is never answered with those remains.
 */
async function createStack(
  client: CloudFormationClient,
  definition: CreateStackCommandInput,
  change: Change,
  replaced: string | undefined,
): Promise<string> {
  const ClientRequestToken = requestToken('create', replaced ? { ...change, before: { replaced } } : change)
  const created = await retryConflicts(() =>
    client.send(new CreateStackCommand({ ...definition, ClientRequestToken })),
  )
  return created.StackId ?? definition.StackName ?? ''
}

/** A stack that settled on its own: done only when it is healthy and exactly what the change wanted. */
async function judgeSettled(
  change: Change,
  stack: Awaited<ReturnType<typeof observeStack>>,
  client: CloudFormationClient,
  name: string,
  label: string,
): Promise<void> {
  if (stack && !SETTLED_OK.has(stack.status) && !IN_PROGRESS.test(stack.status)) {
    throw new StackFailed(`stack ${label} is ${stack.status}: ${await failureReason(client, name)}`)
  }
  if (stack && isDeepStrictEqual(stackState(stack), change.after)) return
  throw new StalePlanError(
    `${change.address}: the stack settled as ${stack ? `${stack.status} with another template or parameters` : 'deleted'} — run plan again`,
  )
}
