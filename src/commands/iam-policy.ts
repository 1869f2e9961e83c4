// `iam-policy`: prints the least-privilege IAM policy for the tool's role (management account), or with
// `--role member` for the role it assumes in member accounts, for the modules the config enables; with
// `--trust` the role's trust policy instead.
import { loadConfig } from '../config/load.ts'
import { UsageError } from '../errors.ts'
import { configuredPolicy } from '../iam/configured-policy.ts'
import type { RoleKind } from '../iam/tool-policy.ts'
import { memberTrustPolicy, TRUST_KINDS, type TrustOptions, toolTrustPolicy } from '../iam/trust-policy.ts'
import type { Io } from './io.ts'
import { CONFIG_OPTION, OUTPUT_OPTIONS, oneOf, parseCommandArgs } from './options.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const IAM_POLICY_HELP = `Usage: org-baseline iam-policy [-c config/org.yaml] [--role tool|member] [--trust KIND]

Prints the least-privilege IAM policy (JSON) for the modules the config enables. Offline: the account and
organization ids in resource ARNs are the policy variables \${aws:PrincipalAccount} and \${aws:PrincipalOrgID},
which IAM fills in per request; regions are *.
  --role tool     the role org-baseline runs as in the management account (default); tier-0: it can change
                  the SCPs and delegated administrators of the whole organization
  --role member   the role it assumes in member accounts (access.memberRoleName): the member-role stack set
                  gives org-baseline-member exactly this policy

Trust policies (principals hold no variables: give the ids, or replace the <placeholders>):
  --trust github-oidc --repo owner/name [--branch main | --environment NAME]
  --trust codebuild [--project org-baseline-reconcile]
  --trust sso [--permission-set OrgBaselineOperator]
  --role member --trust      the member role: trusted only by the tool role, within the organization
  --account-id ID            the management account's id
  --organization-id o-…      the organization's id (member trust)

  -c, --config FILE     the org config (default config/org.yaml)
  -h, --help            this help`

/** `--trust` may stand alone (member role): give it an empty value so the parser accepts it. */
const bareTrust = (argv: string[]) =>
  argv.map((arg, i) => (arg === '--trust' && (argv[i + 1] ?? '-').startsWith('-') ? '--trust=' : arg))

export async function iamPolicyCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs('iam-policy', bareTrust(argv), {
    ...CONFIG_OPTION,
    ...OUTPUT_OPTIONS,
    role: { type: 'string' },
    trust: { type: 'string' },
    repo: { type: 'string' },
    branch: { type: 'string' },
    environment: { type: 'string' },
    project: { type: 'string' },
    'permission-set': { type: 'string' },
    'account-id': { type: 'string' },
    'organization-id': { type: 'string' },
  })
  if (values.help) {
    io.stdout.write(`${IAM_POLICY_HELP}\n`)
    return 0
  }
  const role: RoleKind = oneOf('role', values.role as string | undefined, ['tool', 'member'] as const, 'tool')
  const baseline = await loadConfig((values.config as string | undefined) ?? DEFAULT_CONFIG)
  const { access } = baseline.config
  const trust = values.trust as string | undefined
  if (trust !== undefined) {
    const options = trustOptions(values)
    if (role === 'member') {
      if (trust !== '') throw new UsageError('--role member --trust takes no KIND')
      io.stdout.write(`${JSON.stringify(memberTrustPolicy(access.toolRoleName, options), null, 2)}\n`)
      return 0
    }
    if (trust === '') throw new UsageError(`--trust needs one of ${TRUST_KINDS.join(', ')}`)
    const kind = oneOf('trust', trust, TRUST_KINDS, 'github-oidc')
    io.stdout.write(`${JSON.stringify(toolTrustPolicy(kind, options), null, 2)}\n`)
    return 0
  }
  io.stdout.write(`${JSON.stringify(configuredPolicy(baseline, role), null, 2)}\n`)
  return 0
}

function trustOptions(values: Record<string, unknown>): TrustOptions {
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined)
  const accountId = text('account-id')
  if (accountId !== undefined && !/^\d{12}$/.test(accountId))
    throw new UsageError('--account-id must be 12 digits')
  const organizationId = text('organization-id')
  if (organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(organizationId))
    throw new UsageError('--organization-id must look like o-exampleorgid')
  const picked: Record<string, string | undefined> = {
    accountId,
    organizationId,
    repo: text('repo'),
    branch: text('branch'),
    environment: text('environment'),
    project: text('project'),
    permissionSet: text('permission-set'),
  }
  return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined)) as TrustOptions
}
