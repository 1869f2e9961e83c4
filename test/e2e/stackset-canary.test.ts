// Template updates roll out like new instances (issue 16, item 3): UpdateStackSet for the home region's
// instances first, as a canary, and for every instance only once it succeeded. A failed canary stops the
// rollout with the other regions untouched; the stack set keeps a mark, so the next apply updates again.
import { readFile, writeFile } from 'node:fs/promises'
import {
  CloudFormationClient,
  DescribeStackSetCommand,
  ListStackSetOperationsCommand,
  paginateListStackInstances,
  paginateListStackSetOperationResults,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { collect } from '../../src/aws/paginate.ts'
import { retryConflicts } from '../../src/aws/retry-conflicts.ts'
import { stackSetDescription } from '../../src/modules/stacksets/rollout-mark.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { management } from '../sandbox/helpers.ts'
import { changeLines, cli, withSandbox } from './harness.ts'
import { configCopy } from './stacksets-helpers.ts'

const test = suite('stack set updates: the home region first')

const SET = 'org-baseline-config-recorder'
const HOME = 'us-east-1'
const REGIONS = ['eu-central-1', 'eu-west-1', 'us-east-1']
// Operation histories lag under eventual consistency (src/sandbox/README.md): read them in strong mode only.
const STRONG = 'reads stack set operation histories and results, which eventual consistency lags'

const recorderLines = (stdout: string) => changeLines(stdout).filter((l) => /config-recorder\]/.test(l))

/** The example on three regions, without the modules that have no stack set (cheaper), with its own templates. */
const threeRegions = () =>
  configCopy((t) =>
    ['guardDuty', 'securityHub', 'findingsRouting', 'accessAnalyzer']
      .reduce(
        (text, module) => text.replace(`${module}:\n  enabled: true`, `${module}:\n  enabled: false`),
        t.slice(0, t.indexOf('\ncontacts:')),
      )
      .replace('targets: enabled', `targets: [${REGIONS.join(', ')}]`),
  )

async function editTemplate(dir: string, edit: (text: string) => string) {
  const path = `${dir}/templates/config-recorder.yaml`
  await writeFile(path, edit(await readFile(path, 'utf8')))
}

const cfn = (sandbox: Sandbox) => new CloudFormationClient(management(sandbox, HOME))

/** UPDATE operations on the stack set, oldest first, each with the regions its results cover. */
async function updates(sandbox: Sandbox) {
  const client = cfn(sandbox)
  const { Summaries } = await client.send(new ListStackSetOperationsCommand({ StackSetName: SET }))
  const ops = (Summaries ?? []).filter((s) => s.Action === 'UPDATE').reverse()
  return Promise.all(
    ops.map(async (op) => {
      const pages = paginateListStackSetOperationResults(
        { client, pageSize: 100 },
        { StackSetName: SET, OperationId: op.OperationId ?? '' },
      )
      const results = await collect(pages, (p) => p.Summaries)
      return { status: op.Status, regions: [...new Set(results.map((r) => r.Region ?? ''))].sort() }
    }),
  )
}

async function instanceStatuses(sandbox: Sandbox, region: string) {
  const pages = paginateListStackInstances(
    { client: cfn(sandbox), pageSize: 100 },
    { StackSetName: SET, StackInstanceRegion: region },
  )
  return [...new Set((await collect(pages, (p) => p.Summaries)).map((s) => s.Status ?? ''))].sort()
}

const description = async (sandbox: Sandbox) =>
  (await cfn(sandbox).send(new DescribeStackSetCommand({ StackSetName: SET }))).StackSet?.Description

