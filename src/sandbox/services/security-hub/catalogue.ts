// The standards Security Hub CSPM offers, with AWS's ARNs (aws-facts §4): FSBP and CIS 1.4.0 / 3.0.0 / NIST /
// PCI in the regional `standards/` form, CIS 1.2.0 in its global `ruleset/` form.
export interface StandardDefinition {
  /** ARN template; `{region}` is replaced per region (CIS 1.2.0 has none). */
  arnTemplate: string
  name: string
  description: string
  enabledByDefault: boolean
}

export const STANDARDS: StandardDefinition[] = [
  {
    arnTemplate: 'arn:aws:securityhub:{region}::standards/aws-foundational-security-best-practices/v/1.0.0',
    name: 'AWS Foundational Security Best Practices v1.0.0',
    description:
      'The AWS Foundational Security Best Practices standard is a set of controls that detect when your deployed accounts and resources deviate from security best practices.',
    enabledByDefault: true,
  },
  {
    arnTemplate: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0',
    name: 'CIS AWS Foundations Benchmark v1.2.0',
    description:
      'The Center for Internet Security (CIS) AWS Foundations Benchmark v1.2.0 is a set of security configuration best practices for AWS.',
    enabledByDefault: true,
  },
  {
    arnTemplate: 'arn:aws:securityhub:{region}::standards/cis-aws-foundations-benchmark/v/1.4.0',
    name: 'CIS AWS Foundations Benchmark v1.4.0',
    description:
      'The Center for Internet Security (CIS) AWS Foundations Benchmark v1.4.0 is a set of security configuration best practices for AWS.',
    enabledByDefault: false,
  },
  {
    arnTemplate: 'arn:aws:securityhub:{region}::standards/cis-aws-foundations-benchmark/v/3.0.0',
    name: 'CIS AWS Foundations Benchmark v3.0.0',
    description:
      'The Center for Internet Security (CIS) AWS Foundations Benchmark v3.0.0 is a set of security configuration best practices for AWS.',
    enabledByDefault: false,
  },
  {
    arnTemplate: 'arn:aws:securityhub:{region}::standards/nist-800-53/v/5.0.0',
    name: 'NIST Special Publication 800-53 Revision 5',
    description:
      'NIST SP 800-53 Rev. 5 controls that help protect the confidentiality, integrity and availability of information systems.',
    enabledByDefault: false,
  },
  {
    arnTemplate: 'arn:aws:securityhub:{region}::standards/pci-dss/v/3.2.1',
    name: 'PCI DSS v3.2.1',
    description:
      'The Payment Card Industry Data Security Standard (PCI DSS) v3.2.1 is a set of AWS security best practices controls.',
    enabledByDefault: false,
  },
]

export const standardsArn = (definition: StandardDefinition, region: string) =>
  definition.arnTemplate.replace('{region}', region)

export function standardsIn(region: string): Array<StandardDefinition & { arn: string }> {
  return STANDARDS.map((d) => ({ ...d, arn: standardsArn(d, region) }))
}

export function isKnownStandard(arn: string, region: string): boolean {
  return standardsIn(region).some((s) => s.arn === arn)
}

export function defaultStandards(region: string): string[] {
  return standardsIn(region)
    .filter((s) => s.enabledByDefault)
    .map((s) => s.arn)
}

/** `…::standards/<path>` or `…:::ruleset/<path>` → `arn:aws:securityhub:<region>:<account>:subscription/<path>`. */
export function subscriptionArn(standardsArnValue: string, region: string, account: string): string {
  const path = standardsArnValue.replace(/^.*?:(standards|ruleset)\//, '')
  return `arn:aws:securityhub:${region}:${account}:subscription/${path}`
}
