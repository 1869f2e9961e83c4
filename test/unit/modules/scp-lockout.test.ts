// The lockout guard against the example config and a small organization (test/unit/stacksets/fixture.ts):
// Management 111111111111 (Root), Security Tooling 222222222222 and Log Archive 333333333333 (Security),
// Payments Prod 555555555555 (Workloads/Prod); regions eu-west-1 and us-east-1; break-glass BreakGlassAdmin.
// Each case: SCPs attached besides the shipped ones (or replacing one), the expected verdict, and why.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Desired, DesiredScp } from '../../../src/engine/desired.ts'
import { MODULES } from '../../../src/modules/index.ts'
import { lockoutGuard } from '../../../src/modules/scp/lockout.ts'
import type { AttachedSummary, OtherScp, ScpObserved } from '../../../src/modules/scp/observed.ts'
import { plannedStackSets, plannedStacks } from '../../../src/modules/stacksets/catalogue.ts'
import { readTemplates } from '../../../src/modules/stacksets/observe.ts'
import { desiredFrom } from '../stacksets/fixture.ts'

const test = suite('SCP lockout guard')

const ROOT = 'r-sb01'
const SECURITY = 'ou-sb01-security1'
const PROD = 'ou-sb01-prod0001'
const MEMBER = 'arn:aws:iam::*:role/org-baseline-member'
const BOOTSTRAP = 'arn:aws:iam::*:role/OrganizationAccountAccessRole'
const BREAK_GLASS = 'arn:aws:iam::*:role/BreakGlassAdmin'
const EXEC = 'arn:aws:iam::*:role/stacksets-exec-*'
const FULL: AttachedSummary = { id: 'p-FullAWSAccess', name: 'FullAWSAccess', awsManaged: true }

type Statement = Record<string, unknown>
const doc = (...statements: Statement[]) => ({ Version: '2012-10-17', Statement: statements })
const deny = (action: string | string[], extra: Statement = {}): Statement => ({
  Effect: 'Deny',
  Action: action,
  Resource: '*',
  ...extra,
})
const except = (...arns: string[]) => ({ Condition: { ArnNotLike: { 'aws:PrincipalArn': arns } } })
const outside = (regions: string[]) => ({ StringNotEquals: { 'aws:RequestedRegion': regions } })

interface Case {
  reason: string
  /** SCPs someone else attached (id p-other<n>). */
  others?: { name: string; document: unknown; targets: string[]; noFullAccessOn?: string[] }[]
  /** The config's own SCP that replaces protect-security-baseline (same targets: Root). */
  own?: unknown
  edit?: (text: string) => string
  /** Substrings every one of which some refusal must contain; [] = the guard passes. */
  refused: string[][]
  /** Substrings no refusal may contain. */
  notRefused?: string[]
}

