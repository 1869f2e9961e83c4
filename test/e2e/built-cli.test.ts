// The built CLI (dist/, what `npm ci` and the package ship) against a sandbox, as a user runs it: the bundle
// prunes the SDK's schemas to those the tool references (scripts/bundle.js), so every call of apply, plan,
// drift and status must still find its shapes there. The other suites run the sources.
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandbox } from '../../src/sandbox/index.ts'
import { EXAMPLE } from './harness.ts'

function newestChange(dir: string): number {
  let newest = statSync(dir).mtimeMs
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs)
  }
  return newest
}

// A checkout edited since its last build would run the sources through tsx instead (bin/org-baseline.js).
if (!existsSync('dist/cli.js') || statSync('dist/cli.js').mtimeMs < newestChange('src')) {
  const built = spawnSync(process.execPath, ['scripts/bundle.js'], { stdio: 'inherit' })
  if (built.status !== 0) throw new Error('scripts/bundle.js failed')
}

test('the built CLI applies, plans, reports drift and status through every pruned SDK schema', async () => {
  const sandbox = await startSandbox()
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: sandbox.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sandbox.credentials.secretAccessKey,
    AWS_SESSION_TOKEN: sandbox.credentials.sessionToken,
    AWS_PROFILE: undefined,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  }
  const run = async (...argv: string[]) => {
    const child = spawn(
      process.execPath,
      ['bin/org-baseline.js', ...argv, '-c', EXAMPLE, '--endpoint-url', sandbox.endpoint],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (c) => (output += String(c)))
    const [code] = await once(child, 'exit')
    return { code, output }
  }
  try {
    const apply = await run('apply', '--yes')
    assert.is(apply.code, 0, apply.output)
    const plan = await run('plan', '--detailed-exitcode')
    assert.is(plan.code, 0, plan.output)
    const drift = await run('drift', '--detailed-exitcode')
    assert.is(drift.code, 0, drift.output)
    const status = await run('status', '--format', 'json')
    assert.is(status.code, 0, status.output)
    assert.ok(JSON.parse(status.output).format, status.output.slice(0, 300))
  } finally {
    await sandbox.close()
  }
})

test.run()
