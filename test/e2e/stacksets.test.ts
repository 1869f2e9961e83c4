import { type CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail'
import { DescribeRuleCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { changeLines, cli, EXAMPLE, withSandbox } from './harness.ts'
import {
  clientsFor,
  configCopy,
  MEMBER_ACCOUNTS,
  planWithDriftDetection,
  recorderIn,
} from './stacksets-helpers.ts'

const test = suite('stacksets: templates deployed by stack sets and stacks')

const ours = (stdout: string) =>
  changeLines(stdout).filter((l) => /^. (stack|stackset|trusted-access\[member\.org\.stacksets)/.test(l))

const REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]

test('apply from the default seed converges: recorders everywhere, alert rules in us-east-1, the trail logs, second plan empty', async () => {
  await withSandbox({}, async (sandbox) => {
    const first = await cli(['plan', '-c', EXAMPLE, '--detail'], sandbox)
    assert.ok(ours(first.stdout).includes('+ stackset[config-recorder]'), first.stdout)
    assert.ok(ours(first.stdout).includes('+ stack[config-recorder@111111111111:eu-west-1]'))
    assert.match(first.stdout, 'service-managed stack sets never deploy to the management account')

    const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)

    // Every active member account in the target OUs (Suspended is excluded) and the management account.
    for (const account of [...MEMBER_ACCOUNTS, '111111111111']) {
      for (const region of REGIONS) {
        const view = recorderIn(sandbox, account, region)
        assert.ok(view.recorder?.recording, `recorder recording in ${account} ${region}`)
        assert.is(
          view.recorder?.recordingGroup.includeGlobalResourceTypes,
          region === 'us-east-1',
          `global types only in us-east-1 (${account} ${region})`,
        )
      }
    }
    assert.not.ok(recorderIn(sandbox, '777777777777', 'us-east-1').recorder, 'the suspended OU is excluded')

    const aws = clientsFor(sandbox)
    for (const account of ['111111111111', '222222222222', '555555555555']) {
      const events = aws.events('us-east-1', account) as EventBridgeClient
      const rule = await events.send(new DescribeRuleCommand({ Name: 'org-baseline-root-sign-in' }))
      assert.match(rule.EventPattern ?? '', 'AWS Console Sign In via CloudTrail')
      assert.match(rule.EventPattern ?? '', 'AWS Console Signin via CloudTrail')
    }
    const trail = aws.cloudtrail('us-east-1') as CloudTrailClient
    const status = await trail.send(new GetTrailStatusCommand({ Name: 'org-baseline' }))
    assert.ok(status.IsLogging, 'the organization trail logs')

    const second = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.equal(ours(second.stdout), [], second.stdout)
  })
})

test('a new account in a target OU gets its instances by auto-deployment, and plan shows nothing to do', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    sandbox.control('organizations', 'createAccount', {
      name: 'New Team',
      parent: 'Workloads/Dev',
      accountId: '888888888888',
    })
    const plan = await cli(['plan', '-c', EXAMPLE], sandbox)
    assert.equal(ours(plan.stdout), [], plan.stdout)
    sandbox.control('sandbox', 'advanceClock', { ms: 10 * 60_000 })
    sandbox.control('cloudformation', 'settle')
    for (const region of REGIONS)
      assert.ok(recorderIn(sandbox, '888888888888', region).recorder?.recording, region)
  })
})

test('a drifted instance and a drifted management stack (recorders stopped) are found by drift detection, planned as drift and repaired', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    sandbox.control('config', 'stopRecorder', { account: '555555555556', region: 'eu-west-1' })
    sandbox.control('config', 'stopRecorder', { account: '111111111111', region: 'eu-west-1' })
    const plan = await planWithDriftDetection(sandbox)
    assert.equal(
      plan.changes.map((c) => `${c.address} ${c.drift}`),
      ['stack[config-recorder@111111111111:eu-west-1] true', 'stackset.repair[config-recorder] true'],
    )
    const repair = plan.changes.find((c) => c.address === 'stackset.repair[config-recorder]')
    assert.equal(repair?.before, { instances: ['555555555556/eu-west-1'] })

    const applied = await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout)
    assert.ok(recorderIn(sandbox, '555555555556', 'eu-west-1').recorder?.recording, 'recording again')
    assert.ok(
      recorderIn(sandbox, '111111111111', 'eu-west-1').recorder?.recording,
      'the management stack too',
    )
    assert.equal(ours((await cli(['plan', '-c', EXAMPLE], sandbox)).stdout), [])
  })
})