const cases: Case[] = [
  {
    reason: 'the shipped SCPs exempt every protected role: nothing is refused',
    refused: [],
  },
  {
    reason:
      'old false negative, fixed account id: an exemption pinned to 123456789012 (the old guard sample) exempts no real account',
    others: [
      {
        name: 'pinned-elsewhere',
        document: doc(
          deny(
            'guardduty:ListDetectors',
            except('arn:aws:iam::123456789012:role/OrganizationAccountAccessRole'),
          ),
        ),
        targets: [PROD],
      },
    ],
    refused: [['pinned-elsewhere (p-other0)', 'guardduty:ListDetectors', '555555555555 (Payments Prod)']],
  },
  {
    reason:
      'old false negative, sampled actions: cloudtrail:GetTrailStatus (onboard) was not among the 21 sampled',
    others: [{ name: 'no-trail-status', document: doc(deny('cloudtrail:GetTrailStatus')), targets: [PROD] }],
    refused: [
      ['no-trail-status', 'the member role (org-baseline-member) cloudtrail:GetTrailStatus'],
      ['no-trail-status', 'the bootstrap role (fallback member role) (OrganizationAccountAccessRole)'],
    ],
  },
  {
    reason:
      'old false negative, member-role writes: the member role writes GuardDuty settings in the security tooling account',
    others: [
      {
        name: 'no-guardduty-writes',
        document: doc(deny('guardduty:UpdateOrganizationConfiguration', except(BREAK_GLASS))),
        targets: [SECURITY],
      },
    ],
    refused: [
      [
        'no-guardduty-writes',
        'the member role (org-baseline-member)',
        '222222222222 (Security Tooling)',
        'region eu-west-1',
      ],
    ],
    notRefused: ['Log Archive', 'BreakGlassAdmin'],
  },
  {
    reason:
      'old false negative, global services: IAM is judged in us-east-1, where a deny-outside-eu-west-1 SCP without exemptions bites',
    edit: (t) =>
      t
        .replace('targets: enabled', 'targets: [eu-west-1]')
        .replace(/(homeRegion|aggregationRegion|globalResourcesRegion): us-east-1/g, '$1: eu-west-1'),
    others: [
      {
        name: 'eu-only',
        document: doc(deny('*', { Condition: outside(['eu-west-1']) })),
        targets: [PROD],
      },
    ],
    refused: [['eu-only', 'iam:GetAccountSummary', 'region us-east-1']],
    notRefused: ['region eu-west-1'],
  },
  {
    reason: 'a region-deny SCP that exempts global services and the baseline roles passes',
    others: [
      {
        name: 'regions-with-exemptions',
        document: doc(
          deny('*', {
            Resource: '*',
            Condition: {
              ...outside(['eu-west-1']),
              ArnNotLike: { 'aws:PrincipalArn': [MEMBER, BOOTSTRAP, BREAK_GLASS, EXEC] },
            },
          }),
        ),
        targets: [ROOT],
      },
    ],
    refused: [],
  },
  {
    reason:
      'a region-deny SCP that does not exempt the baseline roles fails: stack sets deploy to us-east-1 (root sign-in alert)',
    others: [
      {
        name: 'regions-without-exemptions',
        document: doc({
          Effect: 'Deny',
          NotAction: ['iam:*', 'organizations:*', 'account:*', 'sts:*'],
          Resource: '*',
          Condition: outside(['eu-west-1']),
        }),
        targets: [ROOT],
      },
    ],
    refused: [
      ['regions-without-exemptions', "StackSets' execution role", 'sns:CreateTopic', 'region us-east-1'],
      ['regions-without-exemptions', 'org-baseline-member', 'region us-east-1'],
      ['regions-without-exemptions', 'OrganizationAccountAccessRole', 'region us-east-1'],
    ],
    notRefused: ['region eu-west-1'],
  },
  {
    reason:
      'in a path that tells regions apart, a refusal that does not depend on the region names every region',
    others: [
      {
        name: 'regions-but-guardduty',
        document: doc({
          Effect: 'Deny',
          NotAction: ['guardduty:*', 'iam:*', 'organizations:*', 'account:*', 'sts:*'],
          Resource: '*',
          Condition: {
            ...outside(['eu-west-1']),
            ArnNotLike: { 'aws:PrincipalArn': [MEMBER, BOOTSTRAP, BREAK_GLASS, EXEC] },
          },
        }),
        targets: [ROOT],
      },
      {
        name: 'no-detector-list',
        document: doc(deny('guardduty:ListDetectors', except(BREAK_GLASS))),
        targets: [PROD],
      },
    ],
    refused: [
      [
        'no-detector-list',
        'org-baseline-member) guardduty:ListDetectors',
        '555555555555 (Payments Prod), region eu-west-1, us-east-1 —',
      ],
    ],
    notRefused: ['regions-but-guardduty'],
  },
  {
    reason:
      'an SCP someone else attached to an OU that denies the member role is refused, named by name and id',
    others: [
      { name: 'hand-made', document: doc({ Sid: 'NoGuardDuty', ...deny('guardduty:*') }), targets: [PROD] },
    ],
    refused: [
      [
        'SCP hand-made (p-other0) statement "NoGuardDuty" (attached to Workloads/Prod)',
        'the member role (org-baseline-member) guardduty:ListDetectors',
        '555555555555 (Payments Prod)',
      ],
    ],
    notRefused: ['Security Tooling'],
  },
  {
    reason:
      'old false positive: an exemption pinned to the security tooling account is correct (only its member role writes GuardDuty settings)',
    own: doc(
      deny(
        'guardduty:UpdateOrganizationConfiguration',
        except(
          'arn:aws:iam::222222222222:role/org-baseline-member',
          'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
          'arn:aws:iam::222222222222:role/BreakGlassAdmin',
        ),
      ),
    ),
    refused: [],
  },
  {
    reason:
      'an exemption pinned to the wrong account (log archive) leaves the security tooling account locked out',
    own: doc(
      deny(
        'guardduty:UpdateOrganizationConfiguration',
        except(
          'arn:aws:iam::333333333333:role/org-baseline-member',
          'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole',
          'arn:aws:iam::333333333333:role/BreakGlassAdmin',
        ),
      ),
    ),
    refused: [['protect-security-baseline (to be created) statement 1', '222222222222 (Security Tooling)']],
  },
  {
    reason: 'stacksets-exec-* denied a template action (config:PutDeliveryChannel of config-recorder) fails',
    own: doc(deny(['config:PutDeliveryChannel'], except(MEMBER, BREAK_GLASS))),
    refused: [
      [
        "StackSets' execution role (stacksets-exec-0123456789abcdef0123456789abcdef) config:PutDeliveryChannel",
        '555555555555 (Payments Prod)',
      ],
    ],
  },
  {
    reason: 'a template resource named by the template: denying its rule ARN to the execution role fails',
    own: doc(
      deny('events:PutTargets', {
        Resource: 'arn:aws:events:*:*:rule/org-baseline*',
        ...except(MEMBER, BREAK_GLASS),
      }),
    ),
    refused: [
      [
        // No SCP tells regions apart: judged once, the finding stands for every region.
        'events:PutTargets on arn:aws:events:<region>:<account>:rule/org-baseline-root-sign-in',
        '555555555555 (Payments Prod), region eu-west-1, us-east-1 —',
      ],
    ],
  },
  {
    reason:
      'an ARN pattern whose region field is neither empty nor * (here *west*) is judged region by region',
    own: doc(
      deny('events:PutTargets', {
        Resource: 'arn:aws:events:*west*:*:rule/org-baseline*',
        ...except(MEMBER, BREAK_GLASS),
      }),
    ),
    refused: [
      [
        'events:PutTargets on arn:aws:events:eu-west-1:<account>:rule/org-baseline-root-sign-in',
        '555555555555 (Payments Prod), region eu-west-1 —',
      ],
    ],
  },
  {
    reason:
      'FullAWSAccess detached from an OU and an allow-list SCP there that lacks GuardDuty: nothing allows it',
    others: [
      {
        name: 'allow-list',
        document: doc({ Effect: 'Allow', NotAction: 'guardduty:*', Resource: '*' }),
        targets: [PROD],
        noFullAccessOn: [PROD],
      },
    ],
    refused: [['no SCP attached to Workloads/Prod (ou-sb01-prod0001) allows it', 'guardduty:ListDetectors']],
  },
  {
    reason: 'deny-member-root matches root sessions only: the protected roles pass',
    others: [
      {
        name: 'root-only',
        document: doc(deny('*', { Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } })),
        targets: [ROOT],
      },
    ],
    refused: [],
  },
]

