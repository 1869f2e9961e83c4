import { DisableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { retryConflicts } from '../../src/aws/retry-conflicts.ts'
import { member } from '../sandbox/helpers.ts'
import { cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('onboard')

interface Result {
  control: string
  region?: string
  ok: boolean
  detail: string
}

const failing = (results: Result[]) =>
  results.filter((r) => !r.ok).map((r) => `${r.control}${r.region ? `@${r.region}` : ''}`)

test('a freshly created account in a target OU ends with a full checklist', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    const { accountId } = sandbox.control('sandbox', 'createAccount', {
      name: 'New Team',
      parent: 'Workloads/Dev',
    }) as {
      accountId: string
    }
    const run = await cli(['onboard', accountId, '-c', EXAMPLE, '--format', 'json'], sandbox)
    const results = JSON.parse(run.stdout).results as Result[]
    assert.equal(failing(results), [])
    assert.is(run.code, 0)
    const controls = new Set(results.map((r) => r.control))
    for (const control of [
      'account active',
      'in deployment targets',
      'SCP deny-member-root applies',
      'stack instance member-role',
      'stack instance config-recorder',
      'stack instance root-sign-in-alert',
      'Config recording',
      'GuardDuty member',
      'Security Hub policy',
      'organization trail',
      'root activity alert',
      'root credentials',
    ]) {
      assert.ok(controls.has(control), control)
    }
    for (const control of ['Config recording', 'root activity alert']) {
      assert.is(
        results.filter((r) => r.control === control).length,
        17,
        `every target region is checked for ${control}`,
      )
    }
    const text = await cli(['onboard', 'New Team', '-c', EXAMPLE], sandbox)
    assert.match(text.stdout, 'Onboarding: 12 of 12 controls complete.')

    // Root API calls are alerted where they happen: a rule off in one region other than us-east-1 shows.
    const events = new EventBridgeClient(await member(sandbox, accountId, 'eu-west-1'))
    // Under the soak's faults mode this out-of-band write may meet a conflict, which the SDK does not retry.
    await retryConflicts(() => events.send(new DisableRuleCommand({ Name: 'org-baseline-assume-root' })))
    const gap = await cli(['onboard', 'New Team', '-c', EXAMPLE], sandbox)
    assert.is(gap.code, 2)
    assert.match(gap.stdout, /✗ root activity alert +1 of 17 regions/)
    assert.match(gap.stdout, 'eu-west-1: rule org-baseline-assume-root disabled')
  })
})

test('an account outside the target OUs: the checklist explains what is missing; --ou moves it and completes it', async () => {
  await withSandbox({}, async (sandbox) => {
    const apply = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(apply.code, 0, apply.stdout + apply.stderr)
    sandbox.control('sandbox', 'createAccount', { name: 'Stray', parent: 'Suspended' })
    const outside = await cli(['onboard', 'Stray', '-c', EXAMPLE], sandbox)
    assert.is(outside.code, 2)
    assert.match(outside.stdout, '✗ in deployment targets')
    assert.match(outside.stdout, 'Suspended is outside the deployment targets')
    assert.match(outside.stdout, '--ou')
    assert.match(outside.stdout, 'no recorder')

    // Organizations refuses a move while another change runs (ConcurrentModificationException, not retried by
    // the SDK): the first attempt meets it, and onboard tries again.
    const faults = sandbox.settings.faults
    const conflict = { kind: 'conflict', probability: 1, target: 'MoveAccount' } as const
    faults.rules.unshift(conflict)
    const record = sandbox.calls.record.bind(sandbox.calls)
    sandbox.calls.record = (entry) => {
      record(entry)
      if (entry.operation === 'MoveAccount') faults.rules = faults.rules.filter((r) => r !== conflict)
    }
    const moved = await cli(['onboard', 'Stray', '--ou', 'Workloads/Prod', '-c', EXAMPLE], sandbox)
    sandbox.calls.record = record
    assert.is(moved.code, 0, moved.stdout + moved.stderr)
    assert.ok(
      sandbox.calls.count({ operation: 'MoveAccount', errorCode: 'ConcurrentModificationException' }) >= 1,
    )
    assert.match(moved.stdout, '— Workloads/Prod')
  })
})

test('--ou to an OU outside the targets is confirmed first: not on a terminal it needs --yes, and nothing moves', async () => {
  await withSandbox({}, async (sandbox) => {
    const before = [...sandbox.world.accounts.values()].find((a) => a.name === 'Retail Dev')?.parentId
    const refused = await cli(['onboard', 'Retail Dev', '--ou', 'Suspended', '-c', EXAMPLE], sandbox)
    assert.is(refused.code, 1)
    assert.match(refused.stderr, 'onboard needs --yes when not run on a terminal (nothing was changed)')
    assert.match(refused.stderr, 'Suspended is outside the deployment targets')
    const after = [...sandbox.world.accounts.values()].find((a) => a.name === 'Retail Dev')?.parentId
    assert.is(after, before, 'the account did not move')
  })
})

test('a suspended account is reported, not waited on', async () => {
  await withSandbox({}, async (sandbox) => {
    const run = await cli(['onboard', 'Old Experiment', '-c', EXAMPLE], sandbox)
    assert.is(run.code, 2)
    assert.match(run.stdout, '✗ account active')
    assert.match(run.stdout, 'SUSPENDED: nothing can be deployed to it')
  })
})

test('before any apply the stack sets do not exist: onboard says so at once instead of waiting --max-wait (issue 13)', async () => {
  await withSandbox({}, async (sandbox) => {
    sandbox.calls.clear()
    // Thirty real minutes of waiting would time the suite out: finishing is the proof it did not wait.
    const run = await cli(
      ['onboard', 'Payments Prod', '-c', EXAMPLE, '--max-wait', '30m', '--format', 'json'],
      sandbox,
    )
    assert.is(run.code, 2, run.stderr)
    const results = JSON.parse(run.stdout).results as Result[]
    const instance = results.find((r) => r.control === 'stack instance config-recorder')
    assert.match(
      instance?.detail ?? '',
      'stack set org-baseline-config-recorder does not exist: run apply first',
    )
    // Attempts refused with throttling or a 5xx (the soak's faults mode) are the SDK sending the same call again.
    const reads = sandbox.calls.entries.filter(
      (c) => c.operation === 'ListStackInstances' && c.status < 500 && c.errorCode !== 'Throttling',
    )
    assert.ok(reads.length <= 4, 'read once per stack set')
  })
})

test('unknown accounts and OUs are usage errors naming what exists', async () => {
  await withSandbox({}, async (sandbox) => {
    const unknown = await cli(['onboard', 'Nobody', '-c', EXAMPLE], sandbox)
    assert.is(unknown.code, 1)
    assert.match(unknown.stderr, 'no account "Nobody"')
    const badOu = await cli(['onboard', 'Retail Dev', '--ou', 'Workload/Prod', '-c', EXAMPLE], sandbox)
    assert.is(badOu.code, 1)
    assert.match(badOu.stderr, '--ou: no OU "Workload/Prod" — OUs are')
  })
})

test.run()
