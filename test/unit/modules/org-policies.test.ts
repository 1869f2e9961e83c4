// The org-policies modules' pure parts: declarative weakening and syntax, the RCP's trusted-account
// expansion, the RCP lockout guard, and the diff's limits and removals.
import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Desired } from '../../../src/engine/desired.ts'
// The registry first: the modules import the planner, which imports the registry.
import '../../../src/modules/index.ts'
import {
  DECLARATIVE_EC2,
  declarativeWeakens,
  exceptionDocument,
} from '../../../src/modules/org-policies/declarative-ec2.ts'
import { declarativeEc2Problems } from '../../../src/modules/org-policies/declarative-syntax.ts'
import { diffOrgPolicies, limitProblems } from '../../../src/modules/org-policies/diff.ts'
import type { WantedPolicy } from '../../../src/modules/org-policies/kind.ts'
import type { OrgPolicyObserved } from '../../../src/modules/org-policies/observed.ts'
import { expandTrusted, RCPS } from '../../../src/modules/org-policies/rcp.ts'
import { rcpLockoutProblems } from '../../../src/modules/org-policies/rcp-lockout.ts'

const test = suite('org-policies')
const baseline = JSON.parse(readFileSync('declarative/ec2-baseline.json', 'utf8'))
const perimeter = JSON.parse(readFileSync('rcps/data-perimeter.json', 'utf8'))

const ROOT = { spec: 'Root', id: 'r-1', kind: 'root' as const, label: 'Root' }
const desired = {
  config: {
    homeRegion: 'us-east-1',
    access: {
      toolRoleName: 'org-baseline',
      memberRoleName: 'org-baseline-member',
      bootstrapRoleName: 'OrganizationAccountAccessRole',
      breakGlassRoles: [],
    },
  },
  management: { id: '111111111111', name: 'management' },
  securityTooling: { id: '222222222222', name: 'security', parentId: 'r-1', status: 'ACTIVE' },
  logArchive: { id: '333333333333', name: 'logs', parentId: 'r-1', status: 'ACTIVE' },
  deploymentTargets: [ROOT],
  excludedOus: [],
  excludedAccounts: [],
  org: {
    id: 'o-1',
    rootId: 'r-1',
    units: [],
    accounts: [
      { id: '111111111111', name: 'management', parentId: 'r-1', status: 'ACTIVE' },
      { id: '222222222222', name: 'security', parentId: 'r-1', status: 'ACTIVE' },
      { id: '333333333333', name: 'logs', parentId: 'r-1', status: 'ACTIVE' },
    ],
    enabledPolicyTypes: [],
  },
} as unknown as Desired

const wanted = (name: string, document: unknown, relaxes = false): WantedPolicy => ({
  name,
  document,
  minified: JSON.stringify(document),
  targets: [ROOT],
  source: 'test',
  ...(relaxes ? { relaxes } : {}),
})
const observed = (partial: Partial<OrgPolicyObserved>): OrgPolicyObserved => ({
  typeEnabled: true,
  owned: [],
  others: [],
  attachedCount: new Map(),
  wanted: [],
  ...partial,
})

test('the shipped EC2 baseline and every exception pass the declarative syntax; wrong values do not', () => {
  assert.equal(declarativeEc2Problems(baseline), [], 'declarative/ec2-baseline.json')
  assert.equal(
    declarativeEc2Problems(exceptionDocument(['imdsv1', 'publicSnapshots', 'publicAmis', 'serialConsole'])),
    [],
  )
  const cases: [string, unknown][] = [
    ['no ec2_attributes key', { attributes: {} }],
    [
      'image block public access has no block_all_sharing (AWS: unblocked | block_new_sharing)',
      { ec2_attributes: { image_block_public_access: { state: { '@@assign': 'block_all_sharing' } } } },
    ],
    ['unknown attribute', { ec2_attributes: { ebs_encryption: {} } }],
  ]
  for (const [why, doc] of cases) assert.ok(declarativeEc2Problems(doc).length > 0, why)
})

