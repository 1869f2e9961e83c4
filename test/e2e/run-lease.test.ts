// The run lease and stopping a run (issue 13): a reconcile stopped with SIGTERM reports, releases its lease
// and exits 143; one killed with SIGKILL leaves it, and the next run takes it over; a lease left by a run on
// another machine is taken over once it has gone unrenewed for a whole lease (simulated time); `unlock`
// releases one; `apply` while a reconcile holds the organization stops naming it, or waits (--lock-wait).
import { type ChildProcess, spawn } from 'node:child_process'
import { PassThrough } from 'node:stream'
import { OrganizationsClient, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { readOrganizationTags } from '../../src/aws/organization-tags.ts'
import type { Clock } from '../../src/aws/poll.ts'
import { retryConflicts } from '../../src/aws/retry-conflicts.ts'
import { main } from '../../src/cli.ts'
import { LEASE_MS, LOCK_TAG } from '../../src/engine/run-lock.ts'
import { EVENTUAL } from '../../src/sandbox/consistency.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { attemptBudget, EXAMPLE, withSandbox, writes } from './harness.ts'
import { testAttempts } from './test-sandbox.ts'

const test = suite('run lease')

const READ = /^(Describe|List|Get|AssumeRole$)/

const organizations = (sandbox: Sandbox) =>
  new OrganizationsClient({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: sandbox.credentials,
    maxAttempts: testAttempts(3),
  })

/**
 * The lease tag as it stands: every page read (an Organizations list may answer an empty page with more to
 * come), and under eventual consistency only once the last tag write can have settled — the sandbox's clock
 * is moved past the stale-read window (simulated time) instead of reading a view the write has not reached.
 */
async function lease(sandbox: Sandbox): Promise<string | undefined> {
  if (sandbox.world.consistency.eventual)
    sandbox.control('sandbox', 'advanceClock', { ms: EVENTUAL.staleTags[1] })
  return (await readOrganizationTags(organizations(sandbox), sandbox.world.rootId)).get(LOCK_TAG)
}

// Under the soak's faults mode the tests' own tag writes may meet a conflict, which the SDK does not retry.
const setLease = (sandbox: Sandbox, value: string) =>
  retryConflicts(() =>
    organizations(sandbox).send(
      new TagResourceCommand({ ResourceId: sandbox.world.rootId, Tags: [{ Key: LOCK_TAG, Value: value }] }),
    ),
  )

/** Simulated time: the lease's waits move the sandbox's clock instead of sleeping. */
const simulated = (sandbox: Sandbox, onSleep?: (ms: number) => Promise<void> | void): Clock => ({
  now: () => sandbox.world.clock.now(),
  sleep: async (ms) => {
    sandbox.control('sandbox', 'advanceClock', { ms })
    await onSleep?.(ms)
  },
})

/** Runs the CLI in-process with the sandbox's credentials and, optionally, its clock. */
async function run(argv: string[], sandbox: Sandbox, clock?: Clock) {
  let stdout = ''
  let stderr = ''
  const code = await main([...argv, '--endpoint-url', sandbox.endpoint, '--log-level', 'silent'], {
    stdout: new PassThrough().on('data', (c) => {
      stdout += String(c)
    }),
    stderr: new PassThrough().on('data', (c) => {
      stderr += String(c)
    }),
    stdin: new PassThrough(),
    credentials: async () => sandbox.credentials,
    ...(clock ? { clock } : {}),
  })
  return { code, stdout, stderr }
}

/** `org-baseline <argv>` in its own process, to be signalled mid-run. */
function child(sandbox: Sandbox, argv: string[]) {
  const proc: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      ...argv,
      ...attemptBudget(sandbox),
      '--endpoint-url',
      sandbox.endpoint,
      '--log-level',
      'silent',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: sandbox.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: sandbox.credentials.secretAccessKey,
        AWS_SESSION_TOKEN: sandbox.credentials.sessionToken ?? '',
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  )
  let stdout = ''
  proc.stdout?.on('data', (c) => {
    stdout += String(c)
  })
  proc.stderr?.on('data', () => {})
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
  return { proc, exited, stdout: () => stdout }
}

