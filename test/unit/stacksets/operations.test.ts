// Waiting for StackSet operations, with a scripted CloudFormation client and a simulated clock: the poll
// schedule backs off to its cap, a running operation is queued behind, the deadline reports the operation as
// still running, and failures are reported per account and region — opt-in regions not enabled are not failures.
import { AccountClient } from '@aws-sdk/client-account'
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Clock } from '../../../src/aws/poll.ts'
import type { Context } from '../../../src/engine/module.ts'
import { createLogger } from '../../../src/log.ts'
import type { StackSetAdmin } from '../../../src/modules/stacksets/admin.ts'
import {
  OperationStillRunning,
  runOperation,
  StackSetOperationFailed,
} from '../../../src/modules/stacksets/operations.ts'

const test = suite('stacksets operations')

interface Script {
  /** Statuses DescribeStackSetOperation answers, per operation id, in order (the last one repeats). */
  statuses: Record<string, string[]>
  failed?: { Account: string; Region: string; StatusReason: string }[]
  running?: string
}

function fake(script: Script) {
  const calls: string[] = []
  const seen: Record<string, number> = {}
  // A real client (the SDK's paginators insist on one) whose send is scripted: nothing reaches the network.
  const client = new CloudFormationClient({ region: 'us-east-1' })
  Object.assign(client, {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '')
      calls.push(name)
      if (name === 'DescribeStackSetOperation') {
        const id = String(command.input.OperationId)
        const list = script.statuses[id] ?? ['SUCCEEDED']
        const i = Math.min(seen[id] ?? 0, list.length - 1)
        seen[id] = (seen[id] ?? 0) + 1
        return {
          StackSetOperation: {
            Status: list[i],
            StatusDetails: { FailedStackInstancesCount: script.failed?.length ?? 0 },
          },
        }
      }
      if (name === 'ListStackSetOperations')
        return { Summaries: script.running ? [{ OperationId: script.running, Status: 'RUNNING' }] : [] }
      if (name === 'ListStackSetOperationResults') return { Summaries: script.failed ?? [] }
      throw new Error(`unexpected ${name}`)
    },
  })
  const admin = {
    region: 'us-east-1',
    reader: client,
    writer: client,
    callAs: {},
  } as unknown as StackSetAdmin
  return { admin, calls }
}

function simulatedClock() {
  const waits: number[] = []
  let now = 0
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms)
      now += ms
    },
  }
  return { clock, waits }
}

/** Account API: account 444455556666 has not enabled ap-southeast-4; every other account has every region. */
function accountApi() {
  const client = new AccountClient({ region: 'us-east-1' })
  const asked: string[] = []
  Object.assign(client, {
    send: async (command: { input: { AccountId?: string } }) => {
      asked.push(command.input.AccountId ?? 'self')
      const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-4'].filter(
        (r) => command.input.AccountId !== '444455556666' || r !== 'ap-southeast-4',
      )
      return { Regions: regions.map((RegionName) => ({ RegionName, RegionOptStatus: 'ENABLED' })) }
    },
  })
  return { client, asked }
}

const account = accountApi()
const ctx = {
  log: createLogger('silent'),
  aws: { account: () => account.client },
} as unknown as Context

test('polls at 1 s doubling to a 15 s cap until the operation ends', async () => {
  const { admin } = fake({
    statuses: { op: ['RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'SUCCEEDED'] },
  })
  const { clock, waits } = simulatedClock()
  const outcome = await runOperation(ctx, admin, async () => 'op', { stackSet: 's', clock })
  assert.is(outcome.status, 'SUCCEEDED')
  assert.equal(waits, [250, 500, 1000, 2000, 4000, 8000, 15000])
})

test('an operation already running is waited for, then the write is made', async () => {
  const { admin } = fake({
    statuses: { theirs: ['RUNNING', 'SUCCEEDED'], ours: ['SUCCEEDED'] },
    running: 'theirs',
  })
  const { clock } = simulatedClock()
  let attempts = 0
  const outcome = await runOperation(
    ctx,
    admin,
    async () => {
      attempts++
      if (attempts === 1)
        throw Object.assign(new Error('Another Operation is in progress'), {
          name: 'OperationInProgressException',
        })
      return 'ours'
    },
    { stackSet: 's', clock },
  )
  assert.is(attempts, 2)
  assert.is(outcome.operationId, 'ours')
})

test('at the deadline the operation is reported as still running, not failed', async () => {
  const { admin } = fake({ statuses: { op: ['RUNNING'] } })
  const { clock } = simulatedClock()
  try {
    await runOperation(ctx, admin, async () => 'op', { stackSet: 's', clock, deadline: 10_000 })
    assert.unreachable('should stop at the deadline')
  } catch (error) {
    assert.instance(error, OperationStillRunning)
    assert.match((error as Error).message, 'run apply again')
  }
})

test('failed instances are reported per account and region with the reason; a region not enabled is not a failure', async () => {
  const failed = [
    { Account: '111122223333', Region: 'eu-west-1', StatusReason: 'ResourceLogicalId:Recorder, boom' },
    {
      Account: '444455556666',
      Region: 'ap-southeast-4',
      // The reason's wording is not what tells: AWS documents none; the Account API does.
      StatusReason: 'Internal Failure',
    },
  ]
  const { clock } = simulatedClock()
  try {
    await runOperation(ctx, fake({ statuses: { op: ['SUCCEEDED'] }, failed }).admin, async () => 'op', {
      stackSet: 's',
      clock,
    })
    assert.unreachable('a real failure fails the change')
  } catch (error) {
    assert.instance(error, StackSetOperationFailed)
    assert.equal(
      (error as StackSetOperationFailed).failures.map((f) => f.account),
      ['111122223333'],
    )
    assert.match((error as Error).message, '111122223333 eu-west-1: ResourceLogicalId:Recorder, boom')
  }
  const optInOnly = fake({ statuses: { op: ['SUCCEEDED'] }, failed: failed.slice(1) })
  const outcome = await runOperation(ctx, optInOnly.admin, async () => 'op', { stackSet: 's', clock })
  assert.equal(outcome.regionNotEnabled, [{ account: '444455556666', region: 'ap-southeast-4' }])
  // Only accounts that failed in an opt-in region are asked (eu-west-1 is a default region).
  assert.not.ok(account.asked.includes('111122223333'))
})

test.run()
