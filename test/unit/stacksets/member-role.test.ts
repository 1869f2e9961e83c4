// The member role's stack set: the template as deployed holds exactly the `iam-policy --role member` policy of
// the config (one source, so they cannot drift), trusts only the tool role within the organization, needs
// CAPABILITY_NAMED_IAM as CloudFormation judges it, fits IAM's inline-policy quota, and changes when a module
// is switched off. Everything acting through the member role is planned after it.
import { readFile } from 'node:fs/promises'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Change } from '../../../src/engine/change.ts'
import { SELF } from '../../../src/iam/arns.ts'
import { configuredPolicy } from '../../../src/iam/configured-policy.ts'
import { memberTrustPolicy } from '../../../src/iam/trust-policy.ts'
import { plannedStackSets, plannedStacks } from '../../../src/modules/stacksets/catalogue.ts'
import { parseTemplate } from '../../../src/modules/stacksets/cfn-yaml.ts'
import {
  MEMBER_POLICY_MARKER,
  orderAfterMemberRole,
  parseWithMemberPolicy,
  renderTemplate,
  withMemberPolicy,
  withMemberRole,
} from '../../../src/modules/stacksets/member-role.ts'
import { evaluatePolicy, type Principal, principalContext } from '../../../src/policy/index.ts'
import {
  parseTemplateBody,
  requiredCapabilities,
} from '../../../src/sandbox/services/cloudformation/template-parse.ts'
import { templateProblems } from '../../../src/sandbox/services/cloudformation/template-validate/index.ts'
import { desiredFrom } from './fixture.ts'

const test = suite('member-role stack set')
const shipped = () => readFile('stacksets/member-role.yaml', 'utf8')

interface RoleProps {
  AssumeRolePolicyDocument: { Statement: Record<string, unknown>[] }
  Policies: { PolicyName: string; PolicyDocument: unknown }[]
}
const roleOf = (body: string) =>
  (parseTemplate(body) as { Resources: { MemberRole: { Properties: RoleProps } } }).Resources.MemberRole
    .Properties

test('as deployed, the role holds exactly the policy iam-policy --role member prints for the config', async () => {
  const desired = await desiredFrom()
  const body = await renderTemplate('member-role', await shipped(), desired.baseline)
  assert.equal(templateProblems(body), [])
  const [policy, ...others] = roleOf(body).Policies
  assert.is(others.length, 0)
  assert.equal(policy?.PolicyDocument, configuredPolicy(desired.baseline, 'member'))
  // IAM variables stay literal: outside Fn::Sub CloudFormation does not read ${…}.
  assert.match(JSON.stringify(policy?.PolicyDocument), SELF)
})

test('the rendered template’s parse derived from the shipped one (no YAML parsed on a plan) is exactly what parsing it gives', async () => {
  const cases: [string, (t: string) => string][] = [
    ['the example config', (t) => t],
    [
      'every module on',
      (t) =>
        t
          .replace('administrator: management', 'administrator: securityTooling')
          .replace('lake:\n    enabled: false', 'lake:\n    enabled: true'),
    ],
    [
      'findings routing off: fewer',
      (t) => t.replace(/findingsRouting:\n {2}enabled: true/, 'findingsRouting:\n  enabled: false'),
    ],
  ]
  const text = await shipped()
  const policies = new Set<string>()
  for (const [reason, edit] of cases) {
    const desired = await desiredFrom(edit)
    const policy = configuredPolicy(desired.baseline, 'member')
    policies.add(JSON.stringify(policy))
    const derived = parseWithMemberPolicy(parseTemplate(text), policy)
    assert.equal(derived, parseTemplate(withMemberPolicy(text, policy)), reason)
  }
  assert.ok(policies.size > 1, 'the cases give different policies')
  assert.is(parseWithMemberPolicy(parseTemplate('Resources: {}\n'), {}), undefined, 'no placeholder: none')
})

test('the shipped file alone grants nothing: its placeholder denies everything', async () => {
  const [policy] = roleOf(await shipped()).Policies
  assert.equal(policy?.PolicyDocument, {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'PlaceholderUntilTheToolWritesTheMemberPolicy', Effect: 'Deny', Action: '*', Resource: '*' },
    ],
  })
})

