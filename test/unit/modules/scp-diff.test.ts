import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Desired, DesiredScp } from '../../../src/engine/desired.ts'
import { diffScps } from '../../../src/modules/scp/diff.ts'
import { type ScpObserved, sha256 } from '../../../src/modules/scp/observed.ts'

const test = suite('scp diff')

const document = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny' as const, Action: action, Resource: '*' }],
})
const scp = (name: string, action: string, targets: string[]): DesiredScp => ({
  name,
  source: 'builtin',
  document: document(action),
  minified: JSON.stringify(document(action)),
  configPath: ['scps', 0],
  position: { file: 'org.yaml', line: 1, col: 1 },
  targets: targets.map((id) => ({
    spec: id,
    id,
    kind: id.startsWith('r-') ? 'root' : 'ou',
    label: id === 'r-1' ? 'Root' : id,
  })),
})

const desired = (scps: DesiredScp[]): Desired =>
  ({
    scps,
    regions: ['us-east-1'],
    // No member accounts: the lockout guard has nothing to judge here (scp-lockout.test.ts covers it).
    deploymentTargets: [],
    excludedOus: [],
    excludedAccounts: [],
    management: { id: '111111111111', name: 'management' },
    securityTooling: { id: '222222222222', name: 'security' },
    logArchive: { id: '333333333333', name: 'logs' },
    config: {
      access: {
        toolRoleName: 'org-baseline',
        memberRoleName: 'OrganizationAccountAccessRole',
        bootstrapRoleName: 'OrganizationAccountAccessRole',
        breakGlassRoles: [],
      },
    },
    org: {
      rootId: 'r-1',
      units: [{ id: 'ou-1', name: 'Workloads', parentId: 'r-1', path: 'Workloads' }],
      accounts: [],
    },
  }) as unknown as Desired

const observed = (partial: Partial<ScpObserved>): ScpObserved => ({
  typeEnabled: true,
  owned: [],
  unowned: [],
  others: [],
  attached: new Map(),
  templates: {},
  attachedCount: new Map([
    ['r-1', 1],
    ['ou-1', 1],
  ]),
  ...partial,
})

const summary = (changes: ReturnType<typeof diffScps>) =>
  changes.map(
    (c) => `${c.action} ${c.address}${c.drift ? ' drift' : ''}${c.destructive ? ' destructive' : ''}`,
  )

const cases: { reason: string; scps: DesiredScp[]; observed: ScpObserved; expect: string[] }[] = [
  {
    reason: 'nothing there: enable the type, create and attach',
    scps: [scp('a', 's3:*', ['r-1'])],
    observed: observed({ typeEnabled: false }),
    expect: [
      'create scp.policy-type[SERVICE_CONTROL_POLICY]',
      'create scp.policy[a]',
      'create scp.attachment[a→Root]',
    ],
  },
  {
    reason: 'in sync: no change, whatever the JSON formatting in AWS',
    scps: [scp('a', 's3:*', ['r-1'])],
    observed: observed({
      owned: [
        {
          id: 'p-1',
          name: 'a',
          content: document('s3:*'),
          contentHash: sha256(JSON.stringify(document('s3:*'))),
          targets: ['r-1'],
        },
      ],
    }),
    expect: [],
  },
  {
    reason:
      'content edited in AWS (tag hash still matches the config) is drift; restoring the reviewed content is not destructive, whatever the edit added',
    scps: [scp('a', 's3:*', ['r-1'])],
    observed: observed({
      owned: [
        {
          id: 'p-1',
          name: 'a',
          content: document('ec2:*'),
          contentHash: sha256(JSON.stringify(document('s3:*'))),
          targets: ['r-1'],
        },
      ],
    }),
    expect: ['update scp.policy[a] drift'],
  },
  {
    reason:
      'content changed in the config is a change, not drift (destructive: the Deny no longer covers ec2:*)',
    scps: [scp('a', 's3:*', ['r-1'])],
    observed: observed({
      owned: [
        {
          id: 'p-1',
          name: 'a',
          content: document('ec2:*'),
          contentHash: sha256(JSON.stringify(document('ec2:*'))),
          targets: ['r-1'],
        },
      ],
    }),
    expect: ['update scp.policy[a] destructive'],
  },
  {
    reason: 'a target dropped from the config is a destructive detach',
    scps: [scp('a', 's3:*', ['r-1'])],
    observed: observed({
      owned: [
        { id: 'p-1', name: 'a', content: document('s3:*'), contentHash: undefined, targets: ['r-1', 'ou-1'] },
      ],
    }),
    expect: ['delete scp.attachment[a→Workloads] destructive'],
  },
  {
    reason: 'an owned policy no longer in the config is detached then deleted',
    scps: [],
    observed: observed({
      owned: [
        { id: 'p-2', name: 'old', content: document('s3:*'), contentHash: undefined, targets: ['ou-1'] },
      ],
    }),
    expect: ['delete scp.attachment[old→Workloads] destructive', 'delete scp.policy[old] destructive'],
  },
]

for (const c of cases) {
  test(c.reason, () => {
    assert.equal(summary(diffScps(desired(c.scps), c.observed)), c.expect)
  })
}

test('refuses a name taken by an SCP org-baseline does not own', () => {
  assert.throws(
    () => diffScps(desired([scp('a', 's3:*', ['r-1'])]), observed({ unowned: ['a'] })),
    /not managed by org-baseline/,
  )
})

test('refuses a sixth SCP on a target, counting what is attached already', () => {
  const full = observed({ attachedCount: new Map([['ou-1', 5]]) })
  assert.throws(() => diffScps(desired([scp('a', 's3:*', ['ou-1'])]), full), /would carry 6 SCPs/)
})

test.run()
