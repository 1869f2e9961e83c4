// Protection plans GuardDuty does not offer in every region: the tool does not request them there (neither
// on nor off: the region has no such plan), and the plan says so. Source: GuardDuty user guide, "Amazon
// GuardDuty Regions and endpoints" → "Region-specific feature availability" (read 2026-11): "RDS Protection is
// not supported in Asia Pacific (Taipei) (ap-east-2) Region." The page lists no other commercial-region gap
// for the features the config can name (S3, EKS audit logs, EBS malware, Lambda, runtime monitoring); add a
// row here when it does.

/** Region → features (API names) GuardDuty does not offer there. */
export const FEATURES_NOT_OFFERED: Readonly<Record<string, readonly string[]>> = {
  'ap-east-2': ['RDS_LOGIN_EVENTS'],
}

export const isOffered = (feature: string, region: string): boolean =>
  !(FEATURES_NOT_OFFERED[region] ?? []).includes(feature)

/** Features the config lists that GuardDuty does not offer in `region`. */
export const listedNotOffered = (features: readonly string[], region: string): string[] =>
  features.filter((f) => !isOffered(f, region))
