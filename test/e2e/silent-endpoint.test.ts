// An endpoint that accepts connections and never answers (issue 13): every call has a response timeout
// and a bounded retry, so `plan` fails with a message naming the call and the endpoint instead of hanging.
import { createServer, type Socket } from 'node:net'
import { PassThrough } from 'node:stream'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { main } from '../../src/cli.ts'
import { EXAMPLE } from './harness.ts'

test('plan against an endpoint that never answers fails with the service, operation and endpoint', async () => {
  const sockets = new Set<Socket>()
  // Accepts, reads, answers nothing.
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('data', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const endpoint = `http://127.0.0.1:${port}`
  try {
    let stderr = ''
    const err = new PassThrough().on('data', (chunk) => {
      stderr += String(chunk)
    })
    const code = await main(
      [
        'plan',
        '-c',
        EXAMPLE,
        '--endpoint-url',
        endpoint,
        '--call-timeout',
        '1s',
        '--max-attempts',
        '2',
        '--log-level',
        'silent',
      ],
      {
        stdout: new PassThrough(),
        stderr: err,
        stdin: new PassThrough(),
        // Static keys: the call must reach the endpoint, whatever credentials this machine has.
        credentials: async () => ({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' }),
      },
    )
    assert.is(code, 1, stderr)
    // The first call (made alone) is named with its endpoint, after the attempts asked for.
    assert.match(
      stderr,
      `cannot reach the sts endpoint ${endpoint} (timed out, 2 attempts) calling sts:GetCallerIdentity`,
    )
    assert.match(stderr, 'response timeout 1s')
  } finally {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  }
})

test.run()
