// Centralized root access (aws-facts §2): root credentials management and root sessions, enabled from the
// management account once IAM has trusted access. With them, member accounts need no root credentials at
// all and privileged root tasks run as short sts:AssumeRoot sessions — which deny-member-root exempts.
import {
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  ListOrganizationsFeaturesCommand,
} from '@aws-sdk/client-iam'
import type { AwsClients } from '../../aws/clients.ts'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { Change, Note } from '../../engine/change.ts'
import type { Module } from '../../engine/module.ts'
import { recheck } from '../../engine/recheck.ts'
import { errorName } from '../../errors.ts'
import { trustedAccessAddress } from '../trusted-access.ts'

export const ROOT_FEATURES = ['RootCredentialsManagement', 'RootSessions'] as const
export type RootFeature = (typeof ROOT_FEATURES)[number]

const WHY: Record<RootFeature, string> = {
  RootCredentialsManagement:
    'lets the management account delete and audit member root credentials; new accounts get none',
  RootSessions: 'lets privileged root tasks run as short sts:AssumeRoot sessions instead of root sign-ins',
}

export const rootFeatureAddress = (feature: RootFeature) => `root-access.feature[${feature}]`

export async function enabledRootFeatures(aws: AwsClients): Promise<Set<string>> {
  try {
    const { EnabledFeatures } = await aws.iam().send(new ListOrganizationsFeaturesCommand({}))
    return new Set(EnabledFeatures ?? [])
  } catch (error) {
    // Without IAM's trusted access neither feature can be on: that answer is a fact, not a guess.
    if (errorName(error) === 'ServiceAccessNotEnabledException') return new Set()
    throw error
  }
}

export const rootAccess: Module<Set<string>> = {
  name: 'root-access',
  permissions: {
    management: [
      'iam:ListOrganizationsFeatures',
      'iam:EnableOrganizationsRootCredentialsManagement',
      'iam:EnableOrganizationsRootSessions',
    ],
    member: [],
  },
  enabled: (desired) => desired.config.rootUser.centralizedRootAccess,
  observe: (ctx) => enabledRootFeatures(ctx.aws),

  diff(_desired, enabled): Change[] {
    return ROOT_FEATURES.filter((f) => !enabled.has(f)).map((feature) => ({
      address: rootFeatureAddress(feature),
      module: 'root-access',
      action: 'create',
      before: null,
      after: { feature },
      reason: `enable centralized root access: ${feature} ${WHY[feature]}`,
      dependsOn: [trustedAccessAddress('iam.amazonaws.com')],
      destructive: false,
    }))
  },

  notes(desired): Note[] {
    const m = desired.management
    return [
      {
        module: 'root-access',
        level: 'info',
        account: m.id,
        message: `centralized root access covers member accounts only: the management account ${m.name} keeps its root user, whose MFA no API can set — run audit-root to check it`,
      },
    ]
  },

  async apply(change, ctx) {
    const { feature } = change.after as { feature: RootFeature }
    const enabled = await enabledRootFeatures(ctx.aws)
    if (recheck(change, enabled.has(feature) ? change.after : null) === 'done') return
    const iam = ctx.aws.iam()
    await retryConflicts(() =>
      feature === 'RootSessions'
        ? iam.send(new EnableOrganizationsRootSessionsCommand({}))
        : iam.send(new EnableOrganizationsRootCredentialsManagementCommand({})),
    )
  },
}
