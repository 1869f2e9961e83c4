#!/usr/bin/env node
// Runs the built CLI, dist/cli.js (bundled by `npm run build`, which `prepare` runs on `npm ci` and `npm pack`).
// A source checkout (src/ beside dist/) whose dist/ is missing or older than its sources — a fresh edit, a
// pull, another branch — would run stale code: there the sources run through tsx (a devDependency; ~2 s a
// start) and a terminal is told to build. The published package has no src/ and never needs tsx.
import { existsSync, readdirSync, statSync } from 'node:fs'
import module from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = new URL('../', import.meta.url)
const built = new URL('dist/cli.js', root)
const sources = fileURLToPath(new URL('src/', root))

/** The latest change under a directory: files, and directories (adding or removing a file changes those). */
function newestChange(dir) {
  let newest = statSync(dir).mtimeMs
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs)
  }
  return newest
}

const current =
  existsSync(built) && (!existsSync(sources) || statSync(built).mtimeMs >= newestChange(sources))

if (current) {
  // Node 22.1+ keeps V8's compiled code between runs (Node 20 has no such cache: it compiles every start).
  module.enableCompileCache?.()
  const { run } = await import(built.href)
  await run()
} else {
  const why = existsSync(built) ? 'dist/ is older than src/' : 'dist/ is missing'
  let tsx
  try {
    tsx = await import('tsx/esm/api')
  } catch {
    process.stderr.write(`org-baseline: ${why} — run \`npm run build\` (npm ci runs it)\n`)
    process.exit(1)
  }
  if (process.stderr.isTTY) {
    process.stderr.write(`org-baseline: ${why}: running the sources through tsx (slow) — \`npm run build\`\n`)
  }
  tsx.register()
  const { run } = await import(new URL('src/cli.ts', root).href)
  await run()
}
