// Modules in isolation: `--only` reads only the selected modules and what they depend on, an endpoint that
// lacks an API is named as such, and account:ListRegions is asked only when the config needs it.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { cli, EXAMPLE, withSandbox, writes } from './harness.ts'

const test = suite('modules in isolation')

/** The example config with `regions.targets` replaced (its other settings unchanged). */
async function configWithTargets(targets: string): Promise<string> {
  const text = (await readFile(EXAMPLE, 'utf8')).replace(/^ {2}targets: enabled$/m, `  targets: ${targets}`)
  assert.ok(text.includes(`targets: ${targets}`), 'the example config has regions.targets: enabled')
  const file = join(await mkdtemp(join(tmpdir(), 'org-baseline-')), 'org.yaml')
  await writeFile(file, text)
  return file
}

test('--only scp against an endpoint without Security Hub applies the SCPs and says nothing of Security Hub', async () => {
  await withSandbox({ services: { securityhub: false } }, async (sandbox) => {
    const run = await cli(['apply', '-c', EXAMPLE, '--only', 'scp', '--yes'], sandbox)
    assert.is(run.code, 0, run.stdout + run.stderr)
    const made = writes(sandbox)
    assert.ok(made.includes('organizations:CreatePolicy'), made.join(', '))
    assert.ok(made.includes('organizations:AttachPolicy'), made.join(', '))
    // The SCP's own text names the service in its Sids ("…SecurityHub…"); the module, its API and its name do not appear.
    assert.not.match(run.stdout + run.stderr, /security-hub|securityhub|Security Hub|does not offer/)
    const read = new Set(sandbox.calls.entries.map((c) => c.service))
    assert.not.ok(read.has('guardduty') || read.has('cloudformation'), `only scp was read: ${[...read]}`)
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 1, 'the full plan still needs Security Hub')
  })
})

test('a plan against an endpoint without Security Hub names the service and operation, not a parse error', async () => {
  await withSandbox({ services: { securityhub: false } }, async (sandbox) => {
    const run = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(run.code, 1, run.stdout + run.stderr)
    const output = run.stdout + run.stderr
    assert.match(
      output,
      /securityhub:[A-Za-z]+: the endpoint http:\/\/127\.0\.0\.1:\d+ does not offer this API/,
    )
    assert.not.match(output, /Unexpected token|Deserialization error/)
  })
})

// Default regions are enabled in every account and cannot be disabled: naming only them needs no call.
test('regions.targets listing default regions only: account:ListRegions is never called', async () => {
  await withSandbox({}, async (sandbox) => {
    const config = await configWithTargets('[us-east-1, eu-west-1]')
    const run = await cli(['plan', '-c', config], sandbox)
    assert.is(run.code, 2, run.stdout + run.stderr)
    const listRegions = sandbox.calls.entries.filter((c) => c.operation === 'ListRegions')
    assert.equal(listRegions, [])
  })
})

test('regions.targets: enabled still reads the management account regions', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 2)
    assert.ok(sandbox.calls.entries.some((c) => c.operation === 'ListRegions'))
  })
})

test.run()
