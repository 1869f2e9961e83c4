import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { closest, describeValue, editDistance } from '../../../src/config/messages.ts'

test('edit distance counts insertions, deletions and substitutions', () => {
  assert.is(editDistance('guardduty', 'guardDuty'), 1)
  assert.is(editDistance('exclud', 'exclude'), 1)
  assert.is(editDistance('', 'abc'), 3)
})

test('a key differing only in case is suggested before anything else', () => {
  assert.is(closest('guardduty', ['guardDuty', 'guardRail']), 'guardDuty')
})

test('nothing is suggested when every candidate is far away, so suggestions are not noise', () => {
  assert.is(closest('xyz', ['guardDuty', 'securityHub']), undefined)
})

test('values are shown as written: strings quoted, collections named', () => {
  assert.is(describeValue('ten'), '"ten"')
  assert.is(describeValue(5), '5')
  assert.is(describeValue([1]), 'a list')
  assert.is(describeValue({ a: 1 }), 'a mapping')
  assert.is(describeValue(null), 'an empty value')
})

test.run()
