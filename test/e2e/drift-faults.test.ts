import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EnableAWSServiceAccessCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { retryConflicts } from '../../src/aws/retry-conflicts.ts'
import { changeLines, cli, EXAMPLE, withSandbox, writes } from './harness.ts'
import { testAttempts } from './test-sandbox.ts'

const test = suite('drift, faults, saved plans')

const policyId = (
  sandbox: { world: { policies: Map<string, { id: string; name: string }> } },
  name: string,
) => [...sandbox.world.policies.values()].find((p) => p.name === name)?.id ?? ''

test('a detached SCP, edited SCP content and a deregistered admin are planned exactly and repaired', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    sandbox.control('organizations', 'detachPolicy', {
      policyId: policyId(sandbox, 'deny-leave-organization'),
      targetId: sandbox.world.rootId,
    })
    sandbox.control('organizations', 'setPolicyContent', {
      policyId: policyId(sandbox, 'deny-member-root'),
      content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
    })
    sandbox.control('organizations', 'deregisterDelegatedAdmin', {
      accountId: '222222222222',
      servicePrincipal: 'config.amazonaws.com',
    })

    const plan = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(plan.code, 2)
    assert.equal(changeLines(plan.stdout), [
      '+ delegated-admin[config.amazonaws.com→222222222222]',
      '+ scp.attachment[deny-leave-organization→Root]',
      '~ scp.policy[deny-member-root]',
    ])
    assert.match(plan.stdout, 'was edited outside org-baseline')
    assert.match(plan.stdout, '[drift]')
    assert.match(plan.stdout, '"Action": "s3:*"', plan.stdout)

    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 0)
  })
})

test('with throttling and ConcurrentModification at 20%, apply converges with no duplicate policies', async () => {
  await withSandbox({ faults: 'throttle=0.2,conflict=0.2', faultSeed: 7 }, async (sandbox) => {
    const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout)
    const faulted = sandbox.calls.entries.filter((c) => c.errorCode).length
    assert.ok(faulted > 0, 'faults were injected')
    sandbox.control('organizations', 'faults', { spec: '' })
    assert.is((await cli(['plan', '-c', EXAMPLE], sandbox)).code, 0)
    const names = [...sandbox.world.policies.values()].map((p) => p.name)
    assert.equal(names.length, new Set(names).size, 'no duplicate policies')
  })
})

test('a saved plan is applied while the organization still matches it, refused once it moved', async () => {
  await withSandbox({}, async (sandbox) => {
    const dir = await mkdtemp(join(tmpdir(), 'org-baseline-'))
    const file = join(dir, 'plan.json')
    assert.is((await cli(['plan', '-c', EXAMPLE, '--out', file], sandbox)).code, 2)
    const saved = JSON.parse(await readFile(file, 'utf8'))
    assert.ok(
      saved.changes.some((c: { address: string }) => c.address === 'trusted-access[iam.amazonaws.com]'),
    )

    // Someone enables one of the planned principals by hand: the saved plan no longer describes the org.
    const org = new OrganizationsClient({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      credentials: sandbox.credentials,
      maxAttempts: testAttempts(3),
    })
    // Under the soak's faults mode the write may meet a conflict, which the SDK does not retry: as the tool does.
    await retryConflicts(() =>
      org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' })),
    )
    sandbox.calls.clear()
    const stale = await cli(['apply', '-c', EXAMPLE, '--plan', file, '--yes'], sandbox)
    assert.is(stale.code, 1)
    assert.match(stale.stderr, 'no longer matches')
    assert.match(stale.stderr, 'trusted-access[iam.amazonaws.com]')
    assert.equal(writes(sandbox), [])

    const fresh = join(dir, 'fresh.json')
    await cli(['plan', '-c', EXAMPLE, '--out', fresh], sandbox)
    const ok = await cli(['apply', '-c', EXAMPLE, '--plan', fresh, '--yes'], sandbox)
    assert.is(ok.code, 0, ok.stderr)
  })
})