async function judge(c: Case, desired?: Desired) {
  const base = desired ?? (await desiredFrom(c.edit))
  const scps: DesiredScp[] = base.scps.map((s) =>
    c.own && s.name === 'protect-security-baseline' ? { ...s, document: c.own as DesiredScp['document'] } : s,
  )
  const d = { ...base, scps }
  const others: OtherScp[] = (c.others ?? []).map((o, i) => ({
    id: `p-other${i}`,
    name: o.name,
    content: o.document,
    targets: o.targets,
  }))
  const attached = new Map<string, AttachedSummary[]>()
  for (const [i, o] of (c.others ?? []).entries()) {
    for (const t of o.targets) {
      const list = attached.get(t) ?? (o.noFullAccessOn?.includes(t) ? [] : [FULL])
      attached.set(t, [...list, { id: `p-other${i}`, name: o.name, awsManaged: false }])
    }
  }
  const templates = await readTemplates(
    d.baseline.templateDir,
    [...plannedStackSets(d).map((s) => s.template), ...plannedStacks(d).map((s) => s.template)],
    d.baseline,
  )
  const observed: ScpObserved = {
    typeEnabled: true,
    owned: [],
    unowned: others.map((o) => o.name),
    others,
    attached,
    attachedCount: new Map(),
    templates,
  }
  return lockoutGuard({ desired: d, observed, modules: MODULES, templates })
}

for (const c of cases) {
  test(c.reason, async () => {
    const { problems } = await judge(c)
    if (c.refused.length === 0) assert.equal(problems, [], problems.join('\n'))
    for (const parts of c.refused) {
      assert.ok(
        problems.some((p) => parts.every((part) => p.includes(part))),
        `expected a refusal with ${JSON.stringify(parts)}; got:\n${problems.join('\n')}`,
      )
    }
    for (const part of c.notRefused ?? []) {
      assert.ok(
        !problems.some((p) => p.includes(part)),
        `no refusal should mention ${part}:\n${problems.join('\n')}`,
      )
    }
  })
}

test('accounts with the same path evaluate once; an SCP naming an account sets it apart', async () => {
  const base = await desiredFrom()
  const prod = base.org.accounts.find((a) => a.id === '555555555555')
  assert.ok(prod)
  const clones = Array.from({ length: 50 }, (_, i) => ({
    ...prod,
    id: String(900000000000 + i),
    name: `Clone ${i}`,
  }))
  const big = { ...base, org: { ...base.org, accounts: [...base.org.accounts, ...clones] } }
  const plain = await judge({ reason: '', refused: [] }, big)
  assert.is(plain.accounts, 53)
  // Security Tooling, Log Archive, and one group for Payments Prod with its 50 clones.
  assert.is(plain.groups, 3)
  const naming = await judge(
    {
      reason: '',
      refused: [],
      others: [
        {
          name: 'names-one',
          document: doc(deny('s3:GetObject', except('arn:aws:iam::900000000007:role/x'))),
          targets: [PROD],
        },
      ],
    },
    big,
  )
  assert.is(naming.groups, 4)
  assert.ok(naming.evaluations > plain.evaluations)
})

test.run()
