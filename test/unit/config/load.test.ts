import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ConfigError } from '../../../src/config/errors.ts'
import { loadConfig } from '../../../src/config/load.ts'
import { DEFAULT_TEMPLATE_DIR } from '../../../src/config/package-paths.ts'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const example = join(repoRoot, 'config/org.example.yaml')
const minimal = join(repoRoot, 'test/fixtures/configs/minimal.yaml')
const custom = join(repoRoot, 'test/fixtures/configs/custom-scp/org.yaml')

async function rejection(file: string): Promise<ConfigError> {
  const error = await loadConfig(file).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof ConfigError))
    throw new Error(`expected a ConfigError from ${file}, got ${String(error)}`)
  return error
}

test('the shipped example config loads, since it is the documented contract', async () => {
  const baseline = await loadConfig(example)
  assert.is(baseline.config.accounts.management, '111111111111')
  assert.equal(baseline.config.regions.optIn, ['ap-southeast-4'])
  assert.equal(
    baseline.scps.map((scp) => scp.name),
    ['deny-member-root', 'deny-leave-organization', 'protect-security-baseline'],
  )
})

test('a minimal config gets every default the example documents', async () => {
  const { config } = await loadConfig(minimal)
  assert.equal(config, {
    version: 1,
    homeRegion: 'us-east-1',
    regions: { targets: 'enabled', optIn: [], exclude: [] },
    accounts: { management: '111111111111', securityTooling: 'Security Tooling', logArchive: 'Log Archive' },
    deployment: { targets: ['Root'], exclude: { ous: [], accounts: [] } },
    access: {
      memberRoleName: 'org-baseline-member',
      bootstrapRoleName: 'OrganizationAccountAccessRole',
      toolRoleName: 'org-baseline',
      breakGlassRoles: [],
    },
    rootUser: { denyMemberRoot: true, centralizedRootAccess: true, signInAlert: { recipients: [] } },
    scps: [
      { policy: 'deny-member-root', targets: ['Root'] },
      { policy: 'deny-leave-organization', targets: ['Root'] },
      { policy: 'protect-security-baseline', targets: ['Root'] },
    ],
    cloudTrail: {
      enabled: true,
      mode: 'organization',
      name: 'org-baseline',
      dataEvents: { s3: false, lambda: false },
      retentionDays: 365,
      athenaTable: true,
      lake: { enabled: false, retentionDays: 366 },
    },
    // Issue 12: Object Lock in compliance mode for a year unless the config says otherwise.
    logArchive: { retention: { mode: 'COMPLIANCE', years: 1 }, transitionDays: 90, readers: [] },
    guardDuty: {
      enabled: true,
      autoEnable: 'ALL',
      features: [
        'S3_DATA_EVENTS',
        'EKS_AUDIT_LOGS',
        'EBS_MALWARE_PROTECTION',
        'RDS_LOGIN_EVENTS',
        'LAMBDA_NETWORK_LOGS',
      ],
      runtimeAgents: [],
    },
    securityHub: {
      enabled: true,
      aggregationRegion: 'us-east-1',
      linkedRegions: 'all',
      standards: ['fsbp', 'cis-3.0.0'],
      configuration: 'central',
      policyTargets: ['Root'],
    },
    config: {
      enabled: true,
      globalResourcesRegion: 'us-east-1',
      aggregator: { enabled: true, name: 'org-baseline' },
    },
    findingsRouting: { enabled: true, minimumSeverity: 'HIGH', recipients: [] },
    stackSets: {
      administrator: 'management',
      operationPreferences: {
        regionConcurrency: 'PARALLEL',
        maxConcurrentPercentage: 100,
        failureTolerancePercentage: 10,
        concurrencyMode: 'SOFT_FAILURE_TOLERANCE',
        canaryRegion: true,
      },
    },
    inspector: { enabled: false, scanTypes: ['EC2', 'ECR', 'LAMBDA'] },
    accessAnalyzer: { enabled: false, unusedAccess: { enabled: true, age: 90 }, archiveRules: [] },
    contacts: {},
    // Issue 15: declarative policies on (they only set EC2 account attributes), the RCP perimeter opt-in.
    declarativePolicies: { ec2: { enabled: true, targets: ['Root'], exceptions: [] } },
    resourceControlPolicies: { enabled: false, targets: ['Root'], trustedAccounts: [] },
  })
})

test('the example shows the defaults, except the values its header names as examples', async () => {
  const shown = (await loadConfig(example)).config
  const defaults = (await loadConfig(minimal)).config
  assert.equal(
    {
      ...shown,
      accounts: defaults.accounts,
      regions: { ...shown.regions, optIn: [] },
      deployment: { ...shown.deployment, exclude: { ...shown.deployment.exclude, ous: [] } },
      access: { ...shown.access, breakGlassRoles: [] },
      rootUser: { ...shown.rootUser, signInAlert: { recipients: [] } },
      findingsRouting: { ...shown.findingsRouting, recipients: [] },
      accessAnalyzer: { ...shown.accessAnalyzer, enabled: false, archiveRules: [] },
      contacts: {},
    },
    defaults,
  )
})

test('aggregation and global-resources regions follow homeRegion when not set', async () => {
  const { config } = await loadConfig(custom)
  assert.is(config.homeRegion, 'eu-west-1')
  assert.is(config.securityHub.aggregationRegion, 'eu-west-1')
  assert.is(config.config.globalResourcesRegion, 'eu-west-1')
})

