// Runs every uvu suite under test/ (uvu's own CLI cannot load TypeScript without a loader flag) and ends with
// the plain `N passed, N failed` line that CI reads. The whole suite is split by file across one process per
// core (most suites wait on the sandbox's simulated clock or child processes, so two shards nearly halve the
// wall time); a path filter runs in this process alone.
import { spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { stripVTControlCharacters } from 'node:util'

// The SDK's notice that its 2027 releases need Node 22 would repeat in every suite's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const root = new URL('.', import.meta.url).pathname
const filter = process.argv[2]

function suites(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      if (name === 'fixtures') return []
      if (statSync(path).isDirectory()) return suites(path)
      return name.endsWith('.test.ts') ? [path] : []
    })
}

// uvu reads these globals: defer running until every file is queued, and group tests per file.
const globals = globalThis as { UVU_DEFER?: number; UVU_QUEUE?: unknown[][]; UVU_INDEX?: number }
globals.UVU_DEFER = 1
globals.UVU_QUEUE = []

const SHARD = process.env.ORG_BASELINE_TEST_SHARD // "k/n": this process runs every n-th file from k
const shards = Number(process.env.ORG_BASELINE_TEST_SHARDS ?? Math.min(2, availableParallelism()))
if (!filter && !SHARD && shards > 1) {
  await runShards(shards)
  process.exit()
}

const [shard, of] = (SHARD ?? '0/1').split('/').map(Number) as [number, number]
const files = suites(root)
  .filter((f) => !filter || relative(root, f).includes(filter))
  .filter((_, i) => i % of === shard)
for (const [index, file] of files.entries()) {
  globals.UVU_INDEX = index
  globals.UVU_QUEUE.push([relative(root, file)])
  await import(pathToFileURL(file).href)
}

// uvu prints totals but not a failure count; capture its summary to derive one.
let output = ''
const write = process.stdout.write.bind(process.stdout)
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  output += String(chunk)
  return write(chunk, ...rest)
}) as typeof process.stdout.write

const { exec } = await import('uvu')
await exec()
process.stdout.write = write

const plain = stripVTControlCharacters(output)
const count = (label: string) => Number(plain.match(new RegExp(`${label}:\\s+(\\d+)`))?.[1] ?? 0)
const total = count('Total')
const passed = count('Passed')
const skipped = count('Skipped')
const failed = total - passed - skipped
if (files.length === 0 || total === 0) process.exitCode = 1
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)

/** Runs the shards side by side, prints each one's output as it ends, then the summed line. */
async function runShards(n: number): Promise<void> {
  const results = await Promise.all(
    Array.from({ length: n }, (_, k) => {
      const child = spawn(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname], {
        env: { ...process.env, ORG_BASELINE_TEST_SHARD: `${k}/${n}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let out = ''
      child.stdout.on('data', (chunk) => {
        out += chunk
      })
      child.stderr.on('data', (chunk) => {
        out += chunk
      })
      return new Promise<{ passed: number; failed: number }>((resolve) => {
        child.once('close', (code) => {
          process.stdout.write(`== shard ${k + 1} of ${n}\n${out}`)
          const line = /^(\d+) passed, (\d+) failed/m.exec(stripVTControlCharacters(out))
          // A shard that died before its summary counts as one failure, so the run cannot pass.
          resolve(
            line && code === 0
              ? { passed: Number(line[1]), failed: Number(line[2]) }
              : { passed: Number(line?.[1] ?? 0), failed: Math.max(1, Number(line?.[2] ?? 0)) },
          )
        })
      })
    }),
  )
  const passed = results.reduce((sum, r) => sum + r.passed, 0)
  const failed = results.reduce((sum, r) => sum + r.failed, 0)
  if (failed > 0) process.exitCode = 1
  console.log(`${passed} passed, ${failed} failed`)
}
