// What a per-account tool does once, before touching accounts (Landing Zone Accelerator and CfCT do the same
// in their first stages): find the regions and the active member accounts, turn on trusted access for AWS
// Config (AWS then creates Config's service-linked role in the organization's accounts: Organizations user
// guide, "AWS Config and AWS Organizations"), and make the central Config bucket in the log-archive account
// with the bucket policy Config needs for cross-account delivery (Config developer guide, "Permissions for
// the Amazon S3 Bucket for the AWS Config Delivery Channel").
import { AccountClient, paginateListRegions } from '@aws-sdk/client-account'
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation'
import {
  DescribeOrganizationCommand,
  EnableAWSServiceAccessCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations'
import { pollUntil } from '../../src/aws/poll.ts'
import { isOptInRegion } from '../../src/config/regions.ts'
import { assumeRole, type Connection } from './connection.ts'

export interface Organization {
  organizationId: string
  managementAccount: string
  /** ACTIVE accounts other than the management account, in Organizations' order. */
  members: string[]
  logArchive: string
  securityTooling: string
  /** Regions every account is rolled out to (opt-in ones where the account enabled them). */
  regions: string[]
  /** The central Config bucket in the log-archive account. */
  configBucket: string
}

export interface SetupOptions {
  homeRegion: string
  /** Regions to roll out to; default: the management account's enabled regions, opt-in ones only if listed in `optIn`. */
  regions?: string[]
  optIn?: string[]
  /** Account names of the log-archive and security-tooling accounts. */
  logArchiveName?: string
  securityToolingName?: string
  /** Role assumed in member accounts. */
  roleName: string
}

export async function setUpOrganization(
  connection: Connection,
  options: SetupOptions,
): Promise<Organization> {
  const organizations = connection.client(OrganizationsClient, connection.credentials, options.homeRegion)
  const { Organization: org } = await organizations.send(new DescribeOrganizationCommand({}))
  const organizationId = org?.Id ?? ''
  const managementAccount = org?.MasterAccountId ?? ''

  const accounts: { id: string; name: string; status: string }[] = []
  for await (const page of paginateListAccounts({ client: organizations }, {})) {
    for (const a of page.Accounts ?? [])
      accounts.push({ id: a.Id ?? '', name: a.Name ?? '', status: String(a.State ?? a.Status ?? '') })
  }
  const byName = (name: string) => {
    const found = accounts.find((a) => a.name === name)
    if (!found) throw new Error(`no account named ${name} in the organization`)
    return found.id
  }
  const members = accounts.filter((a) => a.status === 'ACTIVE' && a.id !== managementAccount).map((a) => a.id)
  const regions =
    options.regions ?? (await enabledRegions(connection, options.homeRegion, options.optIn ?? []))

  await organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'config.amazonaws.com' }))
  const logArchive = byName(options.logArchiveName ?? 'Log Archive')
  const configBucket = `per-account-config-${logArchive}`
  await createConfigBucket(connection, {
    account: logArchive,
    region: options.homeRegion,
    bucket: configBucket,
    organizationId,
    roleName: options.roleName,
  })
  return {
    organizationId,
    managementAccount,
    members,
    logArchive,
    securityTooling: byName(options.securityToolingName ?? 'Security Tooling'),
    regions,
    configBucket,
  }
}

/** The management account's enabled regions; opt-in ones only when listed (as org-baseline's `regions`). */
async function enabledRegions(connection: Connection, region: string, optIn: string[]): Promise<string[]> {
  const client = connection.client(AccountClient, connection.credentials, region)
  const regions: string[] = []
  for await (const page of paginateListRegions(
    { client },
    { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] },
  )) {
    for (const r of page.Regions ?? []) if (r.RegionName) regions.push(r.RegionName)
  }
  return regions.filter((r) => !isOptInRegion(r) || optIn.includes(r))
}

const CONFIG_BUCKET_TEMPLATE = (organizationId: string) => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Description: 'Central AWS Config bucket of a per-account rollout',
  Parameters: { BucketName: { Type: 'String' } },
  Resources: {
    ConfigBucket: {
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: { Ref: 'BucketName' }, VersioningConfiguration: { Status: 'Enabled' } },
    },
    ConfigBucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'ConfigBucket' },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ConfigAclCheck',
              Effect: 'Allow',
              Principal: { Service: 'config.amazonaws.com' },
              Action: ['s3:GetBucketAcl', 's3:ListBucket'],
              Resource: { 'Fn::GetAtt': ['ConfigBucket', 'Arn'] },
              Condition: { StringEquals: { 'aws:SourceOrgID': organizationId } },
            },
            {
              Sid: 'ConfigWrite',
              Effect: 'Allow',
              Principal: { Service: 'config.amazonaws.com' },
              Action: 's3:PutObject',
              // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub, not JavaScript
              Resource: { 'Fn::Sub': '${ConfigBucket.Arn}/AWSLogs/${!aws:SourceAccount}/Config/*' },
              Condition: {
                StringEquals: {
                  's3:x-amz-acl': 'bucket-owner-full-control',
                  'aws:SourceOrgID': organizationId,
                },
              },
            },
          ],
        },
      },
    },
  },
})

async function createConfigBucket(
  connection: Connection,
  target: { account: string; region: string; bucket: string; organizationId: string; roleName: string },
): Promise<void> {
  const credentials = await assumeRole(connection, target.account, target.roleName)
  const cloudformation = connection.client(CloudFormationClient, credentials, target.region)
  const StackName = 'per-account-config-bucket'
  await cloudformation.send(
    new CreateStackCommand({
      StackName,
      TemplateBody: JSON.stringify(CONFIG_BUCKET_TEMPLATE(target.organizationId)),
      Parameters: [{ ParameterKey: 'BucketName', ParameterValue: target.bucket }],
    }),
  )
  // Waited on with org-baseline's own poller, so both rollouts wait on CloudFormation the same way.
  const { value } = await pollUntil(
    async () =>
      (await cloudformation.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0]?.StackStatus ?? '',
    (status) => !status.endsWith('IN_PROGRESS'),
    { readFirst: true },
  )
  if (value !== 'CREATE_COMPLETE') throw new Error(`config bucket stack ended ${value}`)
}
