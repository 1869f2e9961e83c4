import { type ChildProcess, spawn } from 'node:child_process'
import { stripVTControlCharacters } from 'node:util'
import { AccessAnalyzerClient, DeleteAnalyzerCommand } from '@aws-sdk/client-accessanalyzer'
import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account'
import { DisableOrganizationsRootSessionsCommand, IAMClient } from '@aws-sdk/client-iam'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { retryConflicts } from '../../src/aws/retry-conflicts.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { management, member } from '../sandbox/helpers.ts'
import { attemptBudget, cli, EXAMPLE, withSandbox, writes } from './harness.ts'

const test = suite('drift and reconcile')

const policyId = (sandbox: Sandbox, name: string) =>
  [...sandbox.world.policies.values()].find((p) => p.name === name)?.id ?? ''

test('drift injected in five modules is reported as drift (exit 2), reconcile repairs it, then drift exits 0', async () => {
  await withSandbox({}, async (sandbox) => {
    const apply = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(apply.code, 0, apply.stdout + apply.stderr)
    assert.is((await cli(['drift', '-c', EXAMPLE], sandbox)).code, 0)

    sandbox.control('organizations', 'setPolicyContent', {
      policyId: policyId(sandbox, 'deny-leave-organization'),
      content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
    })
    sandbox.control('organizations', 'deregisterDelegatedAdmin', {
      accountId: '222222222222',
      servicePrincipal: 'config-multiaccountsetup.amazonaws.com',
    })
    const iam = new IAMClient({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: sandbox.credentials,
    })
    // Under the soak's faults mode these out-of-band writes may meet a conflict, which the SDK does not retry:
    // retried as the tool retries its own.
    await retryConflicts(() => iam.send(new DisableOrganizationsRootSessionsCommand({})))
    // Issue 15: an analyzer deleted, a security contact changed.
    const analyzers = new AccessAnalyzerClient(await member(sandbox, '222222222222', 'eu-west-1'))
    await retryConflicts(() =>
      analyzers.send(new DeleteAnalyzerCommand({ analyzerName: 'org-baseline-external-access' })),
    )
    await retryConflicts(() =>
      new AccountClient(management(sandbox)).send(
        new PutAlternateContactCommand({
          AccountId: '444444444444',
          AlternateContactType: 'SECURITY',
          Name: 'Someone',
          Title: 'Else',
          EmailAddress: 'else@example.com',
          PhoneNumber: '+1 555 0199',
        }),
      ),
    )

    const drift = await cli(['drift', '-c', EXAMPLE, '--format', 'json'], sandbox)
    assert.is(drift.code, 2, drift.stderr)
    const report = JSON.parse(drift.stdout)
    assert.equal(report.drift.map((c: { address: string }) => c.address).sort(), [
      'access-analyzer.external[eu-west-1]',
      'delegated-admin[config-multiaccountsetup.amazonaws.com→222222222222]',
      'root-access.feature[RootSessions]',
      'scp.policy[deny-leave-organization]',
      'security-contacts.contact[444444444444]',
    ])
    assert.equal(report.changes, [], 'nothing is pending from the config')

    const text = await cli(['drift', '-c', EXAMPLE], sandbox, { ttyStderr: true })
    assert.match(text.stdout, 'Moved out of band (drift)')
    // Progress on a terminal: the drift detection wait, then the observe pass, modules done of total.
    const drawn = stripVTControlCharacters(text.stderr)
    assert.match(drawn, /Detecting drift: 0\/[12] — [a-z, -]*stacksets[a-z, -]* \[\d+s elapsed\]/)
    assert.match(drawn, /Reading the organization: (\d+)\/\1 \[\d+s elapsed\]\n/)
    assert.match(text.stdout, 'Drift: 5 moved out of band, 0 pending from config changes.')

    const reconciled = await cli(['reconcile', '-c', EXAMPLE], sandbox)
    assert.is(reconciled.code, 0, reconciled.stdout)
    assert.match(reconciled.stdout, 'Reconciled: the organization matches the baseline.')
    assert.is((await cli(['drift', '-c', EXAMPLE], sandbox)).code, 0)
  })
})