test('declarative weakening: a setting made less strict or dropped weakens; restoring does not', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['same content', baseline, baseline, false],
    [
      'IMDSv2 required → optional',
      baseline,
      {
        ec2_attributes: {
          ...baseline.ec2_attributes,
          instance_metadata_defaults: { http_tokens: { '@@assign': 'optional' } },
        },
      },
      true,
    ],
    [
      'serial console setting dropped',
      baseline,
      { ec2_attributes: { ...baseline.ec2_attributes, serial_console_access: undefined } },
      true,
    ],
    [
      'an exception relaxes one more setting',
      exceptionDocument(['imdsv1']),
      exceptionDocument(['imdsv1', 'serialConsole']),
      true,
    ],
    [
      'an exception relaxes one less',
      exceptionDocument(['imdsv1', 'serialConsole']),
      exceptionDocument(['imdsv1']),
      false,
    ],
  ]
  for (const [why, before, after, weakens] of cases)
    assert.is(declarativeWeakens(before, after).length > 0, weakens, why)
})

test('the RCP expands one trusted account per element and drops the key when none is trusted', () => {
  const none = expandTrusted(perimeter, []) as typeof perimeter
  const condition = none.Statement[0].Condition.StringNotEqualsIfExists
  assert.equal(Object.keys(condition), ['aws:PrincipalOrgID'])
  const two = expandTrusted(perimeter, ['444444444444', '555555555555']) as typeof perimeter
  assert.equal(two.Statement[0].Condition.StringNotEqualsIfExists['aws:PrincipalAccount'], [
    '444444444444',
    '555555555555',
  ])
})

test('RCP lockout guard: the shipped perimeter passes; an RCP denying every S3 write locks out the log writers', () => {
  const fine = observed({ wanted: [wanted('org-baseline-data-perimeter', expandTrusted(perimeter, []))] })
  assert.equal(rcpLockoutProblems(desired, fine), [])
  const denyAll = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Deny', Principal: '*', Action: ['s3:PutObject', 'sts:AssumeRole'], Resource: '*' },
    ],
  }
  const problems = rcpLockoutProblems(desired, observed({ wanted: [wanted('too-much', denyAll)] }))
  assert.ok(
    problems.some((p) => /cloudtrail\.amazonaws\.com s3:PutObject/.test(p)),
    problems.join('\n'),
  )
  assert.ok(problems.some((p) => /config\.amazonaws\.com s3:PutObject/.test(p)))
  assert.ok(problems.some((p) => /the tool role org-baseline sts:AssumeRole/.test(p)))
  assert.not.ok(
    problems.some((p) => /111111111111/.test(p)),
    'the management account is never judged',
  )
})

test('limits: RCPFullAWSAccess counts, so a sixth RCP on a target is refused; a removed policy is detached then deleted, destructively', () => {
  const over = observed({ attachedCount: new Map([['r-1', 5]]), wanted: [wanted('p6', perimeter)] })
  const changes = diffOrgPolicies(RCPS, desired, over, () => [])
  assert.equal(limitProblems(RCPS, desired, over, changes).length, 1)
  const gone = observed({
    owned: [
      {
        id: 'p-1',
        name: 'org-baseline-ec2-baseline',
        content: baseline,
        contentHash: undefined,
        targets: ['r-1'],
      },
    ],
  })
  const removal = diffOrgPolicies(DECLARATIVE_EC2, desired, gone, declarativeWeakens)
  assert.equal(
    removal.map((c) => [c.address, c.action, c.destructive]),
    [
      ['declarative-policies.attachment[org-baseline-ec2-baseline→Root]', 'delete', true],
      ['declarative-policies.policy[org-baseline-ec2-baseline]', 'delete', true],
    ],
  )
})

test('an exception attached is destructive (it weakens the baseline there); its detachment is not', () => {
  const exception = wanted('org-baseline-ec2-legacy', exceptionDocument(['imdsv1']), true)
  const create = diffOrgPolicies(
    DECLARATIVE_EC2,
    desired,
    observed({ wanted: [exception] }),
    declarativeWeakens,
  )
  assert.is(create.find((c) => c.address.includes('attachment'))?.destructive, true)
  const detached = diffOrgPolicies(
    DECLARATIVE_EC2,
    desired,
    observed({
      wanted: [{ ...exception, targets: [] }],
      owned: [
        {
          id: 'p-2',
          name: exception.name,
          content: exception.document,
          contentHash: undefined,
          targets: ['r-1'],
        },
      ],
    }),
    declarativeWeakens,
  )
  assert.equal(
    detached.map((c) => [c.action, c.destructive]),
    [['delete', false]],
  )
})

test.run()