/** Calls `act` once, when the sandbox has answered the `n`th write other than the lease's own tag. */
function onWrite(sandbox: Sandbox, n: number, act: () => void): () => void {
  let seen = 0
  const record = sandbox.calls.record.bind(sandbox.calls)
  sandbox.calls.record = (entry) => {
    record(entry)
    if (READ.test(entry.operation) || /TagResource$/.test(entry.operation)) return
    if (++seen === n) act()
  }
  return () => {
    sandbox.calls.record = record
  }
}

test('reconcile stopped with SIGTERM mid-apply: apply meanwhile stops naming it; it reports, leaves no lease, exits 143; a rerun finishes', async () => {
  await withSandbox({}, async (sandbox) => {
    const reconcile = child(sandbox, ['reconcile', '-c', EXAMPLE])
    // Frozen mid-apply, so what follows happens while it holds the organization.
    let frozen!: () => void
    const paused = new Promise<void>((resolve) => {
      frozen = resolve
    })
    const restore = onWrite(sandbox, 4, () => {
      reconcile.proc.kill('SIGSTOP')
      frozen()
    })
    await paused
    restore()
    assert.ok(await lease(sandbox), 'the reconcile holds the lease')

    sandbox.calls.clear()
    const apply = await run(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(apply.code, 1, apply.stdout)
    assert.match(apply.stderr, /another org-baseline reconcile \(run [^)]+\) holds the organization until/)
    assert.match(apply.stderr, 'org-baseline unlock')
    assert.equal(writes(sandbox), [], 'apply wrote nothing')

    reconcile.proc.kill('SIGTERM')
    reconcile.proc.kill('SIGCONT')
    assert.is(await reconcile.exited, 143, reconcile.stdout())
    assert.match(reconcile.stdout(), 'Stopped by SIGTERM: no write was started after it')
    assert.match(reconcile.stdout(), 'running "org-baseline reconcile" again finishes the job')
    assert.is(await lease(sandbox), undefined, 'the lease was released')

    const rerun = await run(['reconcile', '-c', EXAMPLE], sandbox)
    assert.is(rerun.code, 0, rerun.stdout + rerun.stderr)
  })
})

