// The shape of config/org.yaml (config/org.example.yaml is the commented contract). Every object is
// strict: an unknown key is an error, because a typo such as `guardduty:` must not silently leave a
// control at its default.
import { z } from 'zod'
import { oneOfMessage, regionMessage } from './messages.ts'
import { ALL_REGIONS } from './regions.ts'

/** SCPs shipped in scps/, by file name without `.json`. */
export const BUILTIN_SCPS = [
  'deny-member-root',
  'deny-leave-organization',
  'protect-security-baseline',
] as const
export type BuiltinScp = (typeof BUILTIN_SCPS)[number]

/** GuardDuty organization features (OrgFeature enum of the GuardDuty API model, aws-facts §3). */
export const GUARDDUTY_FEATURES = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
  'RUNTIME_MONITORING',
  'EKS_RUNTIME_MONITORING',
  'AI_PROTECTION',
] as const
export type GuardDutyFeature = (typeof GUARDDUTY_FEATURES)[number]

/** Agents GuardDuty manages for runtime monitoring (OrgFeatureAdditionalConfiguration names). */
export const RUNTIME_AGENTS = [
  'EKS_ADDON_MANAGEMENT',
  'ECS_FARGATE_AGENT_MANAGEMENT',
  'EC2_AGENT_MANAGEMENT',
] as const
export type RuntimeAgent = (typeof RUNTIME_AGENTS)[number]

/** Security Hub standards by short key; ARNs are resolved at run time with DescribeStandards. */
export const SECURITY_HUB_STANDARDS = [
  'fsbp',
  'cis-1.2.0',
  'cis-1.4.0',
  'cis-3.0.0',
  'nist-800-53',
  'pci-dss',
] as const
export type SecurityHubStandard = (typeof SECURITY_HUB_STANDARDS)[number]

/** Security Hub finding severity labels, lowest first. */
export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
export type Severity = (typeof SEVERITIES)[number]

function oneOf<const T extends readonly [string, ...string[]]>(values: T, noun: string) {
  return z.enum(values, { error: (issue) => oneOfMessage(noun, values, issue.input) })
}

/** A list where each item may appear once: a repeated item is almost always a copy-paste slip. */
function uniqueList<T extends z.ZodType>(item: T) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<unknown>()
    items.forEach((value, index) => {
      if (seen.has(value)) {
        ctx.addIssue({ code: 'custom', path: [index], message: `${JSON.stringify(value)} is listed twice` })
      }
      seen.add(value)
    })
  })
}

const region = z.enum(ALL_REGIONS, { error: (issue) => regionMessage(ALL_REGIONS, issue.input) }).meta({
  id: 'Region',
  description: 'A commercial AWS region; opt-in regions must also be listed under regions.optIn.',
})

const accountId = z.string().regex(/^\d{12}$/, {
  error: (issue) => `must be a 12-digit account id, got ${JSON.stringify(issue.input)}`,
})

// Account names are free text (1-50 characters per Organizations CreateAccount); ids are 12 digits.
const accountRef = z.string().min(1).max(50).meta({ description: 'An account name or 12-digit account id.' })

const TARGET_SHAPE = /^[^/\s](?:[^/]*[^/\s])?(?:\/[^/\s](?:[^/]*[^/\s])?)*$/
const target = z
  .string()
  .regex(TARGET_SHAPE, {
    error: (issue) =>
      `not a target: ${JSON.stringify(issue.input)} — expected Root, an OU path such as Workloads/Prod, or an account name or 12-digit id`,
  })
  .meta({
    id: 'Target',
    description: '`Root`, an OU path from the root (`Workloads/Prod`), or an account name or id.',
  })

const ouPath = z.string().regex(TARGET_SHAPE, {
  error: (issue) =>
    `not an OU path: ${JSON.stringify(issue.input)} — expected Root or a path such as Workloads/Prod`,
})

