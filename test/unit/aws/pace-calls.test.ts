// Pacing is per operation (src/aws/pace-calls.ts): a throttled ListRoots paces the next ListRoots of the same
// client, not its other operations.
import { DescribeOrganizationCommand, ListRootsCommand } from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { AwsClients } from '../../../src/aws/clients.ts'
import { spendWaitsOn } from '../../../src/aws/poll.ts'
import { startSandbox } from '../../../src/sandbox/index.ts'

const test = suite('pace calls')

test('a throttled operation is paced; another operation of the same client is not', async () => {
  const sandbox = await startSandbox({ faults: 'throttle=1@ListRoots' })
  const waits: number[] = []
  const restore = spendWaitsOn(async (ms) => {
    waits.push(ms)
  })
  try {
    const org = new AwsClients({
      region: 'us-east-1',
      endpointUrl: sandbox.endpoint,
      memberRoleName: 'org-baseline-member',
      credentials: async () => sandbox.credentials,
      maxAttempts: 1,
    }).organizations()
    await org.send(new ListRootsCommand({})).catch(() => undefined)
    assert.equal(waits, [], 'one attempt, no retry: nothing waited yet')
    await org.send(new DescribeOrganizationCommand({}))
    assert.equal(waits, [], 'another operation goes at once')
    await org.send(new ListRootsCommand({})).catch(() => undefined)
    assert.equal(waits, [50], 'the throttled operation takes its turn')
  } finally {
    restore()
    await sandbox.close()
  }
})

test.run()
