// The scheduling examples users copy: the CloudFormation template for a scheduled reconcile checks against
// the sandbox's CloudFormation judgement like the baseline's own templates, and the GitHub Actions
// workflow runs reconcile on a schedule with OIDC, keeps the JSON record and fails on anything but exit 0.
import { readFile } from 'node:fs/promises'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parse } from 'yaml'
import { parseTemplateBody } from '../../../src/sandbox/services/cloudformation/template-parse.ts'
import { templateProblems } from '../../../src/sandbox/services/cloudformation/template-validate/index.ts'
import { cli } from '../../e2e/harness.ts'

const test = suite('scheduling examples')

test('CloudFormation accepts the CodeBuild schedule template (the sandbox template judgement)', async () => {
  const text = await readFile('examples/codebuild/scheduled-reconcile.yaml', 'utf8')
  const types = Object.values(parseTemplateBody(text).Resources).map((r) => r.Type)
  for (const type of ['AWS::Scheduler::Schedule', 'AWS::CodeBuild::Project', 'AWS::IAM::Role']) {
    assert.ok(types.includes(type), type)
  }
  assert.equal(templateProblems(text), [])
})

test('the roles of the schedule template name every action, none with a wildcard', async () => {
  const text = await readFile('examples/codebuild/scheduled-reconcile.yaml', 'utf8')
  const template = parseTemplateBody(text) as unknown as {
    Resources: Record<
      string,
      {
        Type: string
        Properties?: { Policies?: { PolicyDocument: { Statement: { Action: string | string[] }[] } }[] }
      }
    >
  }
  const actions = Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Role')
    .flatMap((r) => r.Properties?.Policies ?? [])
    .flatMap((p) => p.PolicyDocument.Statement)
    .flatMap((s) => [s.Action].flat())
  assert.ok(actions.length > 0)
  assert.equal(
    actions.filter((a) => a.includes('*')),
    [],
  )
})

test('the GitHub Actions workflow runs reconcile on a schedule with OIDC and keeps the JSON report', async () => {
  const workflow = parse(await readFile('examples/github-actions/reconcile.yml', 'utf8'))
  assert.ok(workflow.on.schedule[0].cron)
  assert.is(workflow.permissions['id-token'], 'write')
  const steps = workflow.jobs.reconcile.steps as { uses?: string; run?: string; if?: string }[]
  const reconcile = steps.find((s) => s.run?.includes('org-baseline reconcile'))
  assert.ok(reconcile?.run?.includes('--format json'))
  assert.ok(steps.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials')))
  const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))
  assert.is(upload?.if, 'always()', 'the report is kept even when reconcile fails the job')
})

const SHA_PINNED = /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/

test('the workflow works from a config-only repository: every action pinned by commit SHA, the tool from its lock file', async () => {
  const workflow = parse(await readFile('examples/github-actions/reconcile.yml', 'utf8'))
  const steps = workflow.jobs.reconcile.steps as { uses?: string; run?: string }[]
  const actions = steps.flatMap((s) => (s.uses ? [s.uses] : []))
  assert.ok(actions.length >= 4)
  for (const action of actions) assert.match(action, SHA_PINNED, `${action} is pinned by a 40-hex commit`)
  // npm ci installs exactly package-lock.json and fails without it; nothing is installed by name.
  assert.ok(steps.some((s) => s.run?.startsWith('npm ci')))
  assert.not.ok(
    steps.some((s) => /npm (i|install)\b|npx (?!--no-install)/.test(s.run ?? '')),
    'no unpinned install',
  )
  const pkg = JSON.parse(await readFile('examples/config-repo/package.json', 'utf8'))
  const spec = pkg.dependencies['org-baseline'] as string
  const immutable =
    /^https:\/\/.+\/org-baseline-\d+\.\d+\.\d+\.tgz$/.test(spec) || /#[0-9a-f]{40}$/.test(spec)
  assert.ok(immutable, `org-baseline pinned by a release tarball or a commit, not "${spec}"`)
})

