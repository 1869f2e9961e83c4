// Runs every uvu suite under test/ in one process (uvu's own CLI cannot load TypeScript without a
// loader flag) and ends with the plain `N passed, N failed` line that CI reads.
import { readdirSync, statSync } from 'node:fs'
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

const files = suites(root).filter((f) => !filter || relative(root, f).includes(filter))
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