// IAM role names: 1-64 characters of letters, digits and +=,.@_- (IAM CreateRole RoleName pattern).
const roleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, {
  error: (issue) =>
    `not an IAM role name: ${JSON.stringify(issue.input)} — 1-64 letters, digits or any of + = , . @ _ -`,
})

const email = z.email({ error: (issue) => `not a valid e-mail address: ${JSON.stringify(issue.input)}` })

const percentage = (min: number) => z.int().min(min).max(100)

const regionsSchema = z.strictObject({
  targets: z
    .union([z.literal('enabled'), uniqueList(region)])
    .default('enabled')
    .meta({
      description: '`enabled` (every region enabled in the management account) or a list of regions.',
    }),
  optIn: uniqueList(region)
    .default(() => [])
    .meta({ description: 'Opt-in regions to deploy to; never deployed to unless named here.' }),
  exclude: uniqueList(region)
    .default(() => [])
    .meta({ description: 'Regions never touched, even when enabled.' }),
})

const accountsSchema = z.strictObject({
  management: accountId.meta({ description: "The management account's 12-digit id (quoted)." }),
  securityTooling: accountRef.meta({
    description:
      'Delegated administrator for GuardDuty, Security Hub and Config; never the management account.',
  }),
  logArchive: accountRef.meta({ description: 'Account holding the central log bucket.' }),
})

const deploymentSchema = z.strictObject({
  targets: uniqueList(target)
    .min(1)
    .default(() => ['Root']),
  exclude: z
    .strictObject({
      ous: uniqueList(ouPath).default(() => []),
      accounts: uniqueList(accountRef).default(() => []),
    })
    .prefault({}),
})

const accessSchema = z.strictObject({
  // Made in every member account of the targets by the member-role stack set, with only what the tool calls.
  memberRoleName: roleName.default('org-baseline-member'),
  // Organizations creates it in every account it creates; the SCPs protect it and exempt it as the fallback.
  bootstrapRoleName: roleName.default('OrganizationAccountAccessRole'),
  toolRoleName: roleName.default('org-baseline'),
  breakGlassRoles: uniqueList(roleName).default(() => []),
})

const rootUserSchema = z.strictObject({
  denyMemberRoot: z.boolean().default(true),
  centralizedRootAccess: z.boolean().default(true),
  signInAlert: z.strictObject({ recipients: uniqueList(email).default(() => []) }).prefault({}),
})

const scpEntrySchema = z
  .strictObject({
    policy: oneOf(BUILTIN_SCPS, 'shipped SCP').optional().meta({ description: 'An SCP shipped in scps/.' }),
    file: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'A JSON policy file, relative to the config file.' }),
    name: z
      .string()
      .regex(/^[\w+=,.@-]{1,128}$/, {
        error: (issue) =>
          `not a policy name: ${JSON.stringify(issue.input)} — 1-128 letters, digits or any of + = , . @ _ -`,
      })
      .optional()
      .meta({ description: 'Policy name in Organizations for a `file` SCP; defaults to the file name.' }),
    allowOutsideConfigDir: z.boolean().optional().meta({
      description:
        "Read a `file` SCP from outside the config file's folder. Off by default: a path such as ../../x or a symlink must not choose what is attached to the organization.",
    }),
    targets: uniqueList(target).min(1),
  })
  .superRefine((entry, ctx) => {
    if (entry.policy && entry.file) {
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'give either "policy" or "file", not both' })
    } else if (!entry.policy && !entry.file) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `needs "policy" (one of ${BUILTIN_SCPS.join(', ')}) or "file" (a JSON policy)`,
      })
    } else if (entry.policy && entry.allowOutsideConfigDir !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['allowOutsideConfigDir'],
        message: 'only a "file" SCP is read from disk; remove "allowOutsideConfigDir" from a shipped SCP',
      })
    } else if (entry.policy && entry.name) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `a shipped SCP keeps its own name ("${entry.policy}"); "name" is only for "file" SCPs`,
      })
    }
  })