test('a changed template updates the home region first, then every instance; a run stopped after the canary is finished by the next apply', async () => {
  await withSandbox(
    {},
    async (sandbox) => {
      const { dir, file } = await threeRegions()
      assert.is((await cli(['apply', '-c', file, '--yes'], sandbox)).code, 0)
      await editTemplate(dir, (t) => t.replace('TwentyFour_Hours', 'Six_Hours'))
      const plan = await cli(['plan', '-c', file], sandbox)
      assert.match(plan.stdout, `${HOME} first as a canary: the other regions only if it succeeds`)

      const applied = await cli(['apply', '-c', file, '--yes'], sandbox)
      assert.is(applied.code, 0, applied.stdout + applied.stderr)
      assert.equal(await updates(sandbox), [
        { status: 'SUCCEEDED', regions: [HOME] },
        { status: 'SUCCEEDED', regions: REGIONS },
      ])
      for (const region of REGIONS) assert.equal(await instanceStatuses(sandbox, region), ['CURRENT'], region)
      assert.is(await description(sandbox), stackSetDescription('config-recorder'))
      assert.equal(recorderLines((await cli(['plan', '-c', file], sandbox)).stdout), [])

      // A run that ends right after a successful canary (a signal, the deadline) leaves this behind.
      await editTemplate(dir, (t) => t.replace('Six_Hours', 'Twelve_Hours'))
      const { StackSet } = await cfn(sandbox).send(new DescribeStackSetCommand({ StackSetName: SET }))
      const TemplateBody = await readFile(`${dir}/templates/config-recorder.yaml`, 'utf8')
      // Under the soak's faults mode this out-of-band write may meet another operation in progress, which
      // the SDK does not retry.
      await retryConflicts(() =>
        cfn(sandbox).send(
          new UpdateStackSetCommand({
            StackSetName: SET,
            TemplateBody,
            Parameters: StackSet?.Parameters,
            Description: stackSetDescription('config-recorder', HOME),
            DeploymentTargets: { OrganizationalUnitIds: StackSet?.OrganizationalUnitIds },
            Regions: [HOME],
          }),
        ),
      )
      const resumed = await cli(['plan', '-c', file], sandbox)
      assert.equal(recorderLines(resumed.stdout), ['~ stackset[config-recorder]'], resumed.stdout)
      assert.match(resumed.stdout, `the last update stopped after the canary region ${HOME}`)
      const finished = await cli(['apply', '-c', file, '--yes'], sandbox)
      assert.is(finished.code, 0, finished.stdout + finished.stderr)
      for (const region of REGIONS) assert.equal(await instanceStatuses(sandbox, region), ['CURRENT'], region)
      assert.equal(recorderLines((await cli(['plan', '-c', file], sandbox)).stdout), [])
    },
    STRONG,
  )
})

test('a failing canary stops the rollout: the other regions keep the previous template until a fixed one is applied', async () => {
  await withSandbox(
    {},
    async (sandbox) => {
      const { dir, file } = await threeRegions()
      assert.is((await cli(['apply', '-c', file, '--yes'], sandbox)).code, 0)
      const original = await readFile(`${dir}/templates/config-recorder.yaml`, 'utf8')
      // A bucket name is global: every account but the first fails to create it (BucketAlreadyExists).
      await editTemplate(dir, (t) =>
        t.replace(
          'Resources:\n',
          'Resources:\n  Fixed:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: org-baseline-canary-test\n\n',
        ),
      )
      const failed = await cli(['apply', '-c', file, '--yes'], sandbox)
      assert.is(failed.code, 1, failed.stdout)
      assert.match(
        failed.stdout + failed.stderr,
        `in the canary region ${HOME}: the other regions were not updated`,
      )
      assert.equal(await updates(sandbox), [{ status: 'FAILED', regions: [HOME] }])
      // Untouched since the first apply, now one definition behind (OUTDATED), nothing failed there.
      for (const region of ['eu-central-1', 'eu-west-1'])
        assert.equal(await instanceStatuses(sandbox, region), ['OUTDATED'], region)

      const again = await cli(['plan', '-c', file], sandbox)
      assert.ok(recorderLines(again.stdout).includes('~ stackset[config-recorder]'), again.stdout)
      assert.match(again.stdout, `the last update stopped after the canary region ${HOME}`)

      await editTemplate(dir, () => original)
      // Removing the bucket resource is destructive (it deletes the bucket).
      const fixed = await cli(['apply', '-c', file, '--yes', '--allow-destroy'], sandbox)
      assert.is(fixed.code, 0, fixed.stdout + fixed.stderr)
      for (const region of REGIONS) assert.equal(await instanceStatuses(sandbox, region), ['CURRENT'], region)
      assert.is(await description(sandbox), stackSetDescription('config-recorder'))
      assert.equal(recorderLines((await cli(['plan', '-c', file], sandbox)).stdout), [])
    },
    STRONG,
  )
})

test.run()
