// ClientRequestToken on stack writes, and answers lost after the write (the `dropResponses` control).
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management } from './helpers.ts'

let sandbox: Sandbox
let cfn: CloudFormationClient

test.before(async () => {
  sandbox = await startSandbox({ speed: 1 })
  cfn = new CloudFormationClient(management(sandbox))
})
test.after(() => sandbox.close())

const TEMPLATE = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n'
const create = (StackName: string, ClientRequestToken?: string) =>
  cfn.send(
    new CreateStackCommand({
      StackName,
      TemplateBody: TEMPLATE,
      ...(ClientRequestToken ? { ClientRequestToken } : {}),
    }),
  )

test('CreateStack repeated with its token answers the first stack and creates no other (API reference: retry with the token)', async () => {
  const first = await create('tokened', 'tok-1')
  const again = await create('tokened', 'tok-1')
  assert.is(again.StackId, first.StackId)
  const stacks = (await cfn.send(new DescribeStacksCommand({}))).Stacks ?? []
  assert.is(stacks.filter((s) => s.StackName === 'tokened').length, 1)
})

test('CreateStack of an existing stack with another token, or none, is AlreadyExistsException (API reference)', async () => {
  assert.is((await failure(create('tokened', 'tok-2'))).name, 'AlreadyExistsException')
  assert.is((await failure(create('tokened'))).name, 'AlreadyExistsException')
})

test('a token reused for another stack is TokenAlreadyExistsException (model error; message crafted)', async () => {
  assert.is((await failure(create('other', 'tok-1'))).name, 'TokenAlreadyExistsException')
})

test('a CreateStack token whose stack was deleted is free again (crafted)', async () => {
  sandbox.world.clock.advance(60_000)
  await cfn.send(new DeleteStackCommand({ StackName: 'tokened' }))
  sandbox.world.clock.advance(60_000)
  const made = await create('tokened', 'tok-1')
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'tokened' }))).Stacks?.[0]
  assert.is(stack?.StackId, made.StackId)
  assert.is(stack?.StackStatus, 'CREATE_IN_PROGRESS')
})

test('dropResponses: the write is done, its answer is lost, and the call log says so', async () => {
  sandbox.control('sandbox', 'dropResponses', { operation: 'CreateStack', count: 1 })
  sandbox.calls.clear()
  const lost = await failure(create('dropped', 'tok-3'))
  assert.match(lost.message, /socket hang up|ECONNRESET/)
  assert.equal(
    sandbox.calls.entries.map((c) => [c.operation, c.status, c.errorCode]),
    [['CreateStack', 0, 'ResponseDropped']],
  )
  // Resent with the same token (what the SDK's retry does): the stack the lost answer made.
  const resent = await create('dropped', 'tok-3')
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'dropped' }))).Stacks?.[0]
  assert.is(resent.StackId, stack?.StackId)
})

test.run()
