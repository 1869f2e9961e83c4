// A renewal under way when the run releases its lease must not write the lease back after the untag (it would
// outlive the run by a whole lease and stop the next run on another host). Organizations is faked in memory so
// the test decides when the renewal's read answers.
import {
  ListTagsForResourceCommand,
  OrganizationsClient,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { AwsClients } from '../../../src/aws/clients.ts'
import { LOCK_TAG, RunLock } from '../../../src/engine/run-lock.ts'

const test = suite('RunLock.release')

function fakeOrganizations() {
  const tags = new Map<string, string>()
  let holdReads: Promise<void> | undefined
  let readsHeld = 0
  // A real client (the paginator insists), its send answered here.
  const client = new OrganizationsClient({ region: 'us-east-1' })
  Object.assign(client, {
    send: async (command: unknown) => {
      if (command instanceof ListTagsForResourceCommand) {
        const held = holdReads
        if (held) {
          // Only the next read is held (the renewal's); later ones (the release's) answer at once.
          holdReads = undefined
          readsHeld++
          await held
        }
        return { Tags: [...tags].map(([Key, Value]) => ({ Key, Value })) }
      }
      if (command instanceof TagResourceCommand) {
        for (const t of command.input.Tags ?? []) tags.set(t.Key ?? '', t.Value ?? '')
        return {}
      }
      if (command instanceof UntagResourceCommand) {
        for (const k of command.input.TagKeys ?? []) tags.delete(k)
        return {}
      }
      throw new Error('unexpected call')
    },
  })
  return {
    aws: { organizations: () => client } as unknown as AwsClients,
    tags,
    /** Holds the next tag read until the returned function is called. */
    hold: () => {
      let release!: () => void
      holdReads = new Promise((r) => {
        release = r
      })
      return release
    },
    readsHeld: () => readsHeld,
  }
}

test('a renewal that read the lease before the release does not put it back after the untag', async () => {
  const org = fakeOrganizations()
  const lock = new RunLock(org.aws, {
    rootId: 'r-test',
    runId: 'host:1:run',
    waitMs: 0,
    settleMs: 0,
    renewEveryMs: 5,
  })
  await lock.acquire()
  assert.ok(org.tags.has(LOCK_TAG))
  const answer = org.hold()
  // Wait for the renewal's read to be under way (held), then release while it is.
  while (org.readsHeld() === 0) await new Promise((r) => setTimeout(r, 1))
  const released = lock.release()
  answer()
  await released
  await new Promise((r) => setTimeout(r, 20))
  assert.is(org.tags.get(LOCK_TAG), undefined)
})

test.run()
