// The `--sandbox` organization on a thread of its own. During a run both sides are busy — the tool judging SCPs
// and reading answers, the sandbox simulating every service — and on one thread each waits for the other; on
// its own thread the sandbox loads, boots and answers while the tool works, which on two cores takes about a
// fifth off `npm start` (docs/architecture.md). The clients reach it over loopback exactly as any endpoint.
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { packagePath } from '../config/package-paths.ts'
import type { SandboxCredentials, SandboxOptions } from './index.ts'

export interface SandboxThread {
  endpoint: string
  credentials: SandboxCredentials
  close(): Promise<void>
}

/** Options a thread can be handed: a seed by path, never an object with functions. */
export type ThreadOptions = Pick<SandboxOptions, 'accounts' | 'port'> & { seed?: string }

export type ThreadMessage =
  | { ready: { endpoint: string; credentials: SandboxCredentials } }
  | { failed: { name: string; message: string } }

/**
 * The thread's body: the bundle's own file in a build; under tsx the TypeScript source, loaded by a first
 * module that registers tsx on the thread (loader flags are not passed on to worker threads reliably).
 */
function threadBody(): URL | string {
  if (!import.meta.url.endsWith('.ts')) return pathToFileURL(packagePath('dist/sandbox-thread.js'))
  const source = new URL('./thread-main.ts', import.meta.url).href
  const tsx = import.meta.resolve('tsx/esm/api')
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}) })`
}

export function startSandboxThread(options: ThreadOptions): Promise<SandboxThread> {
  const body = threadBody()
  const worker = new Worker(body, { workerData: options, eval: typeof body === 'string' })
  return new Promise((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', (message: ThreadMessage) => {
      if ('failed' in message) {
        const error = new Error(message.failed.message)
        error.name = message.failed.name
        reject(error)
        return
      }
      // From now on the tool's own work keeps the process alive: a command that ends without closing the
      // session (an error on the way) must not hang on the sandbox, as a server in the process would not.
      worker.unref()
      resolve({
        ...message.ready,
        close: async () => {
          // Held again until it has ended: the process must not leave before close() returns.
          worker.ref()
          worker.postMessage('close')
          await new Promise((done) => worker.once('exit', done))
        },
      })
    })
  })
}