test('the template directory defaults to the package stacksets/, found from the module, not the cwd', async () => {
  const baseline = await loadConfig(minimal)
  assert.is(baseline.templateDir, DEFAULT_TEMPLATE_DIR)
  assert.is(baseline.templateDir, join(repoRoot, 'stacksets/'))
  assert.is(baseline.templateDirFromConfig, false)
})

test('a configured template directory and SCP files resolve relative to the config file', async () => {
  const baseline = await loadConfig(custom)
  assert.is(baseline.templateDir, join(repoRoot, 'test/fixtures/configs/custom-scp/templates'))
  const file = baseline.scps.find((scp) => scp.name === 'deny-unused-regions')
  assert.is(file?.source, join(repoRoot, 'test/fixtures/configs/custom-scp/policies/deny-regions.json'))
  assert.equal(file?.targets, ['Workloads/Prod', '444444444444'])
})

test('deny-member-root is added at Root when rootUser.denyMemberRoot is on and the list leaves it out', async () => {
  const baseline = await loadConfig(custom)
  const implied = baseline.scps.find((scp) => scp.name === 'deny-member-root')
  assert.equal(implied?.targets, ['Root'])
  assert.equal(implied?.configPath, ['rootUser', 'denyMemberRoot'])
  assert.equal(implied?.position, { file: custom, line: 15, col: 19 })
})

test('role placeholders are substituted in shipped and user SCPs, one element per break-glass role', async () => {
  const baseline = await loadConfig(custom)
  const protect = baseline.scps.find((scp) => scp.name === 'protect-security-baseline')
  assert.ok(protect)
  assert.not.match(protect.minified, '${')
  // The tool role (platform-baseline) lives in the management account: SCPs never reach it, so no exemption.
  assert.not.match(protect.minified, '"arn:aws:iam::*:role/platform-baseline"')
  assert.match(protect.minified, '"arn:aws:iam::*:role/BaselineMemberRole"')
  assert.match(protect.minified, '"arn:aws:iam::*:role/OrganizationAccountAccessRole"')
  assert.match(
    protect.minified,
    '"arn:aws:iam::*:role/BreakGlassAdmin","arn:aws:iam::*:role/BreakGlassReadOnly"',
  )
  const regions = baseline.scps.find((scp) => scp.name === 'deny-unused-regions')
  assert.match(
    regions?.minified ?? '',
    '"aws:PrincipalArn":["arn:aws:iam::*:role/BreakGlassAdmin","arn:aws:iam::*:role/BreakGlassReadOnly"]',
  )
})

test('the minified SCP is the exact compact JSON of the document', async () => {
  const baseline = await loadConfig(example)
  for (const scp of baseline.scps) {
    assert.is(scp.minified, JSON.stringify(scp.document))
    assert.not.match(scp.minified, '\n')
  }
})

test('locate() gives the file:line:col of a value, for errors found later against AWS', async () => {
  const baseline = await loadConfig(custom)
  assert.equal(baseline.locate(['scps', 1, 'targets', 1]), { file: custom, line: 21, col: 31 })
  assert.equal(baseline.locate(['accounts', 'securityTooling']), { file: custom, line: 8, col: 20 })
})

test('locate() falls back to the nearest written ancestor for a defaulted value', async () => {
  const baseline = await loadConfig(custom)
  assert.equal(baseline.locate(['securityHub', 'aggregationRegion']), { file: custom, line: 28, col: 3 })
  assert.equal(baseline.locate(['cloudTrail', 'lake', 'retentionDays']), { file: custom, line: 23, col: 3 })
})

test('SCP positions point at the config entry that asks for the SCP', async () => {
  const baseline = await loadConfig(custom)
  const positions = baseline.scps.map((scp) => [scp.name, scp.position.line])
  assert.equal(positions, [
    ['deny-member-root', 15],
    ['protect-security-baseline', 17],
    ['deny-unused-regions', 19],
  ])
})

test('issues keep the config path as the user spelled it, relative or absolute', async () => {
  const relativePath = relative(
    process.cwd(),
    join(repoRoot, 'test/fixtures/bad-configs/missing-management/org.yaml'),
  )
  const error = await rejection(relativePath)
  assert.equal(error.issues, [
    { file: relativePath, line: 3, col: 3, path: 'accounts.management', message: 'required key is missing' },
  ])
  assert.is(error.toString(), `${relativePath}:3:3: accounts.management: required key is missing`)
})

test('an unknown key is reported at the key, a wrong value at the value', async () => {
  const error = await rejection(join(repoRoot, 'test/fixtures/bad-configs/several-errors/org.yaml'))
  const byPath = Object.fromEntries(error.issues.map((issue) => [issue.path, [issue.line, issue.col]]))
  assert.equal(byPath['securityHub.configuraton'], [15, 3])
  assert.equal(byPath['guardDuty.features[1]'], [12, 30])
})

test('every issue is reported at once, sorted top to bottom', async () => {
  const error = await rejection(join(repoRoot, 'test/fixtures/bad-configs/several-errors/org.yaml'))
  assert.is(error.issues.length, 5)
  const lines = error.issues.map((issue) => issue.line)
  assert.equal(
    lines,
    [...lines].sort((a, b) => a - b),
  )
  assert.is(error.code, 'CONFIG_INVALID')
})

test('a missing config file is a ConfigError naming the file, not a raw ENOENT', async () => {
  const error = await rejection('no/such/org.yaml')
  assert.is(error.toString(), 'no/such/org.yaml:1:1: config file not found')
})

test.run()
