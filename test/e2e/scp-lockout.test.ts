// The lockout guard end to end: an SCP someone else attached that already locks the member role out is a
// plan error naming it, and apply writes nothing.
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  EnablePolicyTypeCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { retryConflicts } from '../../src/aws/retry-conflicts.ts'
import { management } from '../sandbox/helpers.ts'
import { cli, EXAMPLE, withSandbox, writes } from './harness.ts'
import { organizationalUnits, roots } from './org-reads.ts'

const test = suite('scp lockout guard')

test('a hand-made SCP on an OU denying the member role GuardDuty reads: plan exits 1 naming it, apply writes nothing', async () => {
  await withSandbox({}, async (sandbox) => {
    const org = new OrganizationsClient(management(sandbox))
    const rootId = (await roots(org))[0]?.Id ?? ''
    await org
      .send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }))
      .catch((e: Error) => {
        if (e.name !== 'PolicyTypeAlreadyEnabledException') throw e
      })
    const workloads = (await organizationalUnits(org, rootId)).find((u) => u.Name === 'Workloads')?.Id
    assert.ok(workloads, 'the default sandbox has a Workloads OU')
    // Under the soak's faults mode this out-of-band write may meet a conflict, which the SDK does not retry.
    const { Policy } = await retryConflicts(() =>
      org.send(
        new CreatePolicyCommand({
          Name: 'no-guardduty-here',
          Description: 'hand-made',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Sid: 'NoGuardDuty', Effect: 'Deny', Action: 'guardduty:*', Resource: '*' }],
          }),
        }),
      ),
    )
    const id = Policy?.PolicySummary?.Id ?? ''
    await retryConflicts(() => org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: workloads })))

    const plan = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(plan.code, 1, plan.stdout + plan.stderr)
    const output = plan.stdout + plan.stderr
    for (const part of [
      `SCP no-guardduty-here (${id}) statement "NoGuardDuty" (attached to Workloads`,
      'the member role (org-baseline-member) guardduty:ListDetectors',
      ' in account ',
      ', region ',
    ]) {
      assert.ok(output.includes(part), `the refusal names ${part}:\n${output}`)
    }

    sandbox.calls.clear()
    const apply = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(apply.code, 1, apply.stdout + apply.stderr)
    assert.equal(writes(sandbox), [], 'apply writes nothing')
  })
})

test.run()
