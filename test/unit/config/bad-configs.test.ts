// The bad-config corpus: each directory under test/fixtures/bad-configs holds an org.yaml and the exact
// error lines the loader must print for it (paths relative to the repository root).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ConfigError } from '../../../src/config/errors.ts'
import { loadConfig } from '../../../src/config/load.ts'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const corpus = join(repoRoot, 'test/fixtures/bad-configs')
const cases = readdirSync(corpus).sort()

test('the corpus has at least 25 cases, each with an org.yaml and an expected.txt', () => {
  assert.ok(cases.length >= 25, `only ${cases.length} cases`)
  for (const name of cases) {
    assert.ok(existsSync(join(corpus, name, 'org.yaml')), `${name} has no org.yaml`)
    assert.ok(existsSync(join(corpus, name, 'expected.txt')), `${name} has no expected.txt`)
  }
})

for (const name of cases) {
  test(`bad config "${name}" is rejected with exactly the expected file:line:col errors`, async () => {
    const expected = readFileSync(join(corpus, name, 'expected.txt'), 'utf8')
      .trimEnd()
      .split('\n')
    // Loaded by absolute path so the test does not depend on the cwd; printed relative to the repo root.
    const error = await loadConfig(join(corpus, name, 'org.yaml')).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    assert.instance(error, ConfigError, `${name} loaded without an error`)
    const lines = String(error)
      .split('\n')
      .map((line) => line.replace(repoRoot, ''))
    assert.equal(lines, expected)
  })
}

test.run()
