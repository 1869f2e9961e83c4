#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm run build`, which `prepare` runs on `npm ci` and `npm pack`).
// A source checkout that has not been built yet falls back to transpiling src/ through tsx (slow: ~2 s a
// start), so a clone works before its first build.
import { existsSync } from 'node:fs'

const built = new URL('../dist/cli.js', import.meta.url)
if (existsSync(built)) {
  const { run } = await import(built.href)
  await run()
} else {
  const { register } = await import('tsx/esm/api')
  register()
  const { run } = await import(new URL('../src/cli.ts', import.meta.url).href)
  await run()
}
