// Start-up cost of the CLI as users run it (issue 14 item 5): `--version` and `--help` under 300 ms, a sandbox
// plan of the default seed (`npm start`) under 1.5 s, and the size of the package `npm pack` makes. Runs
// bin/org-baseline.js on a fresh bundle (dist/ rebuilt first: bin/ would run a stale one through tsx) and
// prints wall time min / median / max of several runs, and the minimum and median CPU time: wall time on a
// shared machine measures the neighbours too, CPU time much less so. The cases run on this Node, then on the
// current LTS (the npm registry's `node` package, as CI runs it; skipped when it cannot be fetched): Node 22+
// keeps V8's compiled code between runs (module.enableCompileCache), Node 20 compiles every start.
// Run: npx tsx bench/startup.ts [runs]
import { spawnSync } from 'node:child_process'

const runs = Number(process.argv[2] ?? 5)
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }

const bundled = spawnSync(process.execPath, ['scripts/bundle.js'], { stdio: 'inherit' })
if (bundled.status !== 0) throw new Error('scripts/bundle.js failed')

const CLI = 'bin/org-baseline.js'
// Node's own start, for scale: the share of every figure below that no code of the tool can change.
const cases: [string, string[], number | undefined][] = [
  ["Node's own start (node -e 0)", ['-e', '0'], undefined],
  ['--version', [CLI, '--version'], 300],
  ['--help', [CLI, '--help'], 300],
  ['validate (offline)', [CLI, 'validate', '-c', 'config/org.example.yaml'], 1500],
  ['plan --sandbox (default seed)', [CLI, 'plan', '-c', 'config/org.example.yaml', '--sandbox'], 1500],
]

const sorted = (values: number[]) => [...values].sort((a, b) => a - b)
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] ?? 0
const ms = (value: number) => value.toFixed(0).padStart(5)

/** One run: its wall time, and its user+system CPU as bash's `times` reports for its children. */
function once(node: string, argv: string[]): { wall: number; cpu: number; code: number | null } {
  const quoted = argv.map((a) => `'${a}'`).join(' ')
  const started = performance.now()
  const result = spawnSync(
    'bash',
    ['-c', `'${node}' ${quoted} >/dev/null 2>&1; code=$?; times; exit $code`],
    { encoding: 'utf8', env },
  )
  const wall = performance.now() - started
  // `times` prints the shell's, then its children's user and system time: "0m0.140s 0m0.011s".
  const children = result.stdout.trim().split('\n').at(-1) ?? ''
  const [user = 0, system = 0] = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number(m[2]),
  )
  return { wall, cpu: (user + system) * 1000, code: result.status }
}

/** The current LTS's node binary, fetched by npx as CI does; undefined when it cannot be had. */
function ltsNode(): string | undefined {
  const found = spawnSync('npx', ['-y', 'node@24', '-p', 'process.execPath'], { encoding: 'utf8', env })
  const path = found.status === 0 ? found.stdout.trim() : ''
  return path && path !== process.execPath ? path : undefined
}

let slow = 0
const lts = ltsNode()
const runtimes = [{ label: `Node ${process.versions.node} (this machine's)`, node: process.execPath }]
if (lts) {
  const version = spawnSync(lts, ['-v'], { encoding: 'utf8' }).stdout.trim().slice(1)
  runtimes.push({ label: `Node ${version} (current LTS)`, node: lts })
}
console.log(`${runs} runs each (after one warm-up); wall min / median / max, CPU (user+sys) min / median`)
for (const { label: runtime, node } of runtimes) {
  console.log(runtime)
  for (const [label, argv, target] of cases) {
    once(node, argv)
    const results = Array.from({ length: runs }, () => once(node, argv))
    const walls = sorted(results.map((r) => r.wall))
    const cpus = sorted(results.map((r) => r.cpu))
    const wall = median(walls)
    const missed = target !== undefined && wall > target
    if (missed) slow++
    const codes = [...new Set(results.map((r) => r.code))].join(',')
    console.log(
      `  ${label.padEnd(30)} exit ${codes}  wall ${ms(walls[0] ?? 0)} / ${ms(wall)} / ${ms(walls.at(-1) ?? 0)} ms  cpu ${ms(cpus[0] ?? 0)} / ${ms(median(cpus))} ms  ${target === undefined ? '' : `(target < ${target} ms${missed ? ', MISSED' : ''})`}`.trimEnd(),
    )
  }
}
if (!lts) console.log('(the current LTS could not be fetched with npx: its figures are left out)')
// Node 20 reads the certificates NODE_EXTRA_CA_CERTS names at every start, before any code of the tool runs
// (on the machine this was written on, ~90 ms of a 130 ms start); Node 22+ reads them when TLS first needs them.
if (process.env.NODE_EXTRA_CA_CERTS) {
  console.log(
    `NODE_EXTRA_CA_CERTS is set (${process.env.NODE_EXTRA_CA_CERTS}): Node 20 reads it at every start, in "Node's own start" and every figure after it`,
  )
}

// The tarball as `npm pack` makes it from this dist/ (scripts skipped: dist/ is already built).
const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
  encoding: 'utf8',
  env,
})
const [tarball] = JSON.parse(packed.stdout || '[{}]') as {
  size?: number
  unpackedSize?: number
  entryCount?: number
}[]
console.log(
  `npm pack tarball               ${((tarball?.size ?? 0) / 1024).toFixed(0)} KiB (${((tarball?.unpackedSize ?? 0) / 1024).toFixed(0)} KiB unpacked, ${tarball?.entryCount} files)`,
)
console.log(
  slow
    ? `${slow} target(s) missed in wall time (see cpu: a loaded machine inflates wall time)`
    : 'all targets met',
)
