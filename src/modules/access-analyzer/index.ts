// Module `access-analyzer`: IAM Access Analyzer for the organization, administered by the security tooling
// account (registered by delegated-admins, trusted access by trusted-access): an external-access
// organization analyzer in every target region, an unused-access one in the home region, the configured
// archive rules. Always observed, so that turning it off is planned (destructive) rather than ignored.

import type { Module } from '../../engine/module.ts'
import * as arn from '../../iam/arns.ts'
import { grant } from '../../iam/grant.ts'
import { REGISTER_READ } from '../delegated-registration.ts'
import { applyAccessAnalyzerChange } from './apply.ts'
import { accessAnalyzerNotes, diffAccessAnalyzer } from './diff.ts'
import { observeAccessAnalyzer } from './observe.ts'
import { type AccessAnalyzerObserved, SERVICE_PRINCIPAL } from './observed.ts'

const analyzers = () => `arn:aws:access-analyzer:*:${arn.SELF}:analyzer/${arn.PREFIX}-*`

export const accessAnalyzer: Module<AccessAnalyzerObserved> = {
  name: 'access-analyzer',
  permissions: {
    management: [
      ...REGISTER_READ,
      grant(['organizations:DeregisterDelegatedAdministrator'], () => [arn.orgAccounts()]),
    ],
    member: [
      grant(['account:ListRegions'], () => [arn.ownAccount()]),
      'access-analyzer:ListAnalyzers',
      grant(
        [
          'access-analyzer:CreateAnalyzer',
          'access-analyzer:GetAnalyzer',
          'access-analyzer:UpdateAnalyzer',
          'access-analyzer:DeleteAnalyzer',
          'access-analyzer:ListArchiveRules',
          'access-analyzer:CreateArchiveRule',
          'access-analyzer:GetArchiveRule',
          'access-analyzer:UpdateArchiveRule',
          'access-analyzer:DeleteArchiveRule',
        ],
        () => [analyzers(), `${analyzers()}/archive-rule/*`],
      ),
      // The first analyzer creates Access Analyzer's service-linked role (IAM User Guide, "Using
      // service-linked roles for AWS IAM Access Analyzer").
      grant(['iam:CreateServiceLinkedRole'], () => [arn.serviceLinkedRoles()], {
        StringEquals: { 'iam:AWSServiceName': [SERVICE_PRINCIPAL] },
      }),
    ],
  },
  enabled: () => true,
  fingerprint: (desired) => ({
    accessAnalyzer: desired.config.accessAnalyzer,
    home: desired.config.homeRegion,
    regions: desired.regions,
    admin: desired.securityTooling.id,
  }),
  observe: observeAccessAnalyzer,
  diff: diffAccessAnalyzer,
  notes: accessAnalyzerNotes,
  apply: applyAccessAnalyzerChange,
}
