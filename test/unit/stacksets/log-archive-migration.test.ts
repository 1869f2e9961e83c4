// Existing installs: a log-archive stack that still names the bucket from before Object Lock gets a plan note
// saying what apply changes and that the old bucket is kept; a fresh install or a migrated one gets none.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { stackAddress } from '../../../src/modules/stacksets/catalogue.ts'
import { logArchiveMigrationNotes } from '../../../src/modules/stacksets/log-archive-migration.ts'
import type { ObservedStack } from '../../../src/modules/stacksets/observed.ts'
import { desiredFrom } from './fixture.ts'

const test = suite('log archive migration note')
const ADDRESS = stackAddress('log-archive', '333333333333', 'us-east-1')
const stack = (BucketName: string): ObservedStack => ({
  status: 'UPDATE_COMPLETE',
  parameters: { BucketName },
  drifted: false,
})

const CASES: [string, Record<string, ObservedStack | null>, boolean][] = [
  [
    'an install from before Object Lock: its stack names org-baseline-logs-…',
    { [ADDRESS]: stack('org-baseline-logs-333333333333-us-east-1') },
    true,
  ],
  ['a fresh install: no log-archive stack yet', { [ADDRESS]: null }, false],
  [
    'already migrated: the stack names the Object Lock bucket',
    { [ADDRESS]: stack('org-baseline-trail-333333333333-us-east-1') },
    false,
  ],
]

for (const [why, stacks, noted] of CASES) {
  test(why, async () => {
    const notes = logArchiveMigrationNotes(await desiredFrom(), stacks)
    assert.is(notes.length, noted ? 1 : 0)
    if (!noted) return
    const [note] = notes
    assert.is(note?.level, 'warning')
    for (const part of [
      'org-baseline-logs-333333333333-us-east-1 is kept as it is',
      'never empties or deletes it',
      'creates org-baseline-trail-333333333333-us-east-1 (Object Lock, COMPLIANCE mode, 1 year',
      'org-baseline-config-333333333333-us-east-1 for AWS Config',
      'moves the trail and Config delivery to them',
    ])
      assert.match(note?.message ?? '', part)
  })
}

test.run()
