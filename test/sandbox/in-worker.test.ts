// `--sandbox` runs the sandbox on a thread of its own (src/sandbox/in-worker.ts): it answers the real SDK
// there as in-process, a seed it refuses fails the run with the message it would have thrown in-process, close
// ends the thread, and a thread preloaded for a run that never asks for it does not hold the process.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { preloadSandbox, startSandboxThread } from '../../src/sandbox/in-worker.ts'
import { startSandbox } from '../../src/sandbox/index.ts'

const noCrash = (error: Error) => assert.unreachable(`the sandbox thread failed: ${error.message}`)

test('the preloaded thread answers the SDK, and close ends it', async () => {
  preloadSandbox()
  const sandbox = await startSandboxThread({ seed: 'config/sandbox.yaml' }, noCrash)
  try {
    const organizations = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: sandbox.credentials,
    })
    const { Organization } = await organizations.send(new DescribeOrganizationCommand({}))
    assert.is(Organization?.MasterAccountId, '111111111111')
  } finally {
    await sandbox.close()
  }
  const refused = await fetch(sandbox.endpoint).then(
    () => 'answered',
    () => 'refused',
  )
  assert.is(refused, 'refused', 'nothing listens once closed')
})

test('a seed the sandbox refuses fails the start with the message it throws in-process', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-thread-'))
  try {
    const seed = join(dir, 'seed.yaml')
    writeFileSync(seed, '- not\n- a mapping\n')
    const inProcess = await startSandbox({ seed }).then(
      () => undefined,
      (e: Error) => e,
    )
    const error = await startSandboxThread({ seed }, noCrash).then(
      () => undefined,
      (e: Error) => e,
    )
    assert.is(error?.name, 'SeedError')
    assert.is(error?.name, inProcess?.name)
    assert.is(error?.message, inProcess?.message)
    const missing = await startSandboxThread({ seed: join(dir, 'absent.yaml') }, noCrash).then(
      () => undefined,
      (e: Error & { code?: string }) => e,
    )
    assert.is(missing?.code, 'ENOENT')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a preloaded thread no run asks for does not keep the process alive', () => {
  const started = performance.now()
  const result = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      '--input-type=module',
      '-e',
      "const { preloadSandbox } = await import('./src/sandbox/in-worker.ts'); preloadSandbox(); console.log('done')",
    ],
    { encoding: 'utf8', timeout: 60_000 },
  )
  assert.is(result.status, 0, result.stderr)
  assert.match(result.stdout, 'done')
  assert.ok(performance.now() - started < 30_000, 'ended without waiting for the thread')
})

test.run()