const DEFAULT_SCPS = BUILTIN_SCPS.map((policy) => ({ policy, targets: ['Root'] }))

const cloudTrailSchema = z.strictObject({
  enabled: z.boolean().default(true),
  mode: oneOf(['organization', 'account'], 'trail mode').default('organization'),
  // CloudTrail trail names: 3-128 characters, letters, digits, . _ -, starting and ending alphanumeric.
  name: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]{1,126}[A-Za-z0-9]$/, {
      error: (issue) =>
        `not a trail name: ${JSON.stringify(issue.input)} — 3-128 letters, digits, . _ -, starting and ending with a letter or digit`,
    })
    .default('org-baseline'),
  dataEvents: z
    .strictObject({ s3: z.boolean().default(false), lambda: z.boolean().default(false) })
    .prefault({}),
  // Superseded by logArchive.retention (the trail bucket is under Object Lock and never expires logs);
  // still read so that existing config files load.
  retentionDays: z.int().min(1).default(365),
  athenaTable: z.boolean().default(true),
  lake: z
    .strictObject({
      enabled: z.boolean().default(false),
      // CreateEventDataStore RetentionPeriod range (aws-facts §6).
      retentionDays: z.int().min(7).max(3653).default(366),
    })
    .prefault({}),
})

// S3 Object Lock default retention (PutObjectLockConfiguration: Days or Years, not both, positive).
// Compliance mode for one year by default: in compliance mode nobody — not the log-archive account's
// administrators, not its root user — can shorten the retention or delete a locked log version until it
// ends, which is what "evidence that cannot be erased" needs; governance mode lets anyone with
// s3:BypassGovernanceRetention delete. One year is what PCI DSS 10.5.1 asks of audit logs and CIS's
// CloudTrail guidance assumes; longer is a choice, shorter should be a deliberate one.
const retentionSchema = z
  .strictObject({
    mode: oneOf(['GOVERNANCE', 'COMPLIANCE'], 'Object Lock retention mode').default('COMPLIANCE'),
    days: z.int().min(1).max(36500).optional(),
    years: z.int().min(1).max(100).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.days !== undefined && value.years !== undefined)
      ctx.addIssue({ code: 'custom', path: ['years'], message: 'give either "days" or "years", not both' })
  })
  .transform((value) =>
    value.days === undefined && value.years === undefined ? { ...value, years: 1 } : value,
  )

const logArchiveSchema = z.strictObject({
  retention: retentionSchema.prefault({}).meta({
    description:
      'Object Lock default retention of the CloudTrail bucket: mode GOVERNANCE or COMPLIANCE, `days` or `years` (default COMPLIANCE, 1 year).',
  }),
  // Lifecycle moves log objects to Glacier Flexible Retrieval after this age; nothing ever expires.
  transitionDays: z.int().min(1).default(90),
  readers: uniqueList(roleName)
    .default(() => [])
    .meta({
      description: 'Role names (in any account of the organization) that may decrypt and read the logs.',
    }),
})

const DEFAULT_FEATURES: GuardDutyFeature[] = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
]

const guardDutySchema = z.strictObject({
  enabled: z.boolean().default(true),
  autoEnable: oneOf(['ALL', 'NEW'], 'auto-enable setting').default('ALL'),
  features: uniqueList(oneOf(GUARDDUTY_FEATURES, 'feature')).default(() => [...DEFAULT_FEATURES]),
  runtimeAgents: uniqueList(oneOf(RUNTIME_AGENTS, 'runtime agent')).default(() => []),
})

// Amazon Inspector scan types the config can name (API ResourceScanType; CODE_REPOSITORY needs a source
// provider connection of its own and is left out).
export const INSPECTOR_SCAN_TYPES = ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] as const
export type InspectorScanType = (typeof INSPECTOR_SCAN_TYPES)[number]

