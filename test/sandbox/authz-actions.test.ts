// Every operation the sandbox implements knows the IAM action it is authorized as (authz/actions/): a
// service or operation added without a table entry fails here, not with an InternalFailure in some suite.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { actionsFor, actionTables } from '../../src/sandbox/authz/actions/index.ts'
import { startSandbox } from '../../src/sandbox/index.ts'
import { services } from '../../src/sandbox/services/index.ts'

const operationsOf = (name: string) => {
  const spec = services[name]?.spec
  if (!spec) return []
  return spec.protocol === 'restJson1' || spec.protocol === 'restXml'
    ? spec.routes.map((r) => r.operation)
    : Object.keys(spec.operations)
}

test('every implemented operation of every service has an action table entry', () => {
  const missing: string[] = []
  for (const [name, service] of Object.entries(services)) {
    for (const operation of operationsOf(name)) {
      if (!actionsFor(service.spec.signingName, operation))
        missing.push(`${service.spec.signingName}:${operation}`)
    }
  }
  assert.equal(missing, [])
})

// Passing a role is authorized as IAM's action whatever service the request goes to (IAM guide, "Grant a user
// permissions to pass a role to an AWS service"). Inspector's EnableDelegatedAdminAccount enables trusted access
// and registers the administrator with the caller's permissions (Inspector user guide, "Designating a
// delegated administrator" → "Permissions required").
const CROSS_SERVICE = new Set([
  'iam:PassRole',
  'organizations:EnableAWSServiceAccess',
  'organizations:RegisterDelegatedAdministrator',
])

test('no table entry names an operation the sandbox does not implement, and each action is the service’s own', () => {
  const stale: string[] = []
  for (const service of Object.values(services)) {
    const { signingName } = service.spec
    const implemented = new Set(
      operationsOf(Object.keys(services).find((k) => services[k] === service) ?? ''),
    )
    for (const [operation, entry] of Object.entries(actionTables[signingName] ?? {})) {
      if (!implemented.has(operation)) stale.push(`${signingName}:${operation}`)
      for (const e of Array.isArray(entry) ? entry : [entry]) {
        if (!e.action.startsWith(`${signingName}:`) && !CROSS_SERVICE.has(e.action))
          stale.push(`${signingName}:${operation} → ${e.action}`)
      }
    }
  }
  assert.equal(stale, [])
})

test('resource ARNs follow the Service Authorization Reference formats', async () => {
  const sandbox = await startSandbox()
  const scope = { world: sandbox.world, account: '222222222222', region: 'eu-west-1' }
  const resources = (service: string, operation: string, input: Record<string, unknown>) =>
    (actionsFor(service, operation) ?? []).flatMap((e) => (e.resources ? e.resources(input, scope) : ['*']))
  const cases: [string, string, Record<string, unknown>, string[], string][] = [
    [
      'organizations',
      'DescribeAccount',
      { AccountId: '333333333333' },
      ['arn:aws:organizations::111111111111:account/o-sandbox0001/333333333333'],
      'account type',
    ],
    [
      'organizations',
      'AttachPolicy',
      { PolicyId: 'p-FullAWSAccess', TargetId: 'r-sb01' },
      [
        'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
        'arn:aws:organizations::111111111111:root/o-sandbox0001/r-sb01',
      ],
      'awspolicy + root',
    ],
    ['organizations', 'ListRoots', {}, ['*'], 'no resource type'],
    [
      'guardduty',
      'GetDetector',
      { DetectorId: 'abc' },
      ['arn:aws:guardduty:eu-west-1:222222222222:detector/abc'],
      'detector',
    ],
    ['securityhub', 'DescribeHub', {}, ['arn:aws:securityhub:eu-west-1:222222222222:hub/default'], 'hub'],
    [
      'cloudtrail',
      'StopLogging',
      { Name: 'org' },
      ['arn:aws:cloudtrail:eu-west-1:222222222222:trail/org'],
      'trail by name',
    ],
    [
      'events',
      'PutTargets',
      { Rule: 'r' },
      ['arn:aws:events:eu-west-1:222222222222:rule/r'],
      'rule on the default bus',
    ],
    [
      'cloudformation',
      'DeleteStack',
      { StackName: 'x' },
      ['arn:aws:cloudformation:eu-west-1:222222222222:stack/x/*'],
      'a stack not created yet',
    ],
    [
      'sts',
      'AssumeRole',
      { RoleArn: 'arn:aws:iam::333333333333:role/R' },
      ['arn:aws:iam::333333333333:role/R'],
      'role',
    ],
    [
      'account',
      'EnableRegion',
      { AccountId: '333333333333', RegionName: 'ap-east-1' },
      ['arn:aws:account::111111111111:account/o-sandbox0001/333333333333'],
      'accountInOrganization',
    ],
    ['sts', 'GetCallerIdentity', {}, [], 'needs no permission (STS API reference)'],
  ]
  for (const [service, operation, input, expected, reason] of cases) {
    assert.equal(resources(service, operation, input), expected, `${service}:${operation} — ${reason}`)
  }
  await sandbox.close()
})

test.run()
