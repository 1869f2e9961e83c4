import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { cli, EXAMPLE, withSandbox, writes } from './harness.ts'

const test = suite('names resolved against the organization')

async function configWith(edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-'))
  const file = join(dir, 'org.yaml')
  await writeFile(
    file,
    edit(await readFile(EXAMPLE, 'utf8')).replace('# yaml-language-server: $schema=./schema.json\n', ''),
  )
  return file
}

test('unknown account and OU names are config errors at their line, all at once, before any write', async () => {
  await withSandbox({}, async (sandbox) => {
    const file = await configWith((t) =>
      t
        .replace('securityTooling: Security Tooling', 'securityTooling: Security Toolng')
        .replace('ous: [Suspended]', 'ous: [Suspendid]'),
    )
    const run = await cli(['plan', '-c', file], sandbox)
    assert.is(run.code, 1)
    const lines = run.stderr.trim().split('\n')
    assert.is(lines.length, 2, run.stderr)
    assert.match(
      lines[0] ?? '',
      new RegExp(`^${file}:\\d+:\\d+: accounts.securityTooling: no account "Security Toolng"`),
    )
    assert.match(
      lines[1] ?? '',
      new RegExp(`^${file}:\\d+:\\d+: deployment.exclude.ous\\[0\\]: no OU "Suspendid"`),
    )
    assert.match(lines[1] ?? '', 'OU paths are written from the root')
    assert.equal(writes(sandbox), [])
  })
})

test('credentials of another organization are refused: the management account id must match', async () => {
  await withSandbox({}, async (sandbox) => {
    const file = await configWith((t) =>
      t.replace('management: "111111111111"', 'management: "999999999999"'),
    )
    const run = await cli(['apply', '-c', file, '--yes'], sandbox)
    assert.is(run.code, 1)
    assert.match(run.stderr, 'accounts.management: the credentials reach organization')
    assert.match(run.stderr, 'whose management account is 111111111111, not 999999999999')
    assert.equal(writes(sandbox), [])
  })
})

test.run()