// Off by default: Inspector bills per scanned instance, image and function, so it is opted into.
const inspectorSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    scanTypes: uniqueList(oneOf(INSPECTOR_SCAN_TYPES, 'scan type')).default((): InspectorScanType[] => [
      'EC2',
      'ECR',
      'LAMBDA',
    ]),
  })
  .superRefine((value, ctx) => {
    // Inspector user guide, "Scanning AWS Lambda functions": code scanning needs standard scanning.
    if (value.scanTypes.includes('LAMBDA_CODE') && !value.scanTypes.includes('LAMBDA'))
      ctx.addIssue({
        code: 'custom',
        path: ['scanTypes'],
        message: 'LAMBDA_CODE needs LAMBDA: Lambda code scanning runs only with Lambda standard scanning',
      })
  })

const securityHubSchema = z.strictObject({
  enabled: z.boolean().default(true),
  aggregationRegion: region.optional().meta({ description: 'Defaults to homeRegion.' }),
  linkedRegions: z.union([z.literal('all'), uniqueList(region)]).default('all'),
  standards: uniqueList(oneOf(SECURITY_HUB_STANDARDS, 'standard')).default((): SecurityHubStandard[] => [
    'fsbp',
    'cis-3.0.0',
  ]),
  configuration: oneOf(['central', 'local'], 'configuration type').default('central'),
  policyTargets: uniqueList(ouPath)
    .min(1)
    .default(() => ['Root']),
})

const configServiceSchema = z.strictObject({
  enabled: z.boolean().default(true),
  globalResourcesRegion: region.optional().meta({ description: 'Defaults to homeRegion.' }),
  aggregator: z
    .strictObject({
      enabled: z.boolean().default(true),
      // PutConfigurationAggregator ConfigurationAggregatorName: 1-256 of [\w-].
      name: z
        .string()
        .regex(/^[\w-]{1,256}$/, {
          error: (issue) =>
            `not an aggregator name: ${JSON.stringify(issue.input)} — 1-256 letters, digits, _ or -`,
        })
        .default('org-baseline'),
    })
    .prefault({}),
})

// --- org-policies (issue 15 items 3-4): EC2 declarative policies and resource control policies ---

/** Baseline settings an exception may relax where it is attached (declarative/ec2-baseline.json). */
export const EC2_DECLARATIVE_RELAXATIONS = [
  'imdsv1',
  'publicSnapshots',
  'publicAmis',
  'serialConsole',
] as const
export type Ec2DeclarativeRelaxation = (typeof EC2_DECLARATIVE_RELAXATIONS)[number]

const orgPolicyName = z.string().regex(/^[\w+=,.@-]{1,100}$/, {
  error: (issue) =>
    `not a policy name: ${JSON.stringify(issue.input)} — 1-100 letters, digits or any of + = , . @ _ -`,
})

const ec2DeclarativeSchema = z.strictObject({
  enabled: z.boolean().default(true),
  targets: uniqueList(target)
    .min(1)
    .default(() => ['Root'])
    .meta({ description: 'Where the baseline is attached; at Root it reaches the management account too.' }),
  exceptions: z
    .array(
      z.strictObject({
        name: orgPolicyName.meta({
          description: 'Suffix of the exception policy name (org-baseline-ec2-<name>).',
        }),
        targets: uniqueList(target).min(1),
        allow: uniqueList(oneOf(EC2_DECLARATIVE_RELAXATIONS, 'relaxation')).min(1),
      }),
    )
    .default(() => [])
    .meta({ description: 'OUs or accounts where some baseline settings are relaxed (a child policy).' }),
})

const declarativePoliciesSchema = z.strictObject({
  ec2: ec2DeclarativeSchema.prefault({}).meta({
    description: 'IMDSv2 required, public EBS snapshot and AMI sharing blocked, serial console off.',
  }),
})

const resourceControlPoliciesSchema = z.strictObject({
  enabled: z.boolean().default(false),
  targets: uniqueList(target)
    .min(1)
    .default(() => ['Root']),
  trustedAccounts: uniqueList(accountId)
    .default(() => [])
    .meta({ description: 'Accounts outside the organization that may still reach its resources.' }),
})

