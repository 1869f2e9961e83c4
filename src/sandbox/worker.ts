// The thread a `--sandbox` run keeps the sandbox on (in-worker.ts): loads it at once, starts it when asked,
// closes it and ends when asked. Most runs use the default seed: the thread starts a sandbox on it as soon as
// it has loaded, while the main thread is still reading its config, and hands that one over when the run asks
// for the default seed (a run that asks for another seed or a generated organization gets its own).
import module from 'node:module'
import { parentPort } from 'node:worker_threads'
import type { FromThread, ToThread } from './in-worker.ts'
import type { Sandbox } from './index.ts'

// Node 22.1+ keeps V8's compiled code between runs, per thread: on, as bin/org-baseline.js turns it on for
// the main thread, before the sandbox loads.
;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()
const { DEFAULT_SEED_FILE, startSandbox } = await import('./index.ts')
const early: Promise<Sandbox | undefined> = startSandbox({ seed: DEFAULT_SEED_FILE }).catch(() => undefined)

const port = parentPort
if (!port) throw new Error('src/sandbox/worker.ts runs as a worker thread (in-worker.ts starts it)')

let sandbox: Sandbox | undefined
const reply = (message: FromThread) => port.postMessage(message)

port.on('message', async (message: ToThread) => {
  if (message.type === 'start') {
    try {
      const { seed, accounts } = message.options
      const onDefault = accounts === undefined && seed === DEFAULT_SEED_FILE
      // An early start that failed is tried again here, where its error reaches the run.
      sandbox = (onDefault ? await early : undefined) ?? (await startSandbox(message.options))
      if (!onDefault) void early.then((unused) => unused?.close())
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
