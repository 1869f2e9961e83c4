// The --sandbox organization on a thread of its own (src/sandbox/thread.ts): it answers the SDK over loopback
// as the in-process sandbox does, a seed it cannot read is reported with the thread's own error, and close()
// ends the thread and its server.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { startSandboxThread } from '../../src/sandbox/thread.ts'

const test = suite('sandbox thread')

test('answers as the tool role of the default seed, and stops answering once closed', async () => {
  const sandbox = await startSandboxThread({ seed: 'config/sandbox.yaml' })
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: sandbox.endpoint,
    credentials: sandbox.credentials,
    maxAttempts: 1,
  })
  const me = await sts.send(new GetCallerIdentityCommand({}))
  assert.is(me.Arn, 'arn:aws:sts::111111111111:assumed-role/org-baseline/sandbox')
  await sandbox.close()
  const after = await sts.send(new GetCallerIdentityCommand({})).catch((e: Error) => e)
  assert.instance(after, Error)
  assert.match(String((after as NodeJS.ErrnoException).code ?? after), /ECONNREFUSED/)
})

test('a seed it cannot read fails the start with the reason, naming the file', async () => {
  const error = await startSandboxThread({ seed: '/nonexistent/seed.yaml' }).catch((e: Error) => e)
  assert.instance(error, Error)
  assert.match((error as Error).message, /ENOENT.*\/nonexistent\/seed\.yaml/)
})

test('a generated organization of the size asked for', async () => {
  const sandbox = await startSandboxThread({ accounts: 25 })
  try {
    assert.match(sandbox.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/)
  } finally {
    await sandbox.close()
  }
})

test.run()
