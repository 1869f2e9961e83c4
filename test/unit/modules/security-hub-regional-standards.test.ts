// Standards Security Hub does not offer in a region are not requested there (issue 13). AWS documents no
// such gap for the standards the config can name (regional-standards.ts), so the mechanism is shown with a
// table of the same shape.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { STANDARDS_NOT_OFFERED, splitOffered } from '../../../src/modules/security-hub/regional-standards.ts'

const test = suite('security hub regional standards')

const TABLE = { 'ap-east-2': ['nist-800-53'] }

test('a standard listed for a region is left out there, and named, and kept everywhere else', () => {
  assert.equal(splitOffered(['fsbp', 'nist-800-53'], 'ap-east-2', TABLE), {
    offered: ['fsbp'],
    notOffered: ['nist-800-53'],
  })
  assert.equal(splitOffered(['fsbp', 'nist-800-53'], 'us-east-1', TABLE), {
    offered: ['fsbp', 'nist-800-53'],
    notOffered: [],
  })
})

test('the shipped table has no row without a source: it is empty until AWS documents a gap', () => {
  assert.equal(STANDARDS_NOT_OFFERED, {})
})

test.run()