test('a config change is reported as a change, not as drift', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const dir = await mkdtemp(join(tmpdir(), 'org-baseline-'))
    const config = (await readFile(EXAMPLE, 'utf8'))
      .replace('# yaml-language-server: $schema=./schema.json\n', '')
      .replace(
        '- policy: deny-leave-organization\n    targets: [Root]',
        '- policy: deny-leave-organization\n    targets: [Root, Workloads]',
      )
    await writeFile(join(dir, 'org.yaml'), config)
    const drift = await cli(['drift', '-c', join(dir, 'org.yaml'), '--format', 'json'], sandbox)
    const report = JSON.parse(drift.stdout)
    assert.equal(report.drift, [])
    assert.equal(
      report.changes.map((c: { address: string }) => c.address),
      ['scp.attachment[deny-leave-organization→Workloads]'],
    )
  })
})

test('a second reconcile stops with a clear message while another holds the organization', async () => {
  await withSandbox({}, async (sandbox) => {
    const until = new Date(Date.now() + 60 * 60_000).toISOString()
    const { OrganizationsClient, TagResourceCommand } = await import('@aws-sdk/client-organizations')
    const org = new OrganizationsClient({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: sandbox.credentials,
    })
    // Under the soak's faults mode this out-of-band write may meet a conflict, which the SDK does not retry.
    await retryConflicts(() =>
      org.send(
        new TagResourceCommand({
          ResourceId: sandbox.world.rootId,
          Tags: [{ Key: 'org-baseline:reconcile-lock', Value: `build-host-7:4242:abcd1234 ${until}` }],
        }),
      ),
    )
    sandbox.calls.clear()
    const run = await cli(['reconcile', '-c', EXAMPLE], sandbox)
    assert.is(run.code, 1)
    assert.match(
      run.stderr,
      'another org-baseline reconcile (run build-host-7:4242:abcd1234) holds the organization',
    )
    assert.equal(writes(sandbox), [], 'the second run changed nothing')
  })
})

/** Starts `org-baseline reconcile` in its own process, to be killed mid-run. */
function reconcileProcess(sandbox: Sandbox): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      'reconcile',
      '-c',
      EXAMPLE,
      ...attemptBudget(sandbox),
      '--endpoint-url',
      sandbox.endpoint,
      '--log-level',
      'silent',
    ],
    {
      stdio: 'ignore',
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
  return { child, exited: new Promise((resolve) => child.once('exit', resolve)) }
}

const READ = /^(Describe|List|Get|AssumeRole$)/

test('reconcile killed at 10 points of its run is finished by the next run every time', async () => {
  // How many writes a whole run makes, to spread the kill points across it.
  let total = 0
  await withSandbox({}, async (sandbox) => {
    await cli(['reconcile', '-c', EXAMPLE], sandbox)
    total = writes(sandbox).length
  })
  assert.ok(total > 10, `a run from the seed makes ${total} writes`)
  for (let point = 1; point <= 10; point++) {
    const killAt = Math.max(1, Math.round((point * total) / 11))
    await withSandbox({}, async (sandbox) => {
      const run = reconcileProcess(sandbox)
      let seen = 0
      const record = sandbox.calls.record.bind(sandbox.calls)
      sandbox.calls.record = (entry) => {
        record(entry)
        if (!READ.test(entry.operation) && ++seen === killAt) run.child.kill('SIGKILL')
      }
      const exit = await run.exited
      sandbox.calls.record = record
      // Under faults a run's writes (attempts included) vary by a tenth: one that made fewer than the kill
      // point finished on its own, which must then be clean.
      assert.ok(
        seen >= killAt || exit === 0,
        `killed after write ${killAt} of ${total}, or done (exit ${exit})`,
      )
      const rerun = await cli(['reconcile', '-c', EXAMPLE], sandbox)
      assert.is(rerun.code, 0, `kill point ${killAt}: ${rerun.stdout}${rerun.stderr}`)
      assert.is(
        (await cli(['plan', '-c', EXAMPLE], sandbox)).code,
        0,
        `kill point ${killAt}: plan after rerun`,
      )
    })
  }
})

test.run()
