// The stacksets diff as pure functions: the example config resolved against a literal organization, literal
// observations in, the exact changes out — one reason per case.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Change } from '../../../src/engine/change.ts'
import type { Desired } from '../../../src/engine/desired.ts'
import { plannedStackSets, plannedStacks } from '../../../src/modules/stacksets/catalogue.ts'
import type {
  InstanceProblem,
  ObservedStack,
  ObservedStackSet,
} from '../../../src/modules/stacksets/observed.ts'
import { diffStack, stackNotes } from '../../../src/modules/stacksets/stack-diff.ts'
import { diffStackSet, stackSetNotes } from '../../../src/modules/stacksets/stackset-diff.ts'
import { stackSetTargets } from '../../../src/modules/stacksets/targets.ts'
import { templateHash } from '../../../src/modules/stacksets/template-hash.ts'
import { desiredFrom, ORG } from '../stacksets/fixture.ts'

const test = suite('stacksets diff')
const BODY = 'Resources: {}\n'
const SECURITY = 'ou-sb01-security1'
const WORKLOADS = 'ou-sb01-workload1'

let desired: Desired
test.before(async () => {
  desired = await desiredFrom((t) => t.replace('targets: enabled', 'targets: [eu-west-1, us-east-1]'))
})

const recorderSpec = () => {
  const spec = plannedStackSets(desired).find((s) => s.template === 'config-recorder')
  if (!spec) throw new Error('config-recorder is planned')
  return spec
}

const healthy = (over: Partial<ObservedStackSet> = {}): ObservedStackSet => ({
  templateBody: BODY,
  parameters: { ...recorderSpec().parameters },
  ous: [SECURITY, WORKLOADS],
  regions: ['eu-west-1', 'us-east-1'],
  autoDeployment: true,
  managedExecution: true,
  problems: [],
  ...over,
})

const problem = (kind: string, account: string, region: string, reason?: string): InstanceProblem => ({
  account,
  region,
  ou: WORKLOADS,
  kind,
  ...(reason ? { reason } : {}),
})

const plan = (observed: ObservedStackSet | null, body = BODY) =>
  diffStackSet(desired, recorderSpec(), body, observed, stackSetTargets(desired))
const summary = (changes: Change[]) => changes.map((c) => `${c.action} ${c.address}`)

test('targets: Root minus the excluded Suspended OU becomes its sibling OUs', () => {
  assert.equal(stackSetTargets(desired).ous, [SECURITY, WORKLOADS])
})

const CASES: { reason: string; observed: () => ObservedStackSet | null; body?: string; expect: string[] }[] =
  [
    {
      reason: 'nothing exists: the stack set is created, then its instances',
      observed: () => null,
      expect: ['create stackset[config-recorder]', 'create stackset.instances[config-recorder]'],
    },
    { reason: 'everything matches: no change', observed: () => healthy(), expect: [] },
    {
      reason: 'the template file changed: the stack set (and every instance) is updated',
      observed: () => healthy(),
      body: `${BODY}# edited\n`,
      expect: ['update stackset[config-recorder]'],
    },
    {
      reason: 'a parameter differs: update',
      observed: () =>
        healthy({ parameters: { ...recorderSpec().parameters, GlobalResourcesRegion: 'eu-west-1' } }),
      expect: ['update stackset[config-recorder]'],
    },
    {
      reason: 'a target region is missing: instances are added',
      observed: () => healthy({ regions: ['us-east-1'] }),
      expect: ['update stackset.instances[config-recorder]'],
    },
    {
      reason: 'an OU no longer targeted and a region no longer targeted: destructive removal',
      observed: () =>
        healthy({
          ous: [SECURITY, WORKLOADS, 'ou-sb01-suspend1'],
          regions: ['eu-west-1', 'sa-east-1', 'us-east-1'],
        }),
      expect: ['delete stackset.stale-instances[config-recorder]'],
    },
    {
      reason: 'a drifted instance: repaired (as drift)',
      observed: () => healthy({ problems: [problem('DRIFTED', '555555555555', 'eu-west-1')] }),
      expect: ['update stackset.repair[config-recorder]'],
    },
    {
      reason: 'an instance failed for another reason: deployed again',
      observed: () =>
        healthy({ problems: [problem('FAILED', '555555555555', 'us-east-1', 'ResourceLogicalId:X')] }),
      expect: ['update stackset.repair[config-recorder]'],
    },
    {
      reason: 'the Account API says the account has not enabled the region: a note, not a change',
      observed: () =>
        healthy({
          problems: [
            {
              ...problem('FAILED', '555555555555', 'eu-west-1', 'Internal Failure'),
              regionOptIn: 'not-enabled',
            },
          ],
        }),
      expect: [],
    },
    {
      reason: 'whether the account enabled the region cannot be read yet (no trusted access): left alone',
      observed: () =>
        healthy({
          problems: [
            {
              ...problem('FAILED', '555555555555', 'eu-west-1', 'Internal Failure'),
              regionOptIn: 'unknown',
            },
          ],
        }),
      expect: [],
    },
    {
      reason: 'a suspended account was skipped, and its drift check failed: notes only',
      observed: () =>
        healthy({
          problems: [
            problem('SKIPPED_SUSPENDED_ACCOUNT', '777777777777', 'us-east-1'),
            problem('DRIFT_CHECK_FAILED', '777777777777', 'us-east-1', 'Stack [unknown] does not exist'),
          ],
        }),
      expect: [],
    },
  ]

