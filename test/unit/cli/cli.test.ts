import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { cli } from '../../e2e/harness.ts'

const test = suite('cli')

test('--version prints the package version', async () => {
  const run = await cli(['--version'])
  assert.is(run.code, 0)
  assert.is(run.stdout.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version)
})

test('every command has --help', async () => {
  for (const command of ['validate', 'plan', 'apply', 'sandbox']) {
    const run = await cli([command, '--help'])
    assert.is(run.code, 0, command)
    assert.match(run.stdout, 'Usage: org-baseline')
  }
})

test('an unknown command is a clear error, exit 1', async () => {
  const run = await cli(['plna'])
  assert.is(run.code, 1)
  assert.match(run.stderr, 'unknown command "plna"')
})

test('an unknown flag is a clear error, exit 1', async () => {
  const run = await cli(['plan', '--formt', 'json'])
  assert.is(run.code, 1)
  assert.match(run.stderr, "Unknown option '--formt'")
  assert.match(run.stderr, 'org-baseline plan --help')
})

test('a bad flag value is named with the allowed values', async () => {
  const run = await cli(['plan', '-c', 'config/org.example.yaml', '--format', 'yaml'])
  assert.is(run.code, 1)
  assert.match(run.stderr, '--format: "yaml" is not one of text, json, markdown')
})

test('validate accepts the example config', async () => {
  const run = await cli(['validate', '-c', 'config/org.example.yaml'])
  assert.is(run.code, 0, run.stderr)
})

test('--role-name must agree with the config: the SCP exemptions are built from access.memberRoleName', async () => {
  for (const command of ['plan', 'apply', 'drift', 'reconcile', 'audit-root']) {
    const run = await cli([command, '-c', 'config/org.example.yaml', '--role-name', 'SomeOtherRole'])
    assert.is(run.code, 1, command)
    assert.match(run.stderr, '--role-name SomeOtherRole differs from access.memberRoleName', command)
  }
})

test('apply refuses to run unattended without --yes', async () => {
  const run = await cli(['apply', '-c', 'config/org.example.yaml', '--sandbox', '--log-level', 'silent'])
  assert.is(run.code, 1)
  assert.match(run.stderr, 'apply needs --yes')
})

test('validate rejects every bad config with its exact messages', async () => {
  const root = 'test/fixtures/bad-configs'
  for (const name of readdirSync(root)) {
    const run = await cli(['validate', '-c', join(root, name, 'org.yaml')])
    const expected = readFileSync(join(root, name, 'expected.txt'), 'utf8').trim()
    assert.is(run.code, 1, name)
    assert.is(run.stderr.trim(), expected, name)
  }
})

test('validate stays offline, for a good config and a bad one', () => {
  // In a process of its own, where any socket opened is refused and reported (other test files share this one).
  for (const [config, code] of [
    ['config/org.example.yaml', 0],
    ['test/fixtures/bad-configs/bad-email/org.yaml', 1],
  ] as const) {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './test/fixtures/preload/no-network.mjs',
        'src/cli.ts',
        'validate',
        '-c',
        config,
      ],
      { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
    )
    assert.not.match(run.stderr, 'NETWORK CONNECTION ATTEMPTED', config)
    assert.is(run.status, code, `${config}: ${run.stderr}`)
  }
})

test.run()
