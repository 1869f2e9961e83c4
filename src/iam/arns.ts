// Resource patterns of the baseline's own resources. The policies are printed offline, so the account and
// organization ids are IAM policy variables resolved per request (IAM guide, "IAM policy elements: Variables
// and tags"): `${aws:PrincipalAccount}` is the account of the role using the policy (the management account for
// the tool role, each member account for the member role), `${aws:PrincipalOrgID}` its organization. Regions
// stay `*`: the config's regions change more often than the role's policy.
import { ATHENA_DATABASE } from '../modules/stacksets/catalogue.ts'

// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, written literally into the policy
export const SELF = '${aws:PrincipalAccount}'
// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, written literally into the policy
export const ORG_ID = '${aws:PrincipalOrgID}'
/** Every name the baseline gives its stacks, stack sets, rules and topics starts so (catalogue.ts, templates). */
export const PREFIX = 'org-baseline'

// Organizations (Service Authorization Reference, AWS Organizations: root, organizationalunit, account, policy,
// awspolicy). Their ARNs carry the management account and the organization id.
const org = (account: string, kind: string, rest: string) =>
  `arn:aws:organizations::${account}:${kind}/${ORG_ID}/${rest}`
export const orgRoots = (account = SELF) => org(account, 'root', 'r-*')
export const orgOus = (account = SELF) => org(account, 'ou', 'ou-*')
export const orgAccounts = (account = SELF) => org(account, 'account', '*')
export const orgTargets = (account = SELF) => [orgRoots(account), orgOus(account), orgAccounts(account)]
export const scps = () => org(SELF, 'policy', 'service_control_policy/p-*')
/** AWS-managed SCPs (FullAWSAccess), read when the tool lists what a target has attached. */
export const awsScps = () => 'arn:aws:organizations::aws:policy/service_control_policy/*'

export const stacks = (account = SELF) => `arn:aws:cloudformation:*:${account}:stack/${PREFIX}-*/*`
export const stackSets = (account = SELF) => `arn:aws:cloudformation:*:${account}:stackset/${PREFIX}-*:*`

export const trail = (name: string, account = SELF) => `arn:aws:cloudtrail:*:${account}:trail/${name}`
export const eventDataStores = () => `arn:aws:cloudtrail:*:${SELF}:eventdatastore/*`
export const glue = () => [
  `arn:aws:glue:*:${SELF}:catalog`,
  `arn:aws:glue:*:${SELF}:database/${ATHENA_DATABASE}`,
  `arn:aws:glue:*:${SELF}:table/${ATHENA_DATABASE}/*`,
]
export const rules = () => `arn:aws:events:*:${SELF}:rule/${PREFIX}-*`
export const topics = () => `arn:aws:sns:*:${SELF}:${PREFIX}-*`
/** The log archive's buckets: org-baseline-{trail,config,access-logs}-<log archive id>-<home region> (catalogue.ts). */
export const logBuckets = () => `arn:aws:s3:::${PREFIX}-*`
/** The baseline's KMS keys have generated ids; their aliases are named alias/org-baseline-*. */
export const keys = () => `arn:aws:kms:*:${SELF}:key/*`
export const aliases = () => `arn:aws:kms:*:${SELF}:alias/${PREFIX}-*`

export const detectors = () => `arn:aws:guardduty:*:${SELF}:detector/*`
export const hub = () => `arn:aws:securityhub:*:${SELF}:hub/default`
export const configurationPolicies = () => `arn:aws:securityhub:*:${SELF}:configuration-policy/*`
export const aggregators = () => `arn:aws:config:*:${SELF}:config-aggregator/*`
export const ownAccount = () => `arn:aws:account::${SELF}:account`
/** Another account of the organization, named from the management account (resource type accountInOrganization). */
export const accountsInOrganization = () => `arn:aws:account::${SELF}:account/${ORG_ID}/*`
export const serviceLinkedRoles = () => `arn:aws:iam::${SELF}:role/aws-service-role/*`
export const configServiceLinkedRole = () =>
  `arn:aws:iam::${SELF}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`
