// StackSet drift detection for the `drift` and `reconcile` commands: AWS does not report out-of-band
// changes to stack instances on its own, so the tool asks (DetectStackSetDrift on each of its stack sets,
// in parallel, and DetectStackDrift on its ordinary stacks) and waits until the deadline. What it finds
// shows up in the next observe as DRIFTED instances, instances whose drift check failed (their stack is
// gone), and drifted stacks.
import { DetectStackSetDriftCommand } from '@aws-sdk/client-cloudformation'
import type { Context } from '../../engine/module.ts'
import { settleAll } from '../../engine/settle-all.ts'
import { errorName } from '../../errors.ts'
import { operationPreferences, stackSetAdmin } from './admin.ts'
import { plannedStackSets, plannedStacks, stackSetName } from './catalogue.ts'
import { observeStackSet } from './observe.ts'
import { OperationStillRunning, runOperation } from './operations.ts'
import { detectStacksDrift } from './stack-drift.ts'

export async function detectStackSetDrift(ctx: Context, deadline: number): Promise<{ unfinished: string[] }> {
  const admin = stackSetAdmin(ctx)
  const unfinished: string[] = []
  // Every check started is waited for, failed or not, before the report is made (settleAll).
  const sets = settleAll(
    plannedStackSets(ctx.desired).map(async (spec) => {
      const name = stackSetName(spec.template)
      if (!(await observeStackSet(admin.reader, spec.template, [], false))) return
      try {
        await runOperation(
          ctx,
          admin,
          async () =>
            (
              await admin.writer.send(
                new DetectStackSetDriftCommand({
                  StackSetName: name,
                  // A failed check (a stack gone) is a finding; it must not cancel the other checks.
                  OperationPreferences: operationPreferences(ctx.desired, 100),
                  ...admin.callAs,
                }),
              )
            ).OperationId,
          { stackSet: name, deadline, failuresAreFindings: true },
        )
      } catch (error) {
        // Someone else's operation (StackSets' own auto-deployment, a person) still holds the stack set at
        // the deadline, or AWS kept refusing while it ran: that stack set is pending, every other goes on.
        if (!(error instanceof OperationStillRunning) && errorName(error) !== 'OperationInProgressException')
          throw error
        unfinished.push(`stack set ${name} (another operation on it is still running)`)
      }
    }),
  )
  const [, stacks] = await settleAll<unknown>([
    sets,
    detectStacksDrift(ctx, plannedStacks(ctx.desired), deadline),
  ])
  unfinished.push(...(stacks as string[]).map((address) => `stack ${address}`))
  return { unfinished: unfinished.sort() }
}
