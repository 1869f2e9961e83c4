// The whole tool under the policies `iam-policy` prints: the management account's role org-baseline gets the
// `--role tool` policy and nothing else; in member accounts the tool acts through org-baseline-member, which
// the member-role stack set makes with the `--role member` policy, and until then through the bootstrap role,
// here narrowed to that policy too; the sandbox enforces them — actions, resources and conditions
// (src/sandbox/README.md, "IAM roles and identity policies"). plan, apply, drift, reconcile, onboard and
// audit-root must then succeed; an action missing from either policy must make a run fail (the cut cases run
// with the bootstrap role as the member role, so the cut member policy is the one in use).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ORG_ID, SELF } from '../../src/iam/arns.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { findRole } from '../../src/sandbox/services/iam-roles/store.ts'
import { cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('iam-policy')

interface Policy {
  Version: string
  Statement: {
    Sid: string
    Effect: string
    Action: string[]
    Resource: string | string[]
    Condition?: Record<string, Record<string, string | string[]>>
  }[]
}

const MEMBER_ROLE = 'org-baseline-member' // config/org.example.yaml access.memberRoleName
const BOOTSTRAP_ROLE = 'OrganizationAccountAccessRole' // access.bootstrapRoleName

/**
 * The example config with the bootstrap role as the member role (no member-role stack set): the cut cases
 * narrow that role, so what a run does in member accounts is judged by the cut member policy.
 */
async function bootstrapAsMember(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-iam-'))
  const file = join(dir, 'org.yaml')
  const text = (await readFile(EXAMPLE, 'utf8'))
    .replace('memberRoleName: org-baseline-member', `memberRoleName: ${BOOTSTRAP_ROLE}`)
    .replace('# yaml-language-server: $schema=./schema.json', '')
  await writeFile(file, text)
  return file
}

async function generated(role: 'tool' | 'member', config = EXAMPLE): Promise<Policy> {
  const run = await cli(['iam-policy', '-c', config, '--role', role])
  assert.is(run.code, 0, run.stderr)
  return JSON.parse(run.stdout) as Policy
}

const without = (policy: Policy, action: string): Policy => ({
  ...policy,
  Statement: policy.Statement.map((s) => ({ ...s, Action: s.Action.filter((a) => a !== action) })).filter(
    (s) => s.Action.length > 0,
  ),
})

/** The statements granting `action` get `change` applied (resources or conditions), the others stay. */
const reshape = (
  policy: Policy,
  action: string,
  change: (s: Policy['Statement'][number]) => object,
): Policy => ({
  ...policy,
  Statement: policy.Statement.map((s) => (s.Action.includes(action) ? { ...s, ...change(s) } : s)),
})

/** Every resource of the statements granting `action` with `from` replaced by `to`. */
const renamed = (policy: Policy, action: string, from: string, to: string): Policy =>
  reshape(policy, action, (s) => ({ Resource: [s.Resource].flat().map((r) => r.replace(from, to)) }))

/** Gives a member account's bootstrap role exactly `policy` (replacing AdministratorAccess). */
function narrowMember(sandbox: Sandbox, account: string, policy: Policy): void {
  sandbox.control('iam', 'put-role', {
    account,
    name: BOOTSTRAP_ROLE,
    policies: { 'org-baseline-member': policy },
  })
}

/** The tool role and every member account's bootstrap role get exactly the generated policies (SCPs stay enforced). */
function narrow(sandbox: Sandbox, tool: Policy, member: Policy): void {
  sandbox.control('iam', 'put-role', {
    account: sandbox.world.managementAccountId,
    name: 'org-baseline',
    policies: { 'org-baseline-tool': tool },
  })
  for (const account of sandbox.world.accounts.values()) {
    if (account.id !== sandbox.world.managementAccountId && account.accessRoles.has(BOOTSTRAP_ROLE))
      narrowMember(sandbox, account.id, member)
  }
}

const DENY_ALL: Policy = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Nothing', Effect: 'Deny', Action: ['*'], Resource: '*' }],
}

test('neither policy has a wildcard action', async () => {
  for (const role of ['tool', 'member'] as const) {
    const actions = (await generated(role)).Statement.flatMap((s) => s.Action)
    assert.ok(actions.length > 10)
    assert.equal(
      actions.filter((a) => a.includes('*')),
      [],
    )
  }
})

test('the tool role may assume only the member role and its bootstrap fallback, only inside the organization', async () => {
  const assume = (await generated('tool')).Statement.filter((s) => s.Action.includes('sts:AssumeRole'))
  assert.equal(
    assume.map((s) => [s.Resource, s.Condition]),
    [
      [
        [`arn:aws:iam::*:role/${BOOTSTRAP_ROLE}`, `arn:aws:iam::*:role/${MEMBER_ROLE}`],
        { StringEquals: { 'aws:ResourceOrgID': `${ORG_ID}` } },
      ],
    ],
  )
  const alone = (await generated('tool', await bootstrapAsMember())).Statement.filter((s) =>
    s.Action.includes('sts:AssumeRole'),
  )
  assert.equal(
    alone.map((s) => s.Resource),
    [`arn:aws:iam::*:role/${BOOTSTRAP_ROLE}`],
    'a member role named like the bootstrap role: one role',
  )
})

