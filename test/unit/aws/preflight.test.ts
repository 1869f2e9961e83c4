// The run's first call (sts:GetCallerIdentity, clients.ts `preflight`) retries briefly when the endpoint does
// not answer, so a wrong endpoint fails fast; an answer that says "later" — a 5xx, throttling — gets the full
// retry budget like any other call. Found by the e2e soak: three 5xx in a row ended a rerun.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { AwsClients } from '../../../src/aws/clients.ts'
import { startSandbox } from '../../../src/sandbox/index.ts'

test('three 5xx answers to the first call are retried past the short budget', async () => {
  const sandbox = await startSandbox()
  try {
    sandbox.control('sandbox', 'faults', { spec: '5xx=1@GetCallerIdentity' })
    const record = sandbox.calls.record.bind(sandbox.calls)
    sandbox.calls.record = (entry) => {
      record(entry)
      if (sandbox.calls.count({ operation: 'GetCallerIdentity' }) === 4)
        sandbox.control('sandbox', 'faults', { spec: '' })
    }
    const aws = new AwsClients({
      region: 'us-east-1',
      memberRoleName: 'OrganizationAccountAccessRole',
      endpointUrl: sandbox.endpoint,
      credentials: async () => sandbox.credentials,
      maxAttempts: 6,
    })
    assert.is(await aws.preflight(), '111111111111')
    const calls = sandbox.calls.filter({ operation: 'GetCallerIdentity' })
    assert.equal(
      calls.map((c) => c.status),
      [503, 503, 503, 503, 200],
      'three failed attempts of the short budget, then the full one',
    )
  } finally {
    await sandbox.close()
  }
})

test.run()
