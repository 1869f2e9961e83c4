// The sandbox thread's body (thread.ts): starts the organization, says where it listens, and closes it when
// told; the thread then ends on its own, its server closed.
import { parentPort, workerData } from 'node:worker_threads'
import { startSandbox } from './index.ts'
import type { ThreadMessage, ThreadOptions } from './thread.ts'

const port = parentPort
if (!port) throw new Error('thread-main.ts runs only as the sandbox thread')
const say = (message: ThreadMessage) => port.postMessage(message)

try {
  const sandbox = await startSandbox(workerData as ThreadOptions)
  port.once('message', async () => {
    await sandbox.close()
    port.close()
  })
  say({ ready: { endpoint: sandbox.endpoint, credentials: sandbox.credentials } })
} catch (error) {
  const { name, message } = error instanceof Error ? error : new Error(String(error))
  say({ failed: { name, message } })
  port.close()
}
