// `--sandbox` runs the simulated organization on a thread of its own (worker.ts). The CLI starts the thread
// as soon as it sees the flag, so the sandbox's code loads and compiles while the main thread loads the
// command and reads the config; during the run the sandbox answers on the second core while the main thread
// plans. On two cores that took a sandbox plan of the default seed from ~1.55 s to ~1.35 s. The clients reach
// it through endpoint override as before; tests that need the sandbox's own API start it in-process
// (index.ts). This module loads nothing of the sandbox in the caller's thread.

import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { packagePath } from '../config/package-paths.ts'
import type { SandboxCredentials } from './index.ts'

/** The bundle (scripts/bundle.js) defines the worker's built file; under tsx the thread runs worker.ts. */
declare const SANDBOX_WORKER: string | undefined

/** What a run needs of the sandbox: where it answers, who the tool is there, and how to stop it. */
export interface SandboxThread {
  endpoint: string
  credentials: SandboxCredentials
  close(): Promise<void>
}

export interface ThreadStartOptions {
  seed?: string
  accounts?: number
}

export type ToThread = { type: 'start'; options: ThreadStartOptions } | { type: 'close' }
export type FromThread =
  | { type: 'started'; endpoint: string; credentials: SandboxCredentials }
  | { type: 'failed'; error: { name: string; message: string; code?: string } }

interface Thread {
  worker: Worker
  /** Set when the thread failed before anyone listened (it could not load, say). */
  failure?: Error
}

let preloaded: Thread | undefined

function spawn(): Thread {
  const worker =
    typeof SANDBOX_WORKER === 'undefined'
      ? // Under tsx: a worker does not inherit tsx's loader; the thread registers it, then loads worker.ts.
        new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => {
            register()
            return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)})
          })`,
          { eval: true },
        )
      : new Worker(pathToFileURL(packagePath(SANDBOX_WORKER)))
  const thread: Thread = { worker }
  worker.once('error', (error) => {
    thread.failure ??= error
  })
  // A run that fails before it asks for the sandbox (a bad flag, an invalid config) must still end.
  worker.unref()
  return thread
}

/** Starts the thread and its loading now; the next startSandboxThread uses it. */
export function preloadSandbox(): void {
  preloaded ??= spawn()
}

/** Stops a preloaded thread no run has asked for. */
export function discardPreloadedSandbox(): void {
  void preloaded?.worker.terminate()
  preloaded = undefined
}

/** The thread's error as the run reports it: the same message a sandbox in this thread would have thrown. */
function revive(error: { name: string; message: string; code?: string }): Error {
  return Object.assign(new Error(error.message), { name: error.name }, error.code ? { code: error.code } : {})
}

/** Starts the sandbox on its thread (the preloaded one if any); `onCrash` hears of a failure after start. */
export function startSandboxThread(
  options: ThreadStartOptions,
  onCrash: (error: Error) => void,
): Promise<SandboxThread> {
  const { worker, failure } = preloaded ?? spawn()
  preloaded = undefined
  return new Promise((resolve, reject) => {
    if (failure) {
      reject(failure)
      return
    }
    let started = false
    // Held while this run waits for it; once started, the run's own connections to it keep the process up.
    worker.ref()
    const exited = new Promise<void>((done) => worker.once('exit', () => done()))
    worker.on('error', (error) => (started ? onCrash(error) : reject(error)))
    worker.once('exit', (code) => {
      if (!started) reject(new Error(`the sandbox thread stopped before it started (exit code ${code})`))
    })
    worker.once('message', (message: FromThread) => {
      if (message.type === 'failed') {
        void worker.terminate()
        reject(revive(message.error))
        return
      }
      started = true
      worker.unref()
      resolve({
        endpoint: message.endpoint,
        credentials: message.credentials,
        close: async () => {
          worker.ref()
          worker.postMessage({ type: 'close' } satisfies ToThread)
          await exited
        },
      })
    })
    worker.postMessage({ type: 'start', options } satisfies ToThread)
  })
}
