// Injected faults: parsed from a spec, deterministic per seed, decided before the handler runs.
import { AttachPolicyCommand, ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { FaultSpecError, Faults, parseFaultSpec } from '../../src/sandbox/faults.ts'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management } from './helpers.ts'

let sandbox: Sandbox

test.before(async () => {
  sandbox = await startSandbox()
})
test.after(() => sandbox.close())

test('the fault spec parses kinds, probabilities and @targets, and rejects anything else', () => {
  assert.equal(
    parseFaultSpec('throttle=0.2, 5xx=0.05,conflict=1@AttachPolicy,in-progress=0.1@cloudformation'),
    [
      { kind: 'throttle', probability: 0.2 },
      { kind: '5xx', probability: 0.05 },
      { kind: 'conflict', probability: 1, target: 'AttachPolicy' },
      { kind: 'in-progress', probability: 0.1, target: 'cloudformation' },
    ],
  )
  assert.throws(
    () => parseFaultSpec('boom=0.5'),
    (e: unknown) => e instanceof FaultSpecError,
  )
  assert.throws(
    () => parseFaultSpec('throttle=2'),
    (e: unknown) => e instanceof FaultSpecError,
  )
})

test('the same seed gives the same faults in the same order (deterministic runs)', () => {
  const run = () => {
    const faults = new Faults('throttle=0.5', 7)
    return Array.from(
      { length: 20 },
      () => faults.pick('organizations', 'awsJson1_1', 'ListRoots')?.code ?? 'ok',
    )
  }
  const first = run()
  assert.equal(run(), first)
  assert.ok(first.includes('ok') && first.includes('TooManyRequestsException'))
})

test('conflict applies to writes only; in-progress to CloudFormation stack-set writes only', () => {
  const faults = new Faults('conflict=1,in-progress=1')
  assert.is(faults.pick('organizations', 'awsJson1_1', 'ListAccounts'), undefined)
  assert.is(
    faults.pick('organizations', 'awsJson1_1', 'AttachPolicy')?.code,
    'ConcurrentModificationException',
  )
  const cfn = new Faults('in-progress=1')
  assert.is(cfn.pick('cloudformation', 'awsQuery', 'UpdateStackSet')?.code, 'OperationInProgressException')
  assert.is(cfn.pick('cloudformation', 'awsQuery', 'CreateStack'), undefined)
})

test('a faulted write changes nothing: ConcurrentModificationException 409 and the policy stays detached', async () => {
  const org = new OrganizationsClient(management(sandbox))
  sandbox.control('sandbox', 'faults', { spec: 'conflict=1@AttachPolicy' })
  const legacy = [...sandbox.world.policies.values()].find((p) => p.name === 'legacy-deny-regions')
  const error = await failure(
    org.send(new AttachPolicyCommand({ PolicyId: legacy?.id ?? '', TargetId: '222222222222' })),
  )
  assert.is(error.name, 'ConcurrentModificationException')
  assert.is(error.status, 409)
  assert.is(legacy?.targets.has('222222222222'), false)
  const roots = await org.send(new ListRootsCommand({}))
  assert.is(roots.Roots?.length, 1, 'reads are untouched by a write-only fault')
  sandbox.control('sandbox', 'faults', { spec: '' })
})

test('5xx faults answer 500 with the service’s error and the SDK retries them', async () => {
  sandbox.control('sandbox', 'faults', { spec: '5xx=1@ListRoots' })
  const org = new OrganizationsClient({ ...management(sandbox), maxAttempts: 2 })
  const error = await failure(org.send(new ListRootsCommand({})))
  assert.is(error.name, 'ServiceException')
  assert.is(error.status, 500)
  assert.is((error.error.$metadata as { attempts?: number }).attempts, 2)
  sandbox.control('sandbox', 'faults', { spec: '' })
})

test('startSandbox({ faults }) applies the spec from the first call', async () => {
  const faulty = await startSandbox({ faults: 'throttle=1@organizations' })
  try {
    const error = await failure(new OrganizationsClient(management(faulty)).send(new ListRootsCommand({})))
    assert.is(error.name, 'TooManyRequestsException')
  } finally {
    await faulty.close()
  }
})

test.run()
