// Module `config-aggregator`: the organization aggregator in the security tooling account (the Config
// delegated administrator, registered by `delegated-admins`), in the home region, covering all regions.
//
// Role: the aggregator names AWS Config's service-linked role in the administrator account,
// AWSServiceRoleForConfig. It trusts config.amazonaws.com, AWS creates it in organization accounts once
// Config has trusted access (aws-facts §5), and it cannot be edited or left over, so the tool creates and
// owns no IAM role for this. See docs/architecture.md for the trade-off.
import {
  type ConfigServiceClient,
  DescribeConfigurationAggregatorsCommand,
  PutConfigurationAggregatorCommand,
} from '@aws-sdk/client-config-service'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { Change, Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import type { Context, Module } from '../../engine/module.ts'
import { recheck } from '../../engine/recheck.ts'
import { errorName } from '../../errors.ts'
import * as arn from '../../iam/arns.ts'
import { grant } from '../../iam/grant.ts'
import { delegatedAdminAddress } from '../delegated-admins.ts'
import { PRINCIPALS, trustedAccessAddress } from '../trusted-access.ts'

const MODULE = 'config-aggregator'

export interface AggregatorView {
  name: string
  source: 'organization' | 'accounts'
  roleArn: string | null
  allAwsRegions: boolean
  awsRegions: string[]
}

export const aggregatorAddress = (name: string) => `config-aggregator[${name}]`

/** AWS Config's service-linked role in an account (the standard IAM path of a service-linked role). */
export const serviceLinkedRoleArn = (account: string) =>
  `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`

export function wantedAggregator(desired: Desired): AggregatorView {
  return {
    name: desired.config.config.aggregator.name,
    source: 'organization',
    roleArn: serviceLinkedRoleArn(desired.securityTooling.id),
    allAwsRegions: true,
    awsRegions: [],
  }
}

const client = (ctx: Pick<Context, 'aws'>, desired: Desired) =>
  ctx.aws.config(desired.config.homeRegion, desired.securityTooling.id)

export async function readAggregator(
  config: ConfigServiceClient,
  name: string,
): Promise<AggregatorView | null> {
  try {
    const out = await config.send(
      new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: [name] }),
    )
    const found = out.ConfigurationAggregators?.find((a) => a.ConfigurationAggregatorName === name)
    if (!found) return null
    const org = found.OrganizationAggregationSource
    return {
      name,
      source: org ? 'organization' : 'accounts',
      roleArn: org?.RoleArn ?? null,
      allAwsRegions: org?.AllAwsRegions ?? false,
      awsRegions: [...(org?.AwsRegions ?? [])].sort(),
    }
  } catch (error) {
    // AWS's answer for a name that does not exist; any other error is not "absent".
    if (errorName(error) === 'NoSuchConfigurationAggregatorException') return null
    throw error
  }
}

export function diffAggregator(desired: Desired, current: AggregatorView | null): Change[] {
  const wanted = wantedAggregator(desired)
  if (JSON.stringify(current) === JSON.stringify(wanted)) return []
  const tooling = desired.securityTooling
  const region = desired.config.homeRegion
  return [
    {
      address: aggregatorAddress(wanted.name),
      module: MODULE,
      action: current ? 'update' : 'create',
      account: tooling.id,
      region,
      before: current,
      after: wanted,
      reason: current
        ? `aggregator ${wanted.name} in ${tooling.name} is not an organization aggregator of every region through Config's service-linked role: it is replaced in place (PutConfigurationAggregator)`
        : `create the organization aggregator ${wanted.name} in ${tooling.name} (${region}), covering every account and every region, including regions enabled later`,
      dependsOn: [
        trustedAccessAddress('config.amazonaws.com'),
        ...PRINCIPALS.config.map((p) => delegatedAdminAddress(p, tooling.id)),
      ],
      destructive: false,
    },
  ]
}

export function aggregatorNotes(desired: Desired): Note[] {
  const name = desired.config.config.aggregator.name
  return [
    {
      module: MODULE,
      level: 'info',
      message: `aggregator ${name} uses AWS Config's service-linked role (AWSServiceRoleForConfig) in ${desired.securityTooling.name}; it shows data only from accounts and regions where a Config recorder records (stackset config-recorder), and an opt-in region only in accounts that enabled it`,
    },
  ]
}

export const configAggregator: Module<AggregatorView | null> = {
  name: MODULE,
  permissions: {
    management: [],
    member: [
      'config:DescribeConfigurationAggregators',
      'config:PutConfigurationAggregator',
      grant(['config:TagResource'], () => [arn.aggregators()]),
      // The aggregator's role is AWS Config's service-linked role (serviceLinkedRoleArn), passed to Config only.
      grant(['iam:PassRole'], () => [arn.configServiceLinkedRole()], {
        StringEquals: { 'iam:PassedToService': 'config.amazonaws.com' },
      }),
      'organizations:ListDelegatedAdministrators',
      'organizations:EnableAWSServiceAccess',
      'organizations:ListAWSServiceAccessForOrganization',
      'organizations:DescribeOrganization',
    ],
  },
  enabled: (desired) => desired.config.config.enabled && desired.config.config.aggregator.enabled,
  observe: (ctx) => readAggregator(client(ctx, ctx.desired), ctx.desired.config.config.aggregator.name),
  diff: diffAggregator,
  notes: (desired) => aggregatorNotes(desired),

  async apply(change, ctx) {
    const after = change.after as AggregatorView
    const config = client(ctx, ctx.desired)
    if (recheck(change, await readAggregator(config, after.name)) === 'done') return
    await retryConflicts(() =>
      config.send(
        new PutConfigurationAggregatorCommand({
          ConfigurationAggregatorName: after.name,
          OrganizationAggregationSource: { RoleArn: after.roleArn ?? '', AllAwsRegions: true },
          // Tags are set only when the aggregator is created (aws-facts §5).
          ...(change.before === null ? { Tags: [{ Key: 'org-baseline:managed', Value: 'true' }] } : {}),
        }),
      ),
    )
  },
}
