// Drift detection of ordinary stacks (DetectStackDrift, then DescribeStackDriftDetectionStatus with the same
// backoff as operations). The result shows in the stack's DriftInformation, which the next observe reads.
import {
  DescribeStackDriftDetectionStatusCommand,
  DetectStackDriftCommand,
} from '@aws-sdk/client-cloudformation'
import { pollUntil } from '../../aws/poll.ts'
import type { Context } from '../../engine/module.ts'
import { settleAll } from '../../engine/settle-all.ts'
import { errorName } from '../../errors.ts'
import { type StackSpec, stackAddress, stackName } from './catalogue.ts'

/** Returns the stacks whose detection did not finish by the deadline. */
export async function detectStacksDrift(
  ctx: Context,
  specs: StackSpec[],
  deadline: number,
): Promise<string[]> {
  const unfinished = await settleAll(
    specs.map(async (spec) => {
      const client = ctx.aws.cloudformation(spec.region, spec.account)
      let id: string | undefined
      try {
        id = (await client.send(new DetectStackDriftCommand({ StackName: stackName(spec.template) })))
          .StackDriftDetectionId
      } catch (error) {
        // A stack that does not exist yet has nothing to drift; plan shows it as missing.
        if (errorName(error) === 'ValidationError' && /does not exist/.test((error as Error).message)) return
        // A stack being created or updated cannot be checked now (AWS refuses while it is in progress):
        // pending, like a check that did not finish.
        if (
          errorName(error) === 'ValidationError' &&
          /in progress|IN_PROGRESS/.test((error as Error).message)
        )
          return `${stackAddress(spec.template, spec.account, spec.region)} (busy: in progress)`
        throw error
      }
      const { finished } = await pollUntil(
        () => client.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: id })),
        (status) => status.DetectionStatus !== 'DETECTION_IN_PROGRESS',
        { deadline },
      )
      return finished ? undefined : stackAddress(spec.template, spec.account, spec.region)
    }),
  )
  return unfinished.filter((u): u is string => u !== undefined)
}
