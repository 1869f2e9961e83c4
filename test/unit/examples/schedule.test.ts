// The scheduling examples users copy: the CloudFormation template for a scheduled reconcile checks against
// the CloudFormation resource specification like the baseline's own templates, and the GitHub Actions
// workflow runs reconcile on a schedule with OIDC, keeps the JSON record and fails on anything but exit 0.
import { readFile } from 'node:fs/promises'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { parse } from 'yaml'
import { parseTemplate } from '../../../src/modules/stacksets/cfn-yaml.ts'
import { checkResource } from '../stacksets/spec-check.ts'

const test = suite('scheduling examples')

test('the CodeBuild schedule template uses only resource types and properties CloudFormation has', async () => {
  const template = parseTemplate(await readFile('examples/codebuild/scheduled-reconcile.yaml', 'utf8')) as {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>
  }
  const types = Object.values(template.Resources).map((r) => r.Type)
  for (const type of ['AWS::Scheduler::Schedule', 'AWS::CodeBuild::Project', 'AWS::IAM::Role']) {
    assert.ok(types.includes(type), type)
  }
  const problems: string[] = []
  for (const [id, resource] of Object.entries(template.Resources)) {
    problems.push(...(await checkResource(resource.Type, resource.Properties ?? {}, id)))
  }
  assert.equal(problems, [])
})

test('the roles of the schedule template name every action, none with a wildcard', async () => {
  const text = await readFile('examples/codebuild/scheduled-reconcile.yaml', 'utf8')
  const template = parseTemplate(text) as {
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

test.run()