for (const c of CASES) {
  test(c.reason, () => {
    assert.equal(summary(plan(c.observed(), c.body)), c.expect)
  })
}

test('the repair of a drifted instance is marked drift and names the instance; the removal is destructive', () => {
  const [repair] = plan(healthy({ problems: [problem('DRIFTED', '555555555555', 'eu-west-1')] }))
  assert.is(repair?.drift, true)
  assert.equal(repair?.before, { instances: ['555555555555/eu-west-1'] })
  const [removal] = plan(healthy({ regions: ['eu-west-1', 'sa-east-1', 'us-east-1'] }))
  assert.is(removal?.destructive, true)
  assert.equal(removal?.after, {
    ous: [SECURITY, WORKLOADS],
    regions: ['eu-west-1', 'us-east-1'],
    excludedAccounts: [],
  })
})

test('creating waits for organizations access and the log bucket; instances wait for the stack set', () => {
  const [set, instances] = plan(null)
  assert.equal(set?.dependsOn, ['trusted-access[member.org.stacksets.cloudformation.amazonaws.com]'])
  assert.ok(instances?.dependsOn.includes('stackset[config-recorder]'))
  assert.ok(instances?.dependsOn.includes('stack[log-archive@333333333333:us-east-1]'))
})

test('notes: suspended, region not enabled, and a running operation are said, not planned', () => {
  const notes = stackSetNotes(
    recorderSpec(),
    healthy({
      problems: [
        problem('SKIPPED_SUSPENDED_ACCOUNT', '777777777777', 'us-east-1'),
        { ...problem('FAILED', '555555555555', 'eu-west-1', 'Internal Failure'), regionOptIn: 'not-enabled' },
      ],
      activeOperation: { id: 'op-1', action: 'UPDATE', status: 'RUNNING' },
    }),
  ).map((n) => n.message)
  assert.is(notes.length, 3)
  assert.match(notes[0] ?? '', 'suspended')
  assert.match(notes[1] ?? '', 'have not enabled eu-west-1')
  assert.match(notes[2] ?? '', 'apply waits for it')
})

const stackSpec = () => {
  const spec = plannedStacks(desired).find(
    (s) => s.template === 'config-recorder' && s.region === 'eu-west-1',
  )
  if (!spec) throw new Error('the management copy is planned')
  return spec
}
const stack = (over: Partial<ObservedStack> = {}): ObservedStack => ({
  status: 'CREATE_COMPLETE',
  templateHash: templateHash(BODY),
  parameters: { ...stackSpec().parameters },
  drifted: false,
  ...over,
})

const STACK_CASES: { reason: string; observed: () => ObservedStack | null; expect: string[] }[] = [
  {
    reason: 'a missing management stack is created',
    observed: () => null,
    expect: ['create stack[config-recorder@111111111111:eu-west-1]'],
  },
  { reason: 'a matching stack needs nothing', observed: () => stack(), expect: [] },
  {
    reason: 'a changed template (by its tag) is an update',
    observed: () => stack({ templateHash: 'old' }),
    expect: ['update stack[config-recorder@111111111111:eu-west-1]'],
  },
  {
    reason: 'a failed create is created again',
    observed: () => stack({ status: 'ROLLBACK_COMPLETE' }),
    expect: ['create stack[config-recorder@111111111111:eu-west-1]'],
  },
  {
    reason: 'a stack still in progress never compares as done: apply waits for it and judges it (issue 13)',
    observed: () => stack({ status: 'UPDATE_IN_PROGRESS' }),
    expect: ['update stack[config-recorder@111111111111:eu-west-1]'],
  },
  {
    reason: 'a stack stuck in UPDATE_ROLLBACK_FAILED never compares as done (issue 13)',
    observed: () => stack({ status: 'UPDATE_ROLLBACK_FAILED' }),
    expect: ['update stack[config-recorder@111111111111:eu-west-1]'],
  },
  {
    reason: 'UPDATE_ROLLBACK_COMPLETE is the previous working state: its tag compares truthfully',
    observed: () => stack({ status: 'UPDATE_ROLLBACK_COMPLETE' }),
    expect: [],
  },
]

