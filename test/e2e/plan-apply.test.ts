import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { changeLines, cli, EXAMPLE, withSandbox, writes } from './harness.ts'
import { testSandboxMode } from './test-sandbox.ts'

const test = suite('plan and apply against the default sandbox organization')

/**
 * The no-op plan's reads on the default seed (issue 15's budget; bench/no-op-plan.ts prints the 1,000-account
 * figure): the register of delegated administrators in one unfiltered read plus one per admin account (not one
 * per service principal), each stack set's instances in six filtered listings (no drift detection ran, so no
 * DRIFTED listing), and a total that only grows if a module starts reading more. Security contacts, one call
 * per account, are left out as the issue does.
 */
function assertNoOpReads(calls: Record<string, number>) {
  const summary = JSON.stringify(calls)
  assert.is(calls['organizations:ListDelegatedAdministrators'], 1, summary)
  // Security Tooling is the only delegated administrator.
  assert.is(calls['organizations:ListDelegatedServicesForAccount'], 1, summary)
  assert.is(
    calls['cloudformation:ListStackInstances'],
    6 * (calls['cloudformation:DescribeStackSet'] ?? 0),
    summary,
  )
  const total = Object.entries(calls)
    .filter(([call]) => call !== 'account:GetAlternateContact')
    .reduce((sum, [, n]) => sum + n, 0)
  assert.ok(total <= NO_OP_BUDGET, `${total} calls (budget ${NO_OP_BUDGET}): ${summary}`)
}
/** Measured: 7 fewer than before one delegated-admin read per plan and the DRIFTED listing only after drift. */
const NO_OP_BUDGET = 238

test('first plan lists the expected changes and exits 2; apply converges; second plan is empty; apply again writes nothing', async () => {
  await withSandbox({}, async (sandbox) => {
    // --detail: one line per change (the grouped plan folds these into one entry per kind).
    const first = await cli(['plan', '-c', EXAMPLE, '--detail'], sandbox)
    assert.is(first.code, 2, first.stderr)
    const ours = changeLines(first.stdout)
      .filter((l) => /^. (trusted-access|delegated-admin|scp)[[.]/.test(l))
      .sort()
    assert.equal(ours, [
      '+ delegated-admin[access-analyzer.amazonaws.com→222222222222]',
      '+ delegated-admin[config-multiaccountsetup.amazonaws.com→222222222222]',
      '+ delegated-admin[config.amazonaws.com→222222222222]',
      '+ scp.attachment[deny-leave-organization→Root]',
      '+ scp.attachment[deny-member-root→Root]',
      '+ scp.attachment[protect-security-baseline→Root]',
      '+ scp.policy[deny-leave-organization]',
      '+ scp.policy[deny-member-root]',
      '+ scp.policy[protect-security-baseline]',
      '+ trusted-access[access-analyzer.amazonaws.com]',
      '+ trusted-access[account.amazonaws.com]',
      '+ trusted-access[cloudtrail.amazonaws.com]',
      '+ trusted-access[config-multiaccountsetup.amazonaws.com]',
      '+ trusted-access[config.amazonaws.com]',
      '+ trusted-access[guardduty.amazonaws.com]',
      '+ trusted-access[iam.amazonaws.com]',
      '+ trusted-access[malware-protection.guardduty.amazonaws.com]',
      '+ trusted-access[member.org.stacksets.cloudformation.amazonaws.com]',
      '+ trusted-access[securityhub.amazonaws.com]',
    ])
    assert.match(first.stdout, /Plan: \d+ to add, \d+ to change, 0 to destroy\./)
    assert.match(first.stdout, 'SCPs never apply to the management account')
    assert.equal(writes(sandbox), [], 'plan must not write')

    const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    assert.match(applied.stdout, /Apply: \d+ applied, 0 failed, 0 skipped, 0 held back\./)

    sandbox.calls.clear()
    const second = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(second.code, 0, second.stdout)
    assert.match(second.stdout, 'Plan: 0 to add, 0 to change, 0 to destroy.')
    // Eventual consistency's empty pages and injected faults' retries are calls too: counted in strong mode.
    if (!testSandboxMode()) assertNoOpReads(sandbox.calls.summary())

    sandbox.calls.clear()
    const again = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(again.code, 0)
    assert.equal(writes(sandbox), [], 'a converged apply makes no write call')
  })
})

test('the hand-made SCP is never touched', async () => {
  await withSandbox({}, async (sandbox) => {
    const legacy = [...sandbox.world.policies.values()].find((p) => p.name === 'legacy-deny-regions')
    assert.ok(legacy, 'the seed has a hand-made SCP')
    const before = JSON.stringify({ content: legacy.content, targets: [...legacy.targets] })
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    assert.is(JSON.stringify({ content: legacy.content, targets: [...legacy.targets] }), before)
  })
})

test('JSON and markdown plans carry the same changes as text --detail', async () => {
  await withSandbox({}, async (sandbox) => {
    const json = await cli(['plan', '-c', EXAMPLE, '--format', 'json'], sandbox)
    const plan = JSON.parse(json.stdout)
    assert.is(plan.format, 'org-baseline-plan')
    assert.is(plan.counts.total, plan.changes.length)
    const text = await cli(['plan', '-c', EXAMPLE, '--detail'], sandbox)
    assert.is(plan.changes.length, changeLines(text.stdout).length)
    const markdown = await cli(['plan', '-c', EXAMPLE, '--format', 'markdown'], sandbox)
    const count = (action: string) =>
      plan.changes.filter((c: { action: string }) => c.action === action).length
    assert.match(
      markdown.stdout,
      `**Plan: ${count('create')} to add, ${count('update')} to change, ${count('delete')} to destroy.**`,
    )
    assert.match(markdown.stdout, '<details><summary><b>scp</b>')
  })
})

test.run()