test('the OIDC trust the workflow comment prints is restricted by sub to the repository and branch', async () => {
  const text = await readFile('examples/github-actions/reconcile.yml', 'utf8')
  const command = /npx org-baseline (iam-policy --trust github-oidc [^>\n]+?)\s*>/.exec(text)?.[1]
  assert.ok(command, 'the workflow says how to make the trust policy')
  // In the config repository config/org.yaml exists; here the example config stands in for it.
  const argv = [
    ...command.replace('OWNER/REPO', 'acme/org-config').split(/\s+/),
    '-c',
    'config/org.example.yaml',
  ]
  const run = await cli(argv)
  assert.is(run.code, 0, run.stderr)
  const trust = JSON.parse(run.stdout)
  const conditions = JSON.stringify(trust.Statement.map((s: { Condition: unknown }) => s.Condition))
  assert.match(
    conditions,
    '"token.actions.githubusercontent.com:sub":"repo:acme/org-config:ref:refs/heads/main"',
  )
  assert.match(conditions, '"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"')
  assert.not.match(conditions, /repo:acme\/org-config:\*/)
})

test('the CodeBuild template creates the config bucket and locks it down; the build installs only the locked tool', async () => {
  const text = await readFile('examples/codebuild/scheduled-reconcile.yaml', 'utf8')
  const template = parseTemplateBody(text) as unknown as {
    Parameters: Record<string, unknown>
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>
  }
  const r = template.Resources
  assert.is(r.ConfigBucket?.Type, 'AWS::S3::Bucket', 'the template creates the config location')
  assert.is(
    JSON.stringify(r.ConfigBucket?.Properties.PublicAccessBlockConfiguration),
    JSON.stringify({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    }),
  )
  const lockdown = JSON.stringify(r.ConfigBucketLockdown?.Properties)
  assert.match(lockdown, '"aws:SecureTransport":"false"')
  assert.match(lockdown, '"ArnNotEquals":{"aws:PrincipalArn":{"Ref":"ConfigWriterArn"}}')
  assert.match(lockdown, 's3:PutObject')
  assert.not.ok('ConfigBucket' in template.Parameters, 'not a bucket someone else controls')
  const buildSpec = JSON.stringify(r.Reconcile?.Properties.Source)
  assert.match(buildSpec, 'npm ci')
  assert.match(buildSpec, 'npx --no-install org-baseline reconcile')
  assert.not.match(buildSpec, /npm install/)
  const plumbing = JSON.stringify(r.BuildRole?.Properties.Policies)
  // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not a JS template
  assert.match(plumbing, '"Action":"s3:GetObject","Resource":{"Fn::Sub":"${ConfigBucket.Arn}/${ConfigKey}"}')
})

test('the pull-request workflow posts the markdown plan as a comment, its actions pinned by commit', async () => {
  const text = await readFile('examples/github-actions/plan-comment.yml', 'utf8')
  const workflow = parse(text)
  assert.ok(workflow.on.pull_request, 'runs on pull requests')
  assert.is(workflow.permissions['id-token'], 'write')
  assert.is(workflow.permissions['pull-requests'], 'write')
  const steps = workflow.jobs.plan.steps as { uses?: string; run?: string }[]
  const plan = steps.find((s) => s.run?.includes('org-baseline plan'))
  assert.match(plan?.run ?? '', '--format markdown --detailed-exitcode > plan.md')
  assert.match(plan?.run ?? '', '"$code" -ne 2', 'exit 2 (changes pending) is a plan, not a failure')
  assert.match(plan?.run ?? '', 'npx --no-install org-baseline', 'the locked tool, nothing installed by name')
  const post = steps.find((s) => s.uses?.startsWith('actions/github-script'))
  assert.ok(post, 'a step posts the comment')
  // Pinned by a full commit SHA: a moved tag cannot change what runs with the organization's credentials.
  for (const step of steps.filter((s) => s.uses))
    assert.match(step.uses ?? '', /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, step.uses)
})

test.run()
