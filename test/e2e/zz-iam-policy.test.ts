// Runs after the other end-to-end suites (files run in name order, in one process): every call they made
// through the sandbox must be allowed by the policy `iam-policy` prints — the tool's role for calls in the
// management account, the member role for calls made in member accounts.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { answeredCalls, cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('iam-policy')

// Sandbox registry names → IAM service prefixes.
const PREFIX: Record<string, string> = { eventbridge: 'events', securityhub: 'securityhub', config: 'config' }
// Calls IAM never authorizes, and calls the tests themselves make through the SDK to inject drift.
const ALWAYS_ALLOWED = new Set(['sts:GetCallerIdentity'])
const MADE_BY_TESTS = new Set(['iam:DisableOrganizationsRootSessions'])

const actionsOf = (policy: { Statement: { Action: string[] }[] }) =>
  new Set(policy.Statement.flatMap((s) => s.Action))

test('neither policy has a wildcard action', async () => {
  for (const role of ['tool', 'member']) {
    const run = await cli(['iam-policy', '-c', EXAMPLE, '--role', role])
    assert.is(run.code, 0, run.stderr)
    const actions = [...actionsOf(JSON.parse(run.stdout))]
    assert.ok(actions.length > 10)
    assert.equal(
      actions.filter((a) => a.includes('*')),
      [],
    )
  }
})

test('the tool role may assume only the member role', async () => {
  const policy = JSON.parse((await cli(['iam-policy', '-c', EXAMPLE])).stdout)
  const assume = policy.Statement.filter((s: { Action: string[] }) => s.Action.includes('sts:AssumeRole'))
  assert.equal(
    assume.map((s: { Resource: string }) => s.Resource),
    ['arn:aws:iam::*:role/OrganizationAccountAccessRole'],
  )
})

test('every call of the end-to-end runs is allowed by the policy for the account it was made in', async () => {
  // A full life cycle of its own, so the check holds even when this file runs alone.
  await withSandbox({}, async (sandbox) => {
    for (const argv of [['plan'], ['apply', '--yes'], ['drift'], ['reconcile'], ['audit-root']]) {
      await cli([...argv, '-c', EXAMPLE], sandbox)
    }
  })
  const tool = actionsOf(JSON.parse((await cli(['iam-policy', '-c', EXAMPLE])).stdout))
  const member = actionsOf(JSON.parse((await cli(['iam-policy', '-c', EXAMPLE, '--role', 'member'])).stdout))
  const missing = new Set<string>()
  for (const call of answeredCalls) {
    if (call.account === 'unknown') continue // refused before authentication; nothing to authorize
    const action = `${PREFIX[call.service] ?? call.service}:${call.operation}`
    if (ALWAYS_ALLOWED.has(action) || MADE_BY_TESTS.has(action)) continue
    const allowed = call.account === call.management ? tool : member
    if (!allowed.has(action)) missing.add(`${call.account === call.management ? 'tool' : 'member'} ${action}`)
  }
  assert.equal([...missing].sort(), [])
})

test.run()
