// The AWS-managed policies the sandbox knows by ARN. Their documents are written from what AWS documents each
// policy to grant (AWS Managed Policy Reference), not copied: AdministratorAccess is AWS's exact one-statement
// document; ReadOnlyAccess is reduced to the read verbs of the services the sandbox simulates (the real policy
// lists ~2,000 read actions across every service, documented as "Provides read-only access to AWS services and
// resources"). Policies only attached to service-linked roles carry no document: the sandbox never evaluates a
// service-linked role's own permissions.
import type { PolicyDocument } from '../../../policy/types.ts'

export interface ManagedPolicy {
  arn: string
  name: string
  path: string
  /** Absent for the policies of service-linked roles (see above). */
  document?: PolicyDocument
  /** Whether it may be attached to a role (service-role policies may only go on service-linked roles). */
  attachable: boolean
  /** AWS-managed (arn:aws:iam::aws:policy/…) or a customer managed policy of an account. */
  awsManaged: boolean
}

/** Services the sandbox simulates, by IAM prefix (for ReadOnlyAccess's read verbs). */
const SIMULATED_PREFIXES = [
  'account',
  'cloudformation',
  'cloudtrail',
  'config',
  'events',
  'guardduty',
  'iam',
  'organizations',
  'securityhub',
  'sns',
  's3',
  'kms',
]

const awsPolicy = (name: string, path: string, document?: PolicyDocument): ManagedPolicy => ({
  arn: `arn:aws:iam::aws:policy${path}${name}`,
  name,
  path,
  ...(document ? { document } : {}),
  attachable: !path.startsWith('/aws-service-role/'),
  awsManaged: true,
})

export const AWS_MANAGED_POLICIES: ReadonlyMap<string, ManagedPolicy> = new Map(
  [
    // AWS Managed Policy Reference, "AdministratorAccess": Allow * on *.
    awsPolicy('AdministratorAccess', '/', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    }),
    // AWS Managed Policy Reference, "ReadOnlyAccess" (reduced, see the header).
    awsPolicy('ReadOnlyAccess', '/', {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadOnlyOfSimulatedServices',
          Effect: 'Allow',
          Action: SIMULATED_PREFIXES.flatMap((p) => [`${p}:Describe*`, `${p}:Get*`, `${p}:List*`]),
          Resource: '*',
        },
      ],
    }),
    // Service-linked roles' policies (IAM User Guide, "AWS services that work with IAM"; each service's
    // "Using service-linked roles" page names its policy).
    awsPolicy('AWSConfigServiceRolePolicy', '/aws-service-role/'),
    awsPolicy('CloudTrailServiceRolePolicy', '/aws-service-role/'),
    awsPolicy('AmazonGuardDutyServiceRolePolicy', '/aws-service-role/'),
    awsPolicy('AWSSecurityHubServiceRolePolicy', '/aws-service-role/'),
    awsPolicy('AWSOrganizationsServiceTrustPolicy', '/aws-service-role/'),
    awsPolicy('AWSConfigMultiAccountSetupPolicy', '/aws-service-role/'),
  ].map((p) => [p.arn, p]),
)

export const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess'
