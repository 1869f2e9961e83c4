// The scheduling examples users copy: the CloudFormation template for a scheduled reconcile checks against
// the sandbox's CloudFormation judgement like the baseline's own templates, and the GitHub Actions
// workflow runs reconcile on a schedule with OIDC, keeps the JSON record and fails on anything but exit 0.
import { readFile } from 'node:fs/promises'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parse } from 'yaml'
import { parseTemplateBody } from '../../../src/sandbox/services/cloudformation/template-parse.ts'
import { templateProblems } from '../../../src/sandbox/services/cloudformation/template-validate/index.ts'

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

test('the pull-request workflow posts the markdown plan as a comment, its actions pinned by commit', async () => {
  const text = await readFile('examples/github-actions/plan-comment.yml', 'utf8')
  const workflow = parse(text)
  assert.ok(workflow.on.pull_request, 'runs on pull requests')
  assert.is(workflow.permissions['id-token'], 'write')
  assert.is(workflow.permissions['pull-requests'], 'write')
  const steps = workflow.jobs.plan.steps as { uses?: string; run?: string }[]
  const plan = steps.find((s) => s.run?.includes('org-baseline plan'))
  assert.match(plan?.run ?? '', '--format markdown > plan.md')
  assert.match(plan?.run ?? '', '"$code" -ne 2', 'exit 2 (changes pending) is a plan, not a failure')
  const post = steps.find((s) => s.uses?.startsWith('actions/github-script'))
  assert.ok(post, 'a step posts the comment')
  // Pinned by a full commit SHA: a moved tag cannot change what runs with the organization's credentials.
  for (const step of steps.filter((s) => s.uses))
    assert.match(step.uses ?? '', /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, step.uses)
})

test.run()