test('plan, apply, drift, reconcile, onboard and audit-root all succeed under the generated policies', async () => {
  const tool = await generated('tool')
  const member = await generated('member')
  await withSandbox({}, async (sandbox) => {
    narrow(sandbox, tool, member)
    const plan = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(plan.code, 2, plan.stderr)
    const apply = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(apply.code, 0, apply.stderr || apply.stdout)

    // The member-role stack set made org-baseline-member in every active member account of the targets, the
    // one without the bootstrap role (Shared Services) included, with exactly the printed member policy.
    const members = [...sandbox.world.accounts.values()].filter(
      (a) => a.id !== sandbox.world.managementAccountId && a.status === 'ACTIVE',
    )
    for (const account of members) {
      const role = findRole(sandbox.world, account.id, MEMBER_ROLE)
      assert.ok(role, `${MEMBER_ROLE} in ${account.name}`)
      assert.equal(JSON.parse(role.inline.get('org-baseline-member') ?? ''), member, account.name)
    }
    // From here on the bootstrap role can do nothing: every run below works through the member role.
    for (const account of members)
      if (account.accessRoles.has(BOOTSTRAP_ROLE)) narrowMember(sandbox, account.id, DENY_ALL)
    sandbox.calls.clear()

    const again = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.is(again.code, 0, again.stderr || again.stdout)
    const drift = await cli(['drift', '-c', EXAMPLE], sandbox)
    assert.is(drift.code, 0, drift.stderr || drift.stdout)

    // Drift made out of band, then reconciled by the tool under its policy.
    sandbox.control('sandbox', 'detachPolicy', { policy: 'deny-member-root', targetId: 'r-sb01' })
    const drifted = await cli(['drift', '-c', EXAMPLE], sandbox)
    assert.is(drifted.code, 2, drifted.stderr || drifted.stdout)
    const reconcile = await cli(['reconcile', '-c', EXAMPLE], sandbox)
    assert.is(reconcile.code, 0, reconcile.stderr || reconcile.stdout)
    assert.is((await cli(['drift', '-c', EXAMPLE], sandbox)).code, 0)

    // A new account: auto-deployment gives it the member role; its bootstrap role is useless here too.
    const { accountId } = sandbox.control('sandbox', 'createAccount', {
      name: 'Narrow Team',
      parent: 'Workloads/Dev',
    }) as { accountId: string }
    narrowMember(sandbox, accountId, DENY_ALL)
    const onboard = await cli(['onboard', accountId, '-c', EXAMPLE], sandbox)
    assert.is(onboard.code, 0, onboard.stderr || onboard.stdout)

    const audit = await cli(['audit-root', '-c', EXAMPLE, '--format', 'json'], sandbox)
    assert.is(audit.code, 2, audit.stderr) // the seeded root findings, not failures
    const statuses = (JSON.parse(audit.stdout).accounts as { name: string; status: string }[]).map(
      (a) => `${a.name}: ${a.status}`,
    )
    assert.equal(
      statuses.filter((s) => !s.endsWith(': audited')).sort(),
      ['Old Experiment: suspended'],
      'every active account is audited through the member role, Shared Services (no bootstrap role) included',
    )
    assert.equal(
      sandbox.calls.entries
        .filter((c) => c.errorCode?.startsWith('AccessDenied'))
        .map((c) => `${c.service}:${c.operation}`),
      [],
      'no call of the runs after apply was denied',
    )
  })
})

interface Run {
  code: number
  stdout: string
}

/** audit-root audited no member account (the management account needs only the tool role). */
const noMemberAudited = (run: Run) =>
  (JSON.parse(run.stdout).accounts as { accountId: string; status: string }[]).every(
    (a) => a.accountId === '111111111111' || a.status !== 'audited',
  )

