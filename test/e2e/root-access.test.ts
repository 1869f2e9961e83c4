import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { rootFindings } from '../../src/modules/root-access/audit.ts'
import { changeLines, cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('root access and audit-root')

test('centralized root access is planned after IAM trusted access and applied', async () => {
  await withSandbox({}, async (sandbox) => {
    const plan = await cli(['plan', '-c', EXAMPLE, '--format', 'json'], sandbox)
    const changes = JSON.parse(plan.stdout).changes as { address: string; dependsOn: string[] }[]
    const features = changes.filter((c) => c.address.startsWith('root-access.'))
    assert.equal(
      features.map((c) => c.address),
      ['root-access.feature[RootCredentialsManagement]', 'root-access.feature[RootSessions]'],
    )
    assert.ok(features.every((c) => c.dependsOn.includes('trusted-access[iam.amazonaws.com]')))
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    const again = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.equal(
      changeLines(again.stdout).filter((l) => l.includes('root-access')),
      [],
    )
  })
})

test('audit-root lists every account with the seeded root credentials', async () => {
  await withSandbox({}, async (sandbox) => {
    const run = await cli(['audit-root', '-c', EXAMPLE, '--format', 'json'], sandbox)
    assert.is(run.code, 2, run.stderr)
    const report = JSON.parse(run.stdout)
    assert.is(report.accounts.length, sandbox.world.accounts.size)
    for (const posture of report.accounts) {
      const seeded = sandbox.world.accounts.get(posture.accountId)
      assert.ok(seeded, posture.accountId)
      if (posture.status !== 'audited') continue
      assert.equal(
        { mfa: posture.mfa, password: posture.password, accessKeys: posture.accessKeys },
        seeded.root,
        posture.name,
      )
    }
    const statuses = report.accounts.map((p: { status: string }) => p.status)
    assert.ok(statuses.includes('suspended'), 'the suspended account is listed as such')
    assert.ok(
      statuses.includes('unreachable'),
      'the account without the access role is listed with the reason',
    )
  })
})

test('audit-root exits 0 once nothing needs doing', async () => {
  await withSandbox({}, async (sandbox) => {
    for (const account of sandbox.world.accounts.values()) {
      sandbox.control('sandbox', 'setRootCredentials', {
        accountId: account.id,
        mfa: true,
        password: false,
        accessKeys: false,
      })
      account.accessRoles.add('OrganizationAccountAccessRole')
    }
    const run = await cli(['audit-root', '-c', EXAMPLE], sandbox)
    assert.is(run.code, 0, run.stdout)
    assert.match(run.stdout, ', 0 unreachable, 0 findings.')
  })
})

const cases = [
  {
    reason: 'member with MFA and password is fine',
    p: { management: false, mfa: true, password: true, accessKeys: false },
    count: 0,
  },
  {
    reason: 'member without credentials is fine',
    p: { management: false, mfa: false, password: false, accessKeys: false },
    count: 0,
  },
  {
    reason: 'member password without MFA is a finding',
    p: { management: false, mfa: false, password: true, accessKeys: false },
    count: 1,
  },
  {
    reason: 'root access keys are always a finding',
    p: { management: false, mfa: true, password: false, accessKeys: true },
    count: 1,
  },
  {
    reason: 'management without MFA is a finding a person must fix',
    p: { management: true, mfa: false, password: true, accessKeys: false },
    count: 1,
  },
]
for (const c of cases) {
  test(`root findings: ${c.reason}`, () => {
    const findings = rootFindings(c.p, true)
    assert.is(findings.length, c.count)
    if (c.p.management && c.count) assert.match(findings[0] ?? '', 'a person must sign in as the root user')
  })
}

test.run()