test('an instance whose stack was deleted out of band is recreated after drift detection', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    sandbox.control('cloudformation', 'deleteStackInstanceStack', {
      stackSetName: 'org-baseline-config-recorder',
      account: '666666666666',
      region: 'eu-central-1',
    })
    assert.not.ok(
      recorderIn(sandbox, '666666666666', 'eu-central-1').recorder,
      'the stack took the recorder with it',
    )
    const plan = await planWithDriftDetection(sandbox)
    const repair = plan.changes.find((c) => c.address === 'stackset.repair[config-recorder]')
    assert.equal(repair?.before, { instances: ['666666666666/eu-central-1'] })
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes'], sandbox)).code, 0)
    assert.ok(recorderIn(sandbox, '666666666666', 'eu-central-1').recorder?.recording)
    assert.equal(ours((await cli(['plan', '-c', EXAMPLE], sandbox)).stdout), [])
  })
})

test('a changed template updates the stack set and the management stacks; an operation already running is waited for', async () => {
  await withSandbox({}, async (sandbox) => {
    const { dir, file } = await configCopy()
    assert.is((await cli(['apply', '-c', file, '--yes'], sandbox)).code, 0)
    const { readFile, writeFile } = await import('node:fs/promises')
    const path = `${dir}/templates/config-recorder.yaml`
    await writeFile(path, (await readFile(path, 'utf8')).replace('TwentyFour_Hours', 'Six_Hours'))

    const plan = await cli(['plan', '-c', file, '--detail'], sandbox)
    const lines = ours(plan.stdout)
    assert.ok(lines.includes('~ stackset[config-recorder]'), plan.stdout)
    assert.ok(lines.includes('~ stack[config-recorder@111111111111:us-east-1]'))
    assert.is(lines.length, 1 + REGIONS.length)

    const foreign = sandbox.control('cloudformation', 'startForeignOperation', {
      stackSetName: 'org-baseline-config-recorder',
    }) as { operationId: string }
    const applied = await cli(['apply', '-c', file, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout)
    assert.equal(ours((await cli(['plan', '-c', file], sandbox)).stdout), [])
    const ops = sandbox.calls.entries.filter((c) => c.operation === 'UpdateStackSet')
    assert.ok(ops.length >= 1)
    assert.ok(foreign.operationId, 'a foreign operation was running when apply started')
  })
})

test('an added region is planned as new instances and a management stack, and applied', async () => {
  await withSandbox({}, async (sandbox) => {
    const two = await configCopy((t) => t.replace('targets: enabled', 'targets: [us-east-1, eu-west-1]'))
    assert.is((await cli(['apply', '-c', two.file, '--yes'], sandbox)).code, 0)
    assert.not.ok(recorderIn(sandbox, '555555555555', 'eu-central-1').recorder)
    const three = await configCopy((t) =>
      t.replace('targets: enabled', 'targets: [us-east-1, eu-west-1, eu-central-1]'),
    )
    // --detail: one line per change (the grouped plan folds this stack with root-sign-in-alert's).
    const plan = await cli(['plan', '-c', three.file, '--detail'], sandbox)
    assert.equal(
      ours(plan.stdout).filter((l) => /config-recorder/.test(l)),
      ['+ stack[config-recorder@111111111111:eu-central-1]', '~ stackset.instances[config-recorder]'],
      plan.stdout,
    )
    assert.is((await cli(['apply', '-c', three.file, '--yes'], sandbox)).code, 0)
    assert.ok(recorderIn(sandbox, '555555555555', 'eu-central-1').recorder?.recording)
    assert.equal(ours((await cli(['plan', '-c', three.file], sandbox)).stdout), [])
  })
})

test.run()