const CUTS: {
  why: string
  role: 'tool' | 'member'
  /** What is taken away: an action, or the AssumeRole statement's resource. */
  cut: string
  change: (policy: Policy) => Policy
  run: string[]
  failed: (run: Run) => boolean
}[] = [
  {
    why: 'apply attaches SCPs: without organizations:AttachPolicy in the tool policy it fails',
    role: 'tool',
    cut: 'organizations:AttachPolicy',
    change: (p) => without(p, 'organizations:AttachPolicy'),
    run: ['apply', '-c', EXAMPLE, '--yes'],
    failed: (run) => run.code === 1,
  },
  {
    why: 'audit-root reads each member’s root posture: without iam:GetAccountSummary in the member policy no member is audited',
    role: 'member',
    cut: 'iam:GetAccountSummary',
    change: (p) => without(p, 'iam:GetAccountSummary'),
    run: ['audit-root', '-c', EXAMPLE, '--format', 'json'],
    failed: noMemberAudited,
  },
  {
    why: 'a resource counts too: sts:AssumeRole on another role name leaves every member account unreachable',
    role: 'tool',
    cut: 'sts:AssumeRole',
    change: (p) => ({
      ...p,
      Statement: p.Statement.map((s) =>
        s.Action.includes('sts:AssumeRole') ? { ...s, Resource: 'arn:aws:iam::*:role/NotTheMemberRole' } : s,
      ),
    }),
    run: ['audit-root', '-c', EXAMPLE, '--format', 'json'],
    failed: noMemberAudited,
  },
  {
    why: 'the AssumeRole condition counts: another organization id leaves every member account unreachable',
    role: 'tool',
    cut: 'sts:AssumeRole',
    change: (p) =>
      reshape(p, 'sts:AssumeRole', () => ({
        Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-otherorg000' } },
      })),
    run: ['audit-root', '-c', EXAMPLE, '--format', 'json'],
    failed: noMemberAudited,
  },
  {
    why: 'stacks are named: the stack statement narrowed to other names makes apply fail',
    role: 'tool',
    cut: 'cloudformation:CreateStack',
    change: (p) => renamed(p, 'cloudformation:CreateStack', ':stack/org-baseline-*', ':stack/other-*'),
    run: ['apply', '-c', EXAMPLE, '--yes'],
    failed: (run) => run.code === 1,
  },
  {
    why: 'the trail is named: the trail statement narrowed to another trail makes apply fail',
    role: 'tool',
    cut: 'cloudtrail:CreateTrail',
    change: (p) => renamed(p, 'cloudtrail:CreateTrail', ':trail/org-baseline', ':trail/another-trail'),
    run: ['apply', '-c', EXAMPLE, '--yes'],
    failed: (run) => run.code === 1,
  },
  {
    why: 'the log bucket is named: the bucket statement narrowed to another name makes apply fail',
    role: 'member',
    cut: 's3:CreateBucket',
    change: (p) => renamed(p, 's3:CreateBucket', ':::org-baseline-*', ':::other-logs-*'),
    run: ['apply', '-c', EXAMPLE, '--yes'],
    failed: (run) => run.code === 1,
  },
  {
    why: 'detectors are per account: the detector statement narrowed to another account makes apply fail',
    role: 'member',
    cut: 'guardduty:UpdateOrganizationConfiguration',
    change: (p) => renamed(p, 'guardduty:UpdateOrganizationConfiguration', `${SELF}`, '000000000000'),
    run: ['apply', '-c', EXAMPLE, '--yes'],
    failed: (run) => run.code === 1,
  },
  {
    why: 'SCP writes need the ownership tag: the tag condition changed makes reconcile of a drifted SCP fail',
    role: 'tool',
    cut: 'organizations:UpdatePolicy',
    change: (p) =>
      reshape(p, 'organizations:UpdatePolicy', (s) =>
        s.Condition ? { Condition: { StringEquals: { 'aws:ResourceTag/org-baseline:managed': 'no' } } } : {},
      ),
    run: ['apply', '-c', EXAMPLE, '--yes'],
    failed: (run) => run.code === 1,
  },
  {
    why: 'iam:PassRole only to Config: PassedToService naming another service makes the aggregator fail',
    role: 'member',
    cut: 'iam:PassRole',
    change: (p) =>
      reshape(p, 'iam:PassRole', () => ({
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      })),
    run: ['apply', '-c', EXAMPLE, '--yes'],
    failed: (run) => run.code === 1,
  },
]

for (const c of CUTS) {
  test(c.why, async () => {
    const config = await bootstrapAsMember()
    const full = { tool: await generated('tool', config), member: await generated('member', config) }
    assert.ok(
      full[c.role].Statement.some((s) => s.Action.includes(c.cut)),
      `${c.cut} is in the generated ${c.role} policy`,
    )
    await withSandbox({}, async (sandbox) => {
      const cut = { ...full, [c.role]: c.change(full[c.role]) }
      narrow(sandbox, cut.tool, cut.member)
      const run = await cli(
        c.run.map((arg) => (arg === EXAMPLE ? config : arg)),
        sandbox,
      )
      const denied = sandbox.calls.entries.filter((e) => e.errorCode?.startsWith('AccessDenied'))
      // A resource CloudFormation creates with the tool's credentials fails inside the stack: its event names
      // the denied action, and the run reports it.
      const inStack = `${run.stdout}${run.stderr}`.includes(`not authorized to perform: ${c.cut}`)
      assert.ok(denied.length > 0 || inStack, `a call was denied (${c.cut})`)
      assert.ok(c.failed(run), `${c.run[0]} fails: ${run.stdout.slice(0, 2000)}`)
    })
  })
}

test.run()