test('a template without exactly one marker is refused (a custom templateDir must keep it)', () => {
  assert.throws(() => withMemberPolicy('Resources: {}\n', {}), /exactly one line ending in/)
  const twice = `a: ${MEMBER_POLICY_MARKER}\nb: ${MEMBER_POLICY_MARKER}\n`
  assert.throws(() => withMemberPolicy(twice, {}), /exactly one line/)
})

test('its trust, with the parameters the module passes, is the --role member --trust policy', async () => {
  const desired = await desiredFrom()
  const spec = plannedStackSets(desired).find((s) => s.template === 'member-role')
  assert.ok(spec)
  const p = spec.parameters
  assert.equal(p, {
    RoleName: 'org-baseline-member',
    ManagementAccountId: '111111111111',
    ToolRoleName: 'org-baseline',
    OrganizationId: 'o-sandbox0001',
  })
  const [statement] = roleOf(await shipped()).AssumeRolePolicyDocument.Statement
  const resolved = JSON.parse(
    JSON.stringify(statement)
      .replace(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the template's Fn::Sub text
        '{"Fn::Sub":"arn:${AWS::Partition}:iam::${ManagementAccountId}:role/${ToolRoleName}"}',
        `"arn:aws:iam::${p.ManagementAccountId}:role/${p.ToolRoleName}"`,
      )
      .replace('{"Ref":"OrganizationId"}', `"${p.OrganizationId}"`),
  )
  const expected = memberTrustPolicy('org-baseline', {
    accountId: '111111111111',
    organizationId: 'o-sandbox0001',
  }).Statement[0]
  assert.equal(resolved, expected)
})

const TRUST = memberTrustPolicy('org-baseline', {
  accountId: '111111111111',
  organizationId: 'o-sandbox0001',
})
/** A session of `role` (`account:role/name`, or `account:root`) asking to assume the member role. */
function assume(who: string, orgId?: string): string {
  const [account = '', name = ''] = who.split(':')
  const arn =
    name === 'root'
      ? `arn:aws:iam::${account}:root`
      : `arn:aws:sts::${account}:assumed-role/${name.replace('role/', '')}/session`
  const principal: Principal = { type: 'AWS', arn, account }
  return evaluatePolicy(
    { name: 'trust', document: TRUST as never },
    {
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::222222222222:role/org-baseline-member',
      principal,
      context: principalContext(principal, orgId ? { orgId } : {}),
    },
  ).effect
}

test('the trust, judged by the shared evaluator: the tool role inside the organization only', () => {
  const tool = '111111111111:role/org-baseline'
  const cases: [string, string, string | undefined, boolean][] = [
    ['the tool role, from the organization', tool, 'o-sandbox0001', true],
    ['the tool role, its account in another organization', tool, 'o-otherorg0001', false],
    ['the tool role, its account in no organization', tool, undefined, false],
    ['another role of the management account', '111111111111:role/Operator', 'o-sandbox0001', false],
    ['a role of that name in a member account', '222222222222:role/org-baseline', 'o-sandbox0001', false],
    ['the management account root', '111111111111:root', 'o-sandbox0001', false],
  ]
  for (const [why, principal, org, allowed] of cases) {
    assert.is(assume(principal, org) === 'Allow', allowed, why)
  }
})

test('CloudFormation needs CAPABILITY_NAMED_IAM for it, and the module says so', async () => {
  assert.equal(requiredCapabilities(parseTemplateBody(await shipped())), ['CAPABILITY_NAMED_IAM'])
  const spec = plannedStackSets(await desiredFrom()).find((s) => s.template === 'member-role')
  assert.equal(spec?.capabilities, ['CAPABILITY_NAMED_IAM'])
  assert.equal(spec?.regions, ['us-east-1'], 'one region: IAM is global')
})

test('never copied to the management account as a stack: the tool is itself there', async () => {
  assert.equal(
    plannedStacks(await desiredFrom()).filter((s) => s.template === 'member-role'),
    [],
  )
})

test("the policy fits IAM's 10,240 non-whitespace characters for a role's inline policies, every module on", async () => {
  const desired = await desiredFrom((t) =>
    t
      .replace('administrator: management', 'administrator: securityTooling')
      .replace('lake:\n    enabled: false', 'lake:\n    enabled: true'),
  )
  const size = JSON.stringify(configuredPolicy(desired.baseline, 'member')).replace(/\s/g, '').length
  assert.ok(size < 10_240, `${size} characters`)
})

