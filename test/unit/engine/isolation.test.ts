// `--only` reads the selected modules and what their changes wait for; a 404 that is no AWS error is a missing API.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isMissingApi } from '../../../src/aws/missing-api.ts'
import { MODULE_DEPENDENCIES, MODULES, withDependencies } from '../../../src/modules/index.ts'

const test = suite('modules in isolation')

const CASES: { reason: string; only: string[]; expect: string[] }[] = [
  { reason: 'SCPs rest on nothing but the organization', only: ['scp'], expect: ['scp'] },
  {
    reason: 'stack sets wait for trusted access and the StackSets delegated admin',
    only: ['stacksets'],
    expect: ['delegated-admins', 'stacksets', 'trusted-access'],
  },
  {
    reason:
      'Security Hub standards wait for the Config recorders (stacksets), transitively their dependencies',
    only: ['security-hub'],
    expect: ['delegated-admins', 'security-hub', 'stacksets', 'trusted-access'],
  },
]
for (const c of CASES) {
  test(c.reason, () => {
    assert.equal([...withDependencies(c.only)].sort(), c.expect)
  })
}

test('every module has an entry, naming only modules that exist', () => {
  const names = MODULES.map((m) => m.name).sort()
  assert.equal(Object.keys(MODULE_DEPENDENCIES).sort(), names)
  for (const deps of Object.values(MODULE_DEPENDENCIES))
    for (const d of deps) assert.ok(names.includes(d), `${d} is a module`)
})

const MISSING: { reason: string; error: object; expect: boolean }[] = [
  {
    reason: 'restJson/awsJson: the HTML page is not JSON',
    error: { name: 'SyntaxError', message: 'Unexpected token', $metadata: { httpStatusCode: 404 } },
    expect: true,
  },
  {
    reason: 'awsQuery: no error code in the page',
    error: { name: 'NotFound', message: 'Unknown', $metadata: { httpStatusCode: 404 } },
    expect: true,
  },
  {
    reason: "a service's own 404 error is an answer, not a missing API",
    error: { name: 'ResourceNotFoundException', message: 'not found', $metadata: { httpStatusCode: 404 } },
    expect: false,
  },
  {
    reason: 'a parse error on another status is not a missing API',
    error: { name: 'SyntaxError', message: 'Unexpected token', $metadata: { httpStatusCode: 502 } },
    expect: false,
  },
]
for (const c of MISSING) {
  test(c.reason, () => {
    assert.is(isMissingApi(c.error), c.expect)
  })
}

test.run()
