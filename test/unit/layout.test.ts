// The sandbox is reached only through endpoint override: no product code imports it, except the CLI
// wiring that starts it — on a thread of its own for --sandbox (sandbox/in-worker.ts, which loads nothing of
// the sandbox in the caller's thread), in-process and lazily for `sandbox serve`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'

const ALLOWED: Record<string, string> = {
  'src/cli.ts': "from './sandbox/in-worker.ts'",
  'src/commands/session.ts': "from '../sandbox/in-worker.ts'",
  'src/commands/sandbox-serve.ts': "import('../sandbox/index.ts')",
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

test('nothing outside src/sandbox imports it, except the CLI wiring', () => {
  const offenders = files('src')
    .filter((f) => !f.startsWith('src/sandbox/') && !Object.hasOwn(ALLOWED, f))
    .filter((f) => /from '[./]*\/sandbox\/|import\('[./]*\/sandbox\//.test(readFileSync(f, 'utf8')))
  assert.equal(offenders, [])
  for (const [f, only] of Object.entries(ALLOWED)) {
    const imports = readFileSync(f, 'utf8').match(
      /from '[./]*\/sandbox\/[^']*'|import\('[./]*\/sandbox\/[^']*'\)/g,
    )
    assert.equal(imports, [only], f)
  }
})

test('the thread that runs the sandbox for --sandbox loads none of it where it is started', () => {
  const source = readFileSync('src/sandbox/in-worker.ts', 'utf8')
  const values = source.match(/^import (?!type ).* from '\.\/.*'$/gm)
  assert.equal(values, null, 'in-worker.ts imports only types from the sandbox')
})

test.run()
