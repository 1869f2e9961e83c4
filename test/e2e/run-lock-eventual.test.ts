// The run lock against tags that read back stale (issue 13): two runners claiming at once under eventual
// consistency — exactly one holds the lease, the other is told who does.
import { hostname } from 'node:os'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { AwsClients } from '../../src/aws/clients.ts'
import { LockHeldError, RunLock } from '../../src/engine/run-lock.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { withSandbox } from './harness.ts'

const test = suite('run lock under eventual consistency')

/** The tool's own clients against the sandbox, as a run makes them. */
const toolClients = (sandbox: Sandbox) =>
  new AwsClients({
    region: 'us-east-1',
    memberRoleName: 'org-baseline',
    endpointUrl: sandbox.endpoint,
    credentials: async () => sandbox.credentials,
  })

test('two runners claiming at once: one holds the lease, the other sees it held', async () => {
  await withSandbox({ consistency: 'eventual', consistencySeed: 2 }, async (sandbox) => {
    const aws = toolClients(sandbox)
    // At speed 1000 the longest stale window (10 simulated s) is 10 real ms: a 30 ms settle outlasts it.
    const lock = (runId: string) =>
      new RunLock(aws, { rootId: sandbox.world.rootId, runId, leaseMs: 60_000, waitMs: 0, settleMs: 30 })
    const outcomes = await Promise.allSettled([lock('host:1:a').acquire(), lock('host:2:b').acquire()])
    const held = outcomes.filter((o) => o.status === 'fulfilled')
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []))
    assert.is(held.length, 1, 'exactly one runner holds the lease')
    assert.is(refused.length, 1)
    assert.instance(refused[0], LockHeldError)
  })
})

test("a killed run's lease is taken over though the tag reads back stale after the takeover", async () => {
  // A pid above Linux's largest (pid_max is at most 2^22): the holder's process is surely gone.
  const killed = `${hostname()}:4194305:dead`
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    await withSandbox({ consistency: 'eventual', consistencySeed: seed }, async (sandbox) => {
      const aws = toolClients(sandbox)
      const lock = (runId: string) =>
        new RunLock(aws, { rootId: sandbox.world.rootId, runId, leaseMs: 60_000, waitMs: 0, settleMs: 1 })
      await lock(killed).acquire()
      // No settle to speak of: the read-back right after the takeover is the one that can be stale.
      const next = lock('host:2:b')
      assert.is(await next.acquire(), false, `seed ${seed}: taken over at once`)
      await next.release()
    })
  }
})

test.run()