test('switching a module off changes the deployed template (and so updates the stack set)', async () => {
  const on = await desiredFrom()
  const off = await desiredFrom((t) =>
    t.replace(/findingsRouting:\n {2}enabled: true/, 'findingsRouting:\n  enabled: false'),
  )
  const body = await shipped()
  const [a, b] = await Promise.all([
    renderTemplate('member-role', body, on.baseline),
    renderTemplate('member-role', body, off.baseline),
  ])
  assert.is.not(a, b)
  assert.ok(
    a.includes('sns:CreateTopic') && !b.includes('sns:CreateTopic'),
    'the findings topic permissions go',
  )
})

const change = (address: string, module: string, account?: string, dependsOn: string[] = []): Change => ({
  address,
  module,
  action: 'create',
  before: null,
  after: {},
  reason: '',
  dependsOn,
  destructive: false,
  ...(account ? { account } : {}),
})

test('what acts through the member role waits for it; management-account work and its own prerequisites do not', async () => {
  const desired = await desiredFrom()
  const plan = orderAfterMemberRole(
    [
      change('trusted-access[member.org.stacksets.cloudformation.amazonaws.com]', 'stacksets'),
      change('stackset[member-role]', 'stacksets', undefined, [
        'trusted-access[member.org.stacksets.cloudformation.amazonaws.com]',
      ]),
      change('stackset.instances[member-role]', 'stacksets', undefined, ['stackset[member-role]']),
      change('guardduty.admin[us-east-1]', 'guardduty', '111111111111'),
      change('guardduty.org-config[us-east-1]', 'guardduty', '222222222222'),
      change('delegated-admin[guardduty.amazonaws.com@222222222222]', 'delegated-admins', '222222222222'),
      change('stack[log-archive@333333333333:us-east-1]', 'stacksets', '333333333333'),
      change('stack[root-sign-in-alert@111111111111:us-east-1]', 'stacksets', '111111111111'),
      change('stackset[config-recorder]', 'stacksets'),
    ],
    desired,
  )
  const waits = plan
    .filter((c) => c.dependsOn.includes('stackset.instances[member-role]'))
    .map((c) => c.address)
  assert.equal(waits, ['guardduty.org-config[us-east-1]', 'stack[log-archive@333333333333:us-east-1]'])
})

test('with a delegated StackSets administrator, its stack set writes wait too (they run through the member role)', async () => {
  const desired = await desiredFrom((t) =>
    t.replace('administrator: management', 'administrator: securityTooling'),
  )
  const plan = orderAfterMemberRole(
    [change('stackset[member-role]', 'stacksets'), change('stackset[config-recorder]', 'stacksets')],
    desired,
  )
  assert.equal(plan[1]?.dependsOn, ['stackset[member-role]'])
  assert.equal(plan[0]?.dependsOn, [])
})

test('apply --only: the member role changes a selected change waits for come along, with their own prerequisites', () => {
  const access = 'trusted-access[member.org.stacksets.cloudformation.amazonaws.com]'
  const all = [
    change(access, 'stacksets'),
    change('stackset[member-role]', 'stacksets', undefined, [access]),
    change('stackset.instances[member-role]', 'stacksets', undefined, ['stackset[member-role]']),
    change('stackset[config-recorder]', 'stacksets', undefined, [access]),
    change('guardduty.org-config[us-east-1]', 'guardduty', '222222222222', [
      'stackset[member-role]',
      'stackset.instances[member-role]',
    ]),
    change('scp.policy[x]', 'scp'),
  ]
  const picked = (modules: string[]) =>
    withMemberRole(
      all.filter((c) => modules.includes(c.module)),
      all,
    ).map((c) => c.address)
  assert.equal(picked(['guardduty']), [
    access,
    'stackset[member-role]',
    'stackset.instances[member-role]',
    'guardduty.org-config[us-east-1]',
  ])
  assert.equal(picked(['scp']), ['scp.policy[x]'], 'nothing comes along where nothing waits for it')
})

test.run()
