// The thread a `--sandbox` run keeps the sandbox on (in-worker.ts): loads it at once, starts it when asked,
// closes it and ends when asked.
import { parentPort } from 'node:worker_threads'
import type { FromThread, ToThread } from './in-worker.ts'
import { type Sandbox, startSandbox } from './index.ts'

const port = parentPort
if (!port) throw new Error('src/sandbox/worker.ts runs as a worker thread (in-worker.ts starts it)')

let sandbox: Sandbox | undefined
const reply = (message: FromThread) => port.postMessage(message)

port.on('message', async (message: ToThread) => {
  if (message.type === 'start') {
    try {
      sandbox = await startSandbox(message.options)
      reply({ type: 'started', endpoint: sandbox.endpoint, credentials: sandbox.credentials })
    } catch (error) {
      const e = error as Error & { code?: string }
      reply({
        type: 'failed',
        error: { name: e.name, message: e.message, ...(e.code ? { code: e.code } : {}) },
      })
    }
    return
  }
  await sandbox?.close()
  // Ends this thread only: the run's close() waits for it.
  process.exit(0)
})