for (const c of STACK_CASES) {
  test(`stack: ${c.reason}`, () => {
    assert.equal(summary(diffStack('stacksets', stackSpec(), BODY, c.observed())), c.expect)
  })
}

test('stack: a drifted recorder stack is planned as drift, to be created again', () => {
  const [change] = diffStack('stacksets', stackSpec(), BODY, stack({ drifted: true }))
  assert.is(change?.action, 'update')
  assert.is(change?.drift, true)
  assert.match(change?.reason ?? '', 'deleted and created again')
})

test('stack notes: a drifted log bucket (never recreated) is explained instead', () => {
  assert.is(stackNotes('stacksets', stackSpec(), stack({ status: 'UPDATE_IN_PROGRESS' })).length, 0)
  const bucket = plannedStacks(desired).find((s) => s.template === 'log-archive')
  if (!bucket) throw new Error('the log bucket is planned')
  const drifted: ObservedStack = {
    status: 'UPDATE_COMPLETE',
    templateHash: templateHash(BODY),
    parameters: bucket.parameters,
    drifted: true,
  }
  assert.equal(diffStack('stacksets', bucket, BODY, drifted), [])
  assert.match(stackNotes('stacksets', bucket, drifted)[0]?.message ?? '', 'fix the resources by hand')
})

const RECORDER = `Resources:
  ConfigurationRecorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true }
`

test('stack set: a template that turns recording off is destructive, says why, and carries the property diff', () => {
  const after = RECORDER.replace('AllSupported: true', 'AllSupported: false')
  const [change] = plan(healthy({ templateBody: RECORDER }), after)
  assert.is(change?.address, 'stackset[config-recorder]')
  assert.is(change?.destructive, true)
  assert.equal(change?.weakens, [
    'ConfigurationRecorder /RecordingGroup/AllSupported: turns AllSupported off (true → false)',
  ])
  assert.equal(change?.templateDiff?.resources, [
    {
      logicalId: 'ConfigurationRecorder',
      action: 'modified',
      type: 'AWS::Config::ConfigurationRecorder',
      changes: [{ path: '/RecordingGroup/AllSupported', before: true, after: false }],
    },
  ])
})

test('stack set: a template that only adds is an update that is not destructive, with its diff', () => {
  const after = `${RECORDER}  Topic:\n    Type: AWS::SNS::Topic\n`
  const [change] = plan(healthy({ templateBody: RECORDER }), after)
  assert.is(change?.destructive, false)
  assert.equal(change?.templateDiff?.resources, [
    { logicalId: 'Topic', action: 'added', type: 'AWS::SNS::Topic' },
  ])
})

test('stack set: global resource types moved to a region outside the deployment is destructive', () => {
  const observed = healthy({
    parameters: { ...recorderSpec().parameters, GlobalResourcesRegion: 'us-east-1' },
  })
  const spec = {
    ...recorderSpec(),
    parameters: { ...recorderSpec().parameters, GlobalResourcesRegion: 'ap-south-1' },
  }
  const [change] = diffStackSet(desired, spec, BODY, observed, stackSetTargets(desired))
  assert.is(change?.destructive, true)
  assert.match(change?.weakens?.[0] ?? '', 'recorded nowhere')
})

test('stack: the current body (looked up by observe) gives the template diff; without it the reason says so', () => {
  const after = RECORDER.replace('IncludeGlobalResourceTypes: true', 'IncludeGlobalResourceTypes: false')
  const [withBody] = diffStack(
    'stacksets',
    stackSpec(),
    after,
    stack({ templateHash: templateHash(RECORDER), templateBody: RECORDER }),
  )
  assert.is(withBody?.destructive, true)
  assert.equal(withBody?.templateDiff?.resources[0]?.changes, [
    { path: '/RecordingGroup/IncludeGlobalResourceTypes', before: true, after: false },
  ])
  const [without] = diffStack('stacksets', stackSpec(), after, stack({ templateHash: 'old' }))
  assert.is(without?.templateDiff, undefined)
  assert.match(without?.reason ?? '', 'the current template could not be read')
})

test('the organization fixture has no account directly under an expanded target', () => {
  assert.equal(
    stackSetTargets(desired).notes.filter((n) => n.level === 'warning'),
    [],
  )
  assert.ok(ORG.accounts.some((a) => a.parentId === ORG.rootId))
})

test.run()
