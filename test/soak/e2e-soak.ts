// `npm run soak -- --e2e`: the whole test/e2e suite under `eventual` and under `eventual` + faults, one
// child `test/run.ts e2e/` per seed and mode (ORG_BASELINE_TEST_SANDBOX, test/e2e/test-sandbox.ts). Prints
// each failing test's whole report (failure-blocks.ts) and a summary; the exit code is 1 when any test
// failed. `--mode` and `--seed` choose modes and seeds as for the soak.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { TEST_SANDBOX_ENV } from '../e2e/test-sandbox.ts'
import { failureBlocks } from './failure-blocks.ts'

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

/**
 * A failed run's whole output, kept in the temp directory: what a worker printed before it died (an uncaught
 * error's stack) is outside uvu's failure blocks.
 */
function keepOutput(run: E2eRun & { output: string }): string {
  const dir = join(tmpdir(), 'org-baseline-e2e-soak')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${run.mode.replace(/[:+]/g, '-')}-${Date.now()}.log`)
  writeFileSync(file, run.output)
  return file
}

export interface E2eSoakOptions {
  seeds: number[]
  /** `eventual`, `faults` or `both` (soak.ts's `--mode`). */
  mode: string
}

export async function soakE2e({ seeds, mode }: E2eSoakOptions): Promise<number> {
  const labels = ['eventual', 'eventual+faults'].filter(
    (label) => mode === 'both' || (mode === 'faults') === (label === 'eventual+faults'),
  )
  const runs: E2eRun[] = []
  for (const label of labels) {
    for (const seed of seeds) {
      const run = await runE2e(`${label}:${seed}`)
      runs.push({ mode: run.mode, passed: run.passed, failed: run.failed, seconds: run.seconds })
      process.stdout.write(
        `e2e ${run.mode}: ${run.passed} passed, ${run.failed} failed, ${run.seconds.toFixed(0)} s\n`,
      )
      if (run.failed > 0) process.stdout.write(`whole output: ${keepOutput(run)}\n`)
      for (const block of failureBlocks(run.output)) process.stdout.write(`${block}\n\n`)
    }
  }
  const clean = runs.filter((r) => r.failed === 0).length
  process.stdout.write(`e2e soak: ${clean}/${runs.length} runs without a failure\n`)
  return clean === runs.length ? 0 : 1
}
