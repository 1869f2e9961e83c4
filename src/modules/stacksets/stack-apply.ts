// Applies one ordinary-stack change: re-read, compare with the plan, then create / update (or delete the
// remains of a failed create and create again), and wait for the stack to settle with backoff polling.
import { isDeepStrictEqual } from 'node:util'
import {
  type CloudFormationClient,
  CreateStackCommand,
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
import { errorName, OrgBaselineError, StalePlanError } from '../../errors.ts'
import { type StackSpec, stackName } from './catalogue.ts'
import { observeStack, readTemplates } from './observe.ts'
import { desiredStackState, stackState } from './stack-diff.ts'
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
  const current = creating ? null : await observeStack(client, spec.template)
  if (!creating && recheck(change, stackState(current)) === 'done') return
  const label = `${name} (${spec.account} ${spec.region})`
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
  if (current && (change.action === 'create' || before?.drifted)) {
    // The remains of a failed create cannot be updated, and drift is not reverted by an unchanged
    // template: the stack is deleted and created again.
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: name }))
    const stackId = Stacks?.[0]?.StackId ?? name
    await retryConflicts(() => client.send(new DeleteStackCommand({ StackName: stackId })))
    await waitForStack(ctx, client, stackId, label)
  }

  let stackId: string
  if (change.action === 'create' || before?.drifted) {
    try {
      stackId = (await retryConflicts(() => client.send(new CreateStackCommand(definition)))).StackId ?? name
    } catch (error) {
      if (errorName(error) !== 'AlreadyExistsException') throw error
      const again = await observeStack(client, spec.template)
      if (isDeepStrictEqual(stackState(again), change.after)) return
      throw new StalePlanError(`${change.address}: someone else created the stack meanwhile — run plan again`)
    }
  } else {
    try {
      stackId = (await retryConflicts(() => client.send(new UpdateStackCommand(definition)))).StackId ?? name
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
  if (status !== 'CREATE_COMPLETE' && status !== 'UPDATE_COMPLETE') {
    throw new StackFailed(`stack ${label} ended ${status}: ${await failureReason(client, stackId)}`)
  }
}
