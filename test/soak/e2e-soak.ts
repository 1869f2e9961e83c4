// `npm run soak -- --e2e`: the whole test/e2e suite under `eventual` and under `eventual` + faults, one
// child `test/run.ts e2e/` per seed and mode (ORG_BASELINE_TEST_SANDBOX, test/e2e/test-sandbox.ts). Prints
// each run's failures and a summary; the exit code is 1 when any test failed.
import { spawn } from 'node:child_process'
import { stripVTControlCharacters } from 'node:util'
import { TEST_SANDBOX_ENV } from '../e2e/test-sandbox.ts'

interface E2eRun {
  mode: string
  passed: number
  failed: number
  seconds: number
}

function runE2e(mode: string): Promise<E2eRun & { output: string }> {
  const started = Date.now()
  const runner = new URL('../run.ts', import.meta.url).pathname
  const child = spawn(process.execPath, [...process.execArgv, runner, 'e2e/'], {
    env: { ...process.env, [TEST_SANDBOX_ENV]: mode },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  return new Promise((resolve) => {
    child.once('close', (code) => {
      const plain = stripVTControlCharacters(output)
      const line = /^(\d+) passed, (\d+) failed/m.exec(plain)
      const failed = Number(line?.[2] ?? 0)
      resolve({
        mode,
        passed: Number(line?.[1] ?? 0),
        failed: code === 0 ? failed : Math.max(1, failed),
        seconds: (Date.now() - started) / 1000,
        output: plain,
      })
    })
  })
}

/** uvu's failure blocks (✘ name, the assertion and the first stack lines), trimmed for the report. */
const failures = (output: string) =>
  output
    .split('\n')
    .filter((l) => /FAIL|✘|Assertion|Error|expected|actual|at .*test\//.test(l))
    .slice(0, 60)
    .join('\n')

export async function soakE2e(seeds: number): Promise<number> {
  const runs: E2eRun[] = []
  for (const label of ['eventual', 'eventual+faults']) {
    for (let seed = 1; seed <= seeds; seed++) {
      const run = await runE2e(`${label}:${seed}`)
      runs.push(run)
      process.stdout.write(
        `e2e ${run.mode}: ${run.passed} passed, ${run.failed} failed, ${run.seconds.toFixed(0)} s\n`,
      )
      if (run.failed > 0) process.stdout.write(`${failures(run.output)}\n\n`)
    }
  }
  const clean = runs.filter((r) => r.failed === 0).length
  process.stdout.write(`e2e soak: ${clean}/${runs.length} runs without a failure\n`)
  return clean === runs.length ? 0 : 1
}