// --- end org-policies ---

const findingsRoutingSchema = z.strictObject({
  enabled: z.boolean().default(true),
  minimumSeverity: oneOf(SEVERITIES, 'severity').default('HIGH'),
  recipients: uniqueList(email).default(() => []),
})

const stackSetsSchema = z.strictObject({
  administrator: oneOf(['management', 'securityTooling'], 'StackSets administrator').default('management'),
  templateDir: z.string().min(1).optional().meta({
    description: "Template directory relative to the config file; defaults to the package's stacksets/.",
  }),
  // Ranges from CloudFormation StackSetOperationPreferences (aws-facts §8).
  operationPreferences: z
    .strictObject({
      regionConcurrency: oneOf(['SEQUENTIAL', 'PARALLEL'], 'region concurrency').default('PARALLEL'),
      maxConcurrentPercentage: percentage(1).default(100),
      failureTolerancePercentage: percentage(0).default(10),
      concurrencyMode: oneOf(
        ['STRICT_FAILURE_TOLERANCE', 'SOFT_FAILURE_TOLERANCE'],
        'concurrency mode',
      ).default('SOFT_FAILURE_TOLERANCE'),
      // New stack instances go to the home region first; the other regions start only if it succeeded.
      canaryRegion: z.boolean().default(true),
    })
    .prefault({}),
})

// IAM Access Analyzer (issue 15). Archive rules: CreateArchiveRule's ruleName pattern and a filter of
// criteria (eq / neq / contains: 1-20 values, or exists), IAM Access Analyzer API reference.
const archiveRuleName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/, {
  error: (issue) =>
    `not an archive rule name: ${JSON.stringify(issue.input)} — 1-255 letters, digits, _ . -, starting with a letter`,
})
const criterionValues = z.array(z.string().min(1)).min(1).max(20)
const criterionSchema = z
  .strictObject({
    eq: criterionValues.optional(),
    neq: criterionValues.optional(),
    contains: criterionValues.optional(),
    exists: z.boolean().optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'a criterion needs eq, neq, contains or exists',
  })

const accessAnalyzerSchema = z.strictObject({
  enabled: z.boolean().default(false),
  unusedAccess: z
    .strictObject({
      enabled: z.boolean().default(true),
      // UnusedAccessConfiguration.unusedAccessAge: 1-365 days (API reference); AWS's console default is 90.
      age: z.int().min(1).max(365).default(90),
    })
    .prefault({}),
  archiveRules: z
    .array(
      z.strictObject({
        name: archiveRuleName,
        analyzer: oneOf(['external', 'unusedAccess'], 'analyzer').default('external'),
        filter: z.record(z.string().min(1), criterionSchema),
      }),
    )
    .default(() => [])
    .superRefine((rules, ctx) => {
      const seen = new Set<string>()
      rules.forEach((r, index) => {
        const key = `${r.analyzer}/${r.name}`
        if (seen.has(key))
          ctx.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `archive rule "${r.name}" is listed twice`,
          })
        seen.add(key)
      })
    }),
})

// The SECURITY alternate contact of every account (Account Management PutAlternateContact: Name 1-64,
// Title 1-50, EmailAddress 1-254, PhoneNumber 1-25 of digits, spaces and ( ) + -).
const securityContactSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    name: z.string().min(1).max(64).optional(),
    title: z.string().min(1).max(50).optional(),
    email: email.optional(),
    phone: z
      .string()
      .regex(/^[\s0-9()+-]{1,25}$/, {
        error: (issue) =>
          `not a phone number: ${JSON.stringify(issue.input)} — up to 25 digits, spaces, ( ) + -`,
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (!c.enabled) return
    for (const key of ['name', 'title', 'email', 'phone'] as const)
      if (c[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'missing required key' })
  })

