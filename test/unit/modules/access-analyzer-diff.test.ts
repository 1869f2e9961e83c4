// The access-analyzer and security-contacts diffs as pure functions: literal observations in, the changes
// out, one reason per case.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { isDestructive } from '../../../src/engine/change.ts'
import type { Desired } from '../../../src/engine/desired.ts'
import { diffAccessAnalyzer } from '../../../src/modules/access-analyzer/diff.ts'
import type {
  AccessAnalyzerObserved,
  ObservedAnalyzer,
} from '../../../src/modules/access-analyzer/observed.ts'
import { securityContacts } from '../../../src/modules/security-contacts/index.ts'

const test = suite('access-analyzer and security-contacts diff')

const ADMIN = '222222222222'
const MANAGEMENT = '111111111111'
const RULE = { name: 'mine', analyzer: 'external', filter: { isPublic: { eq: ['false'] } } }

const desired = (
  aa: { enabled?: boolean; age?: number; rules?: unknown[] } = {},
  contact?: unknown,
): Desired =>
  ({
    regions: ['eu-west-1', 'us-east-1'],
    config: {
      homeRegion: 'us-east-1',
      accessAnalyzer: {
        enabled: aa.enabled ?? true,
        unusedAccess: { enabled: true, age: aa.age ?? 90 },
        archiveRules: aa.rules ?? [RULE],
      },
      contacts: { security: contact },
    },
    management: { id: MANAGEMENT, name: 'Management', status: 'ACTIVE', path: 'Root' },
    securityTooling: { id: ADMIN, name: 'Security Tooling', status: 'ACTIVE', path: 'Root/Security' },
    excludedAccounts: [],
    excludedOus: [],
    org: {
      accounts: [
        { id: MANAGEMENT, name: 'Management', status: 'ACTIVE', path: 'Root' },
        { id: ADMIN, name: 'Security Tooling', status: 'ACTIVE', path: 'Root/Security' },
        { id: '999999999999', name: 'Gone', status: 'SUSPENDED', path: 'Root' },
      ],
    },
  }) as unknown as Desired

const external = (
  rules: ObservedAnalyzer['rules'] = { mine: { isPublic: { eq: ['false'] } } },
): ObservedAnalyzer => ({
  name: 'org-baseline-external-access',
  type: 'ORGANIZATION',
  status: 'ACTIVE',
  rules,
})
const unused = (age = 90): ObservedAnalyzer => ({
  name: 'org-baseline-unused-access',
  type: 'ORGANIZATION_UNUSED_ACCESS',
  status: 'ACTIVE',
  unusedAccessAge: age,
  rules: {},
})
const converged = (): AccessAnalyzerObserved => ({
  registered: [ADMIN],
  regions: [
    { region: 'eu-west-1', regionEnabled: true, analyzers: { external: external() } },
    { region: 'us-east-1', regionEnabled: true, analyzers: { external: external(), unusedAccess: unused() } },
  ],
})
const summary = (d: Desired, o: AccessAnalyzerObserved) =>
  diffAccessAnalyzer(d, o).map((c) => `${c.action} ${c.address}${isDestructive(c) ? ' !' : ''}`)

const cases: [string, Desired, AccessAnalyzerObserved, string[]][] = [
  ['converged: nothing to do', desired(), converged(), []],
  [
    'nothing yet: an external analyzer per region, the unused-access one in the home region only',
    desired(),
    { registered: [], regions: converged().regions.map((r) => ({ ...r, analyzers: {} })) },
    [
      'create access-analyzer.external[eu-west-1]',
      'create access-analyzer.external[us-east-1]',
      'create access-analyzer.unused-access[us-east-1]',
    ],
  ],
  [
    'a longer unused-access age reports less: destructive',
    desired({ age: 180 }),
    converged(),
    ['update access-analyzer.unused-access[us-east-1] !'],
  ],
  [
    'a shorter age reports more: not destructive',
    desired({ age: 30 }),
    converged(),
    ['update access-analyzer.unused-access[us-east-1]'],
  ],
  [
    'a rule the config no longer names is deleted (every delete is held back)',
    desired({ rules: [] }),
    converged(),
    [
      'delete access-analyzer.archive-rule[eu-west-1/org-baseline-external-access/mine] !',
      'delete access-analyzer.archive-rule[us-east-1/org-baseline-external-access/mine] !',
    ],
  ],
  [
    'off: analyzers deleted, then the administrator deregistered',
    desired({ enabled: false }),
    converged(),
    [
      'delete access-analyzer.external[eu-west-1] !',
      'delete access-analyzer.external[us-east-1] !',
      'delete access-analyzer.unused-access[us-east-1] !',
      `delete access-analyzer.delegated-admin[access-analyzer.amazonaws.com→${ADMIN}] !`,
    ],
  ],
]

for (const [name, d, o, expected] of cases) test(name, () => assert.equal(summary(d, o), expected))

test('the deregistration waits for every analyzer deletion', () => {
  const changes = diffAccessAnalyzer(desired({ enabled: false }), converged())
  const deregistration = changes.find((c) => c.address.startsWith('access-analyzer.delegated-admin['))
  assert.equal(deregistration?.dependsOn, [
    'access-analyzer.external[eu-west-1]',
    'access-analyzer.external[us-east-1]',
    'access-analyzer.unused-access[us-east-1]',
  ])
})

const CONTACT = { enabled: true, name: 'SecOps', title: 'On call', email: 's@example.com', phone: '+1 555' }
const state = { name: 'SecOps', title: 'On call', email: 's@example.com', phone: '+1 555' }

test('contacts: missing and different ones set, suspended accounts skipped; off deletes what exists', () => {
  const observed = new Map([
    [MANAGEMENT, null],
    [ADMIN, { ...state, email: 'old@example.com' }],
  ])
  const on = securityContacts.diff(desired({}, CONTACT), observed)
  assert.equal(
    on.map((c) => `${c.action} ${c.address}`),
    [`create security-contacts.contact[${MANAGEMENT}]`, `update security-contacts.contact[${ADMIN}]`],
  )
  const off = securityContacts.diff(desired({}, { enabled: false }), observed)
  assert.equal(
    off.map((c) => `${c.action} ${c.address} ${c.destructive}`),
    [`delete security-contacts.contact[${ADMIN}] true`],
  )
})

test.run()