test('apply stopped with SIGINT says what was applied and what was not, and exits 130', async () => {
  await withSandbox({}, async (sandbox) => {
    const apply = child(sandbox, ['apply', '-c', EXAMPLE, '--yes'])
    const restore = onWrite(sandbox, 3, () => apply.proc.kill('SIGINT'))
    assert.is(await apply.exited, 130, apply.stdout())
    restore()
    const out = apply.stdout()
    assert.match(out, /Apply: \d+ applied, 0 failed, \d+ skipped/)
    assert.match(out, 'not started: the run was stopped — a rerun applies it')
    assert.match(out, 'running "org-baseline apply" again finishes the job')
    assert.is(await lease(sandbox), undefined, 'the lease was released')
    const rerun = await run(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(rerun.code, 0, rerun.stdout + rerun.stderr)
  })
})

test('a reconcile killed with SIGKILL leaves its lease; the next run on this host takes it over', async () => {
  await withSandbox({}, async (sandbox) => {
    const reconcile = child(sandbox, ['reconcile', '-c', EXAMPLE])
    const restore = onWrite(sandbox, 3, () => reconcile.proc.kill('SIGKILL'))
    await reconcile.exited
    restore()
    assert.match((await lease(sandbox)) ?? '', / reconcile$/, 'the killed run could not release its lease')
    // Its process is gone: no need to wait the lease out.
    const rerun = await run(['reconcile', '-c', EXAMPLE], sandbox)
    assert.is(rerun.code, 0, rerun.stdout + rerun.stderr)
    assert.is(await lease(sandbox), undefined)
  })
})

test('a lease left on another machine is taken over once it went unrenewed for a whole lease (simulated time)', async () => {
  await withSandbox({}, async (sandbox) => {
    // Written with that machine's clock: an hour ahead of ours says nothing about whether it is alive.
    const until = new Date(Date.now() + 60 * 60_000).toISOString()
    await setLease(sandbox, `build-host-7:4242:abcd1234 ${until} reconcile`)
    const clock = simulated(sandbox)
    const stopped = await run(['plan', '-c', EXAMPLE, '--detailed-exitcode'], sandbox, clock)
    assert.is(stopped.code, 2, 'plan takes no lease')

    const held = await run(['reconcile', '-c', EXAMPLE, '--lock-wait', '1m'], sandbox, clock)
    assert.is(held.code, 1, 'a minute is less than a lease: still held')
    assert.match(held.stderr, 'another org-baseline reconcile (run build-host-7:4242:abcd1234)')

    const startedAt = clock.now()
    const taken = await run(['reconcile', '-c', EXAMPLE, '--lock-wait', '10m'], sandbox, clock)
    assert.is(taken.code, 0, taken.stdout + taken.stderr)
    const waited = clock.now() - startedAt
    assert.ok(waited >= LEASE_MS, `waited ${waited} ms of simulated time, at least one lease`)
    assert.is(await lease(sandbox), undefined)
  })
})

test('a lease taken over mid-apply stops new writes: the summary names the new holder, its lease stays', async () => {
  await withSandbox({}, async (sandbox) => {
    const until = new Date(sandbox.world.clock.now() + 60 * 60_000).toISOString()
    const other = `build-host-7:4242:abcd1234 ${until} reconcile`
    let taken: Promise<unknown> | undefined
    // As if this run's lease had expired and another run took it: the tag now names that run.
    const restore = onWrite(sandbox, 3, () => {
      taken = setLease(sandbox, other)
    })
    const apply = await run(['apply', '-c', EXAMPLE, '--yes'], sandbox, simulated(sandbox))
    restore()
    assert.is(apply.code, 1, apply.stdout + apply.stderr)
    assert.match(apply.stdout, /Apply: \d+ applied, 0 failed, \d+ skipped/)
    assert.match(
      apply.stdout,
      "not started: this run's lease on the organization was taken over by org-baseline reconcile (run build-host-7:4242:abcd1234)",
    )
    assert.match(apply.stdout, 'running "org-baseline apply" again finishes the job')
    assert.ok(taken, 'the lease was taken over mid-apply')
    await taken
    assert.is(await lease(sandbox), other, 'the new holder keeps its lease')
  })
})

test('unlock shows the holder, needs confirmation, and releases the lease', async () => {
  await withSandbox({}, async (sandbox) => {
    const until = new Date(Date.now() + 60 * 60_000).toISOString()
    await setLease(sandbox, `build-host-7:4242:abcd1234 ${until} apply`)
    const refused = await run(['unlock', '-c', EXAMPLE], sandbox)
    assert.is(refused.code, 1)
    assert.match(
      refused.stdout,
      `org-baseline apply (run build-host-7:4242:abcd1234) holds the organization until ${until}`,
    )
    assert.match(refused.stderr, 'unlock needs --yes when not run on a terminal')
    assert.ok(await lease(sandbox), 'not released without confirmation')

    const released = await run(['unlock', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(released.code, 0, released.stderr)
    assert.match(released.stdout, 'Released')
    assert.is(await lease(sandbox), undefined)
    assert.is(
      (await run(['unlock', '-c', EXAMPLE], sandbox)).stdout,
      'No run holds the organization: nothing to release.\n',
    )
  })
})

test('apply waits for a reconcile to finish with --lock-wait, then applies', async () => {
  await withSandbox({}, async (sandbox) => {
    const until = new Date(Date.now() + 60 * 60_000).toISOString()
    await setLease(sandbox, `build-host-7:4242:abcd1234 ${until} reconcile`)
    // The holder finishes while apply waits: its lease goes at apply's first pause.
    let released = false
    const clock = simulated(sandbox, async () => {
      if (released) return
      released = true
      await retryConflicts(() =>
        organizations(sandbox).send(
          new UntagResourceCommand({ ResourceId: sandbox.world.rootId, TagKeys: [LOCK_TAG] }),
        ),
      )
    })
    const apply = await run(['apply', '-c', EXAMPLE, '--yes', '--lock-wait', '5m'], sandbox, clock)
    assert.is(apply.code, 0, apply.stdout + apply.stderr)
    assert.ok(released)
    assert.is(await lease(sandbox), undefined)
  })
})

test.run()