const contactsSchema = z.strictObject({ security: securityContactSchema.optional() })

/** The file as written; `aggregationRegion` and `globalResourcesRegion` may still be missing. */
export const orgConfigFileSchema = z
  .strictObject({
    version: z.literal(1, {
      error: (issue) =>
        issue.input === undefined
          ? 'missing required key'
          : `unsupported version ${JSON.stringify(issue.input)} — this org-baseline reads version 1`,
    }),
    homeRegion: region.default('us-east-1').meta({
      description: 'The region the tool works from: StackSets, the organization trail, aggregation.',
    }),
    regions: regionsSchema.prefault({}).meta({ description: 'Which regions the baseline deploys to.' }),
    accounts: accountsSchema,
    deployment: deploymentSchema
      .prefault({})
      .meta({ description: 'Where the baseline applies: OU paths, accounts.' }),
    access: accessSchema
      .prefault({})
      .meta({ description: 'Roles the tool uses, and break-glass roles no SCP may lock out.' }),
    rootUser: rootUserSchema.prefault({}).meta({
      description: 'Member root users: deny SCP (attached at Root unless listed under scps), alerts.',
    }),
    scps: z
      .array(scpEntrySchema)
      .default(() => DEFAULT_SCPS.map((entry) => ({ ...entry, targets: ['Root'] })))
      .meta({ description: 'SCPs to attach (at most 5 per target, FullAWSAccess included).' }),
    cloudTrail: cloudTrailSchema.prefault({}).meta({ description: 'Organization or per-account trail.' }),
    logArchive: logArchiveSchema
      .prefault({})
      .meta({ description: 'Log buckets: Object Lock retention, colder storage, who can read.' }),
    guardDuty: guardDutySchema
      .prefault({})
      .meta({ description: 'GuardDuty features for every member; features not listed are turned off.' }),
    securityHub: securityHubSchema
      .prefault({})
      .meta({ description: 'Security Hub CSPM: aggregation, standards.' }),
    config: configServiceSchema
      .prefault({})
      .meta({ description: 'AWS Config recorders and the aggregator.' }),
    findingsRouting: findingsRoutingSchema
      .prefault({})
      .meta({ description: 'Findings at or above a severity, sent to these addresses.' }),
    stackSets: stackSetsSchema
      .prefault({})
      .meta({ description: 'StackSet administrator, templates, preferences.' }),
    inspector: inspectorSchema.prefault({}).meta({
      description:
        'Amazon Inspector: delegated administrator, auto-enable and member scanning (off by default).',
    }),
    declarativePolicies: declarativePoliciesSchema
      .prefault({})
      .meta({ description: 'Organizations declarative policies (EC2 account attributes).' }),
    resourceControlPolicies: resourceControlPoliciesSchema.prefault({}).meta({
      description: 'Opt-in data perimeter: outside principals denied the organization’s resources.',
    }),
    accessAnalyzer: accessAnalyzerSchema.prefault({}).meta({
      description:
        'IAM Access Analyzer: organization analyzers (external access in every region, unused access in homeRegion), archive rules.',
    }),
    contacts: contactsSchema.prefault({}).meta({
      description: "Alternate contacts set on every account: `security` (AWS's security notifications).",
    }),
  })
  .meta({ title: 'org-baseline configuration', description: 'See config/org.example.yaml for every option.' })

/** The config with every default applied, including the ones that follow `homeRegion`. */
export const orgConfigSchema = orgConfigFileSchema.transform((file) => ({
  ...file,
  securityHub: {
    ...file.securityHub,
    aggregationRegion: file.securityHub.aggregationRegion ?? file.homeRegion,
  },
  config: { ...file.config, globalResourcesRegion: file.config.globalResourcesRegion ?? file.homeRegion },
}))

export type OrgConfig = z.output<typeof orgConfigSchema>
export type OrgConfigInput = z.input<typeof orgConfigSchema>
export type ScpEntry = OrgConfig['scps'][number]
