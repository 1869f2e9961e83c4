// Idempotency tokens: the same change sent again in a run carries the same token (AWS answers the first
// request's outcome); another change, or the same change applied again after a "not yet" answer, does not.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { requestToken } from '../../../src/engine/request-token.ts'

const change = {
  address: 'stack[organization-trail@111111111111:us-east-1]',
  action: 'create' as const,
  before: null,
  after: { template: 'abc', parameters: {} },
}

test("the same change and verb: the same token, in both APIs' alphabet and length", () => {
  const token = requestToken('create', change)
  assert.is(requestToken('create', { ...change }), token)
  assert.match(token, /^[a-zA-Z0-9][-a-zA-Z0-9]*$/)
  assert.ok(token.length <= 64, token)
})

test('another verb, another change or another attempt: another token', () => {
  const token = requestToken('create', change)
  assert.is.not(requestToken('delete', change), token)
  assert.is.not(requestToken('create', { ...change, after: { template: 'def', parameters: {} } }), token)
  assert.is.not(requestToken('create', { ...change, attempt: 1 }), token)
  assert.is(requestToken('create', { ...change, attempt: 0 }), token, 'attempt 0 is the first one')
})

test.run()
