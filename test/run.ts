// Runs every uvu suite under test/ (uvu's own CLI cannot load TypeScript without a loader flag) and ends with
// the plain `N passed, N failed` line that CI reads. The files go to one worker process per core, plus one,
// through a queue, longest first (durations of the last run on this machine, else end-to-end suites first), so the
// workers finish together; most suites wait on the sandbox's simulated clock or child processes (a whole run
// kept about one of two cores busy with one worker per core, hence the extra one). A path
// filter (`npx tsx test/run.ts e2e/`, or several: `… e2e/onboard unit/aws/`) runs only the matching files; a
// single file runs in this process.
import { type ChildProcess, fork } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { stripVTControlCharacters } from 'node:util'

// The SDK's notice that its 2027 releases need Node 22 would repeat in every suite's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const root = new URL('.', import.meta.url).pathname
const DURATIONS = join(root, '..', 'node_modules', '.cache', 'org-baseline', 'test-durations.json')
const filters = process.argv.slice(2)

interface FileResult {
  file: string
  output: string
  passed: number
  failed: number
  ms: number
}

function suites(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      if (name === 'fixtures') return []
      if (statSync(path).isDirectory()) return suites(path)
      return name.endsWith('.test.ts') ? [relative(root, path)] : []
    })
}

// uvu reads these globals: defer running until a file's tests are queued, and group tests per file.
const globals = globalThis as { UVU_DEFER?: number; UVU_QUEUE?: unknown[][]; UVU_INDEX?: number }
globals.UVU_DEFER = 1
globals.UVU_QUEUE = []

const files = suites(root).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
const workers = Number(
  process.env.ORG_BASELINE_TEST_WORKERS ?? Math.min(availableParallelism() + 1, files.length),
)
if (process.send) await serveQueue()
else if (workers <= 1) {
  const results = []
  for (const file of files) results.push(await runFile(file))
  finish(results)
} else finish(await runQueue(files, workers))

/** Runs one file's suites in this process; its output is printed and returned. */
async function runFile(file: string): Promise<FileResult> {
  const started = performance.now()
  globals.UVU_QUEUE = [[file]]
  globals.UVU_INDEX = 0
  let output = ''
  const write = process.stdout.write.bind(process.stdout)
  // uvu prints totals but not a failure count; capture its summary to derive one.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    output += String(chunk)
    return process.send ? true : write(chunk, ...rest)
  }) as typeof process.stdout.write
  try {
    await import(pathToFileURL(join(root, file)).href)
    const { exec } = await import('uvu')
    await exec()
  } catch (error) {
    output += `\n${file}: ${error instanceof Error ? error.stack : String(error)}\n`
    process.exitCode = 1
  } finally {
    process.stdout.write = write
  }
  const plain = stripVTControlCharacters(output)
  const count = (label: string) => Number(plain.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? 0)
  const total = count('Total')
  const passed = count('Passed')
  // A file that ran no test, or threw while loading, counts as one failure so the run cannot pass.
  const failed = total === 0 ? 1 : total - passed - count('Skipped')
  return { file, output, passed, failed, ms: performance.now() - started }
}

/** Worker side: run each file the parent sends, answer with its result, until told to stop. */
async function serveQueue(): Promise<void> {
  process.on('message', async (file: string) => {
    if (!file) process.exit(0) // the queue is empty
    process.send?.(await runFile(file))
  })
  // A parent that is gone (killed, timed out) leaves nobody to report to.
  process.on('disconnect', () => process.exit(1))
  process.send?.('ready')
  await new Promise(() => {})
}

/** Parent side: hand files to the workers, longest first, and print each file's output as it ends. */
async function runQueue(files: string[], workers: number): Promise<FileResult[]> {
  const known = readDurations()
  const queue = [...files].sort((a, b) => estimate(b, known) - estimate(a, known))
  const results: FileResult[] = []
  await Promise.all(
    Array.from({ length: workers }, () => {
      return new Promise<void>((resolve) => {
        let current: string | undefined
        const worker: ChildProcess = fork(new URL(import.meta.url).pathname, [], {
          execArgv: process.execArgv,
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        })
        const next = () => {
          current = queue.shift()
          worker.send(current ?? '')
        }
        worker.on('message', (message: 'ready' | FileResult) => {
          if (message !== 'ready') {
            results.push(message)
            process.stdout.write(message.output)
          }
          next()
        })
        worker.once('exit', (code) => {
          // A worker that died mid-file fails that file; the rest of the queue goes to the other workers.
          if (current) results.push({ file: current, output: '', passed: 0, failed: 1, ms: 0 })
          if (code !== 0)
            console.error(`test worker exited with ${code} while running ${current ?? 'nothing'}`)
          resolve()
        })
      })
    }),
  )
  writeDurations(known, results)
  return results
}

function finish(results: FileResult[]): void {
  const passed = results.reduce((sum, r) => sum + r.passed, 0)
  const failed = results.reduce((sum, r) => sum + r.failed, 0)
  if (failed > 0 || results.length === 0) process.exitCode = 1
  console.log(`${passed} passed, ${failed} failed`)
}

/** Without a record, end-to-end suites (the long ones) go first. */
function estimate(file: string, known: Record<string, number>): number {
  return known[file] ?? (file.startsWith('e2e') ? 60_000 : 1_000)
}

function readDurations(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(DURATIONS, 'utf8'))
  } catch {
    return {}
  }
}

function writeDurations(known: Record<string, number>, results: FileResult[]): void {
  try {
    mkdirSync(dirname(DURATIONS), { recursive: true })
    const measured = Object.fromEntries(results.map((r) => [r.file, Math.round(r.ms)]))
    writeFileSync(DURATIONS, JSON.stringify({ ...known, ...measured }))
  } catch {
    // Only the order of the next run depends on it.
  }
}
