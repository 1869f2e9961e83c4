// The sandbox is reached only through endpoint override: no product code imports it, except the CLI
// wiring that starts it (--sandbox, sandbox serve).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'

const ALLOWED = new Set(['src/commands/session.ts', 'src/commands/sandbox-serve.ts'])

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

test('nothing outside src/sandbox imports it, except the CLI wiring', () => {
  const offenders = files('src')
    .filter((f) => !f.startsWith('src/sandbox/') && !ALLOWED.has(f))
    .filter((f) => /from '[./]*\/sandbox\/|import\('[./]*\/sandbox\//.test(readFileSync(f, 'utf8')))
  assert.equal(offenders, [])
  for (const f of ALLOWED) assert.match(readFileSync(f, 'utf8'), "import('../sandbox/index.ts')", f)
})

test.run()