test('a saved plan is bound to its inputs: another config or an edited SCP file is refused before any call', async () => {
  await withSandbox({}, async (sandbox) => {
    const dir = await mkdtemp(join(tmpdir(), 'org-baseline-'))
    const config = join(dir, 'org.yaml')
    const scp = join(dir, 'deny-regions.json')
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] }
    await writeFile(scp, JSON.stringify(policy))
    const example = await readFile(EXAMPLE, 'utf8')
    const withScp = example.replace(
      /^scps:\n/m,
      'scps:\n  - file: deny-regions.json\n    targets: [Workloads/Prod]\n',
    )
    await writeFile(config, withScp)
    const file = join(dir, 'plan.json')
    assert.is((await cli(['plan', '-c', config, '--out', file], sandbox)).code, 2)

    // Without -c the default config is used, never the path the plan file names.
    sandbox.calls.clear()
    const noConfig = await cli(['apply', '--plan', file, '--yes'], sandbox)
    assert.is(noConfig.code, 1)
    assert.match(noConfig.stderr, 'config/org.yaml')

    // The same config path with an edited SCP file: refused, naming what differs.
    await writeFile(
      scp,
      JSON.stringify({ ...policy, Statement: [{ ...policy.Statement[0], Action: 's3:*' }] }),
    )
    const edited = await cli(['apply', '-c', config, '--plan', file, '--yes'], sandbox)
    assert.is(edited.code, 1)
    assert.match(edited.stderr, 'the SCP documents differ')
    assert.not.match(edited.stderr, 'the config file')

    // Another config file: refused too.
    const other = await cli(['apply', '-c', EXAMPLE, '--plan', file, '--yes'], sandbox)
    assert.is(other.code, 1)
    assert.match(other.stderr, 'the config file, the SCP documents differ')
    assert.equal(sandbox.calls.entries, [])
  })
})

test('the lockout guard refuses an SCP that denies a break-glass role, before any write', async () => {
  await withSandbox({}, async (sandbox) => {
    const dir = await mkdtemp(join(tmpdir(), 'org-baseline-'))
    await writeFile(
      join(dir, 'deny-iam.json'),
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' }],
      }),
    )
    const config = (await readFile(EXAMPLE, 'utf8'))
      .replace('# yaml-language-server: $schema=./schema.json\n', '')
      .replace('scps:\n', 'scps:\n  - file: deny-iam.json\n    targets: [Workloads]\n')
    await writeFile(join(dir, 'org.yaml'), config)
    const plan = await cli(['plan', '-c', join(dir, 'org.yaml')], sandbox)
    assert.is(plan.code, 1)
    assert.match(plan.stdout, 'SCP deny-iam (to be created) statement "NoIam" (attached to Workloads) denies')
    assert.match(plan.stdout, 'BreakGlassAdmin')
    const apply = await cli(['apply', '-c', join(dir, 'org.yaml'), '--yes'], sandbox)
    assert.is(apply.code, 1)
    assert.equal(writes(sandbox), [], 'nothing was written')
  })
})

test('the 5-per-target check counts SCPs already attached and refuses before any write', async () => {
  await withSandbox({}, async (sandbox) => {
    const dir = await mkdtemp(join(tmpdir(), 'org-baseline-'))
    const doc = (sid: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: sid, Effect: 'Deny', Action: 'ec2:DeleteVpc', Resource: '*' }],
      })
    await writeFile(join(dir, 'a.json'), doc('A'))
    await writeFile(join(dir, 'b.json'), doc('B'))
    const config = (await readFile(EXAMPLE, 'utf8'))
      .replace('# yaml-language-server: $schema=./schema.json\n', '')
      .replace(
        'scps:\n',
        'scps:\n  - file: a.json\n    targets: [Workloads]\n  - file: b.json\n    targets: [Workloads]\n',
      )
      .replace(
        '- policy: deny-leave-organization\n    targets: [Root]',
        '- policy: deny-leave-organization\n    targets: [Root, Workloads]',
      )
    await writeFile(join(dir, 'org.yaml'), config)
    // Workloads carries FullAWSAccess and legacy-deny-regions: 2 + 3 from the config = 5 is allowed; one more is not.
    const fine = await cli(['plan', '-c', join(dir, 'org.yaml')], sandbox)
    assert.is(fine.code, 2, fine.stdout)
    await writeFile(
      join(dir, 'org.yaml'),
      config.replace(
        '- policy: deny-member-root\n    targets: [Root]',
        '- policy: deny-member-root\n    targets: [Root, Workloads]',
      ),
    )
    const refused = await cli(['apply', '-c', join(dir, 'org.yaml'), '--yes'], sandbox)
    assert.is(refused.code, 1)
    assert.match(refused.stdout, 'Workloads (')
    assert.match(refused.stdout, 'would carry 6 SCPs')
    assert.equal(writes(sandbox), [])
  })
})

test.run()
