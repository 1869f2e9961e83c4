// The CLI as users get it (issue 14 item 7): after `npm ci` in a fresh clone, and after `npm install` of the
// packed tarball in an empty project, `npx org-baseline` and the bare name (node_modules/.bin on PATH) work,
// and a sandbox plan finds the shipped templates, SCPs and configs from dist/. Slow (a clone, two installs,
// a build), so it lives in `npm run bench`, not `npm test`. Installs prefer npm's cache (--prefer-offline).
// Run: npx tsx bench/install.ts
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const repo = resolve('.')
const work = mkdtempSync(join(tmpdir(), 'org-baseline-install-'))
const quiet = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']
let failed = 0

function step(label: string, run: () => string, expect?: RegExp) {
  const started = performance.now()
  try {
    const out = run()
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const ok = !expect || expect.test(out)
    if (!ok) failed++
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${label.padEnd(58)} ${seconds.padStart(6)} s${ok ? '' : `\n${out}`}`)
  } catch (error) {
    failed++
    console.log(`FAIL ${label}\n${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`)
  }
}

const sh = (cwd: string, command: string, args: string[], extraPath?: string) =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...(extraPath ? { PATH: `${extraPath}:${process.env.PATH}` } : {}),
    },
  })

const version = /^\d+\.\d+\.\d+\n$/
const planned = /Plan:|changes?/i

// 1. A fresh clone: npm ci builds dist/ through `prepare`.
const clone = join(work, 'clone')
step('git clone (HEAD)', () => sh(work, 'git', ['clone', '--quiet', repo, clone]))
step('npm ci in the clone (builds dist/)', () => sh(clone, 'npm', ['ci', ...quiet]))
step(
  'clone: npx org-baseline --version',
  () => sh(clone, 'npx', ['--no-install', 'org-baseline', '--version']),
  version,
)
step(
  'clone: bare org-baseline --version (node_modules/.bin on PATH)',
  () => sh(clone, 'org-baseline', ['--version'], join(clone, 'node_modules', '.bin')),
  version,
)

// 2. The packed tarball installed into an empty project.

step('npm pack (prepare builds dist/)', () =>
  sh(clone, 'npm', ['pack', '--silent', '--pack-destination', work]),
)
const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))
const project = join(work, 'project')
execFileSync('mkdir', ['-p', project])
writeFileSync(join(project, 'package.json'), '{ "private": true }\n')
step('npm install <tarball> into an empty project', () =>
  sh(project, 'npm', ['install', ...quiet, join(work, tarball ?? 'missing.tgz')]),
)
step(
  'installed: npx org-baseline --version',
  () => sh(project, 'npx', ['--no-install', 'org-baseline', '--version']),
  version,
)
step(
  'installed: bare org-baseline --help',
  () => sh(project, 'org-baseline', ['--help'], join(project, 'node_modules', '.bin')),
  /Usage: org-baseline/,
)
step(
  'installed: plan --sandbox with the shipped example config',
  () =>
    sh(project, 'npx', [
      '--no-install',
      'org-baseline',
      'plan',
      '-c',
      'node_modules/org-baseline/config/org.example.yaml',
      '--sandbox',
    ]),
  planned,
)
step(
  'installed: no tsx installed (the package runs dist/ only)',
  () => (existsSync(join(project, 'node_modules', 'tsx')) ? 'node_modules/tsx is there' : 'absent'),
  /^absent$/,
)
step(
  'installed: no TypeScript sources shipped',
  () => sh(project, 'ls', ['node_modules/org-baseline']),
  /^(?![\s\S]*\bsrc\b)[\s\S]*dist/,
)

console.log(failed ? `${failed} step(s) failed (work dir ${work})` : `all steps passed (work dir ${work})`)
process.exitCode = failed ? 1 : 0
