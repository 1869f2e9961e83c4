// StackSets administered by the security tooling account (stackSets.administrator: securityTooling): every
// stack set write is made there with CallAs=DELEGATED_ADMIN after its registration as StackSets delegated
// administrator, and the whole loop works — converge, drift, reconcile, onboard. The sandbox judges
// delegated administration as AWS does (stack-set-access.ts): a call as DELEGATED_ADMIN from an account not
// registered for member.org.stacksets.cloudformation.amazonaws.com is refused.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('delegated StackSets administration')
const TOOLING = '222222222222'
const STACK_SET_WRITES =
  /^(CreateStackSet|UpdateStackSet|CreateStackInstances|DeleteStackInstances|DetectStackSetDrift)$/

async function delegatedConfig(): Promise<string> {
  // Two regions keep the run cheap; the delegated path is the same in every region.
  const text = (await readFile(EXAMPLE, 'utf8'))
    .replace(/^ {2}administrator: management$/m, '  administrator: securityTooling')
    .replace(/^ {2}targets: enabled$/m, '  targets: [us-east-1, eu-central-1]')
  assert.ok(text.includes('administrator: securityTooling'), 'the example names the administrator')
  assert.ok(text.includes('targets: [us-east-1, eu-central-1]'), 'the example targets enabled regions')
  const file = join(await mkdtemp(join(tmpdir(), 'org-baseline-')), 'org.yaml')
  await writeFile(file, text)
  return file
}

test('converges, reports drift, reconciles it and onboards an account, all as delegated administrator', async () => {
  await withSandbox({}, async (sandbox) => {
    const config = await delegatedConfig()
    const applied = await cli(['apply', '-c', config, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout.slice(-3000) + applied.stderr)
    const writers = new Set(
      sandbox.calls.entries
        .filter((c) => c.service === 'cloudformation' && STACK_SET_WRITES.test(c.operation))
        .map((c) => c.account),
    )
    assert.equal([...writers], [TOOLING], 'stack set writes come from the delegated administrator')
    const again = await cli(['plan', '-c', config], sandbox)
    assert.is(again.code, 0, again.stdout)

    sandbox.control('cloudformation', 'deleteStackInstanceStack', {
      stackSetName: 'org-baseline-config-recorder',
      account: '666666666666',
      region: 'eu-central-1',
    })
    const drift = await cli(['drift', '-c', config, '--format', 'json'], sandbox)
    assert.is(drift.code, 2, drift.stdout + drift.stderr)
    const report = JSON.parse(drift.stdout)
    assert.equal(
      report.drift.map((c: { address: string }) => c.address),
      ['stackset.repair[config-recorder]'],
    )
    const reconciled = await cli(['reconcile', '-c', config], sandbox)
    assert.is(reconciled.code, 0, reconciled.stdout + reconciled.stderr)
    assert.is((await cli(['drift', '-c', config], sandbox)).code, 0)

    const { accountId } = sandbox.control('sandbox', 'createAccount', {
      name: 'New Team',
      parent: 'Workloads/Dev',
    }) as { accountId: string }
    const onboard = await cli(['onboard', accountId, '-c', config], sandbox)
    assert.is(onboard.code, 0, onboard.stdout + onboard.stderr)
  })
})

test.run()
