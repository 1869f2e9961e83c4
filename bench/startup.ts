// Start-up cost of the installed CLI (issue 14 item 5): `--version` and `--help` under 300 ms, a sandbox plan
// of the default seed under 1.5 s. Runs the compiled build through bin/ exactly as a user does (building
// dist/ first when missing) and prints the median wall and CPU time of several runs. CPU time is printed
// because wall time on a shared machine measures the neighbours too.
// Run: npx tsx bench/startup.ts [runs]
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const runs = Number(process.argv[2] ?? 5)
if (!existsSync('dist/cli.js')) {
  console.log('dist/ missing: npm run build')
  spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' })
}

const cases: [string, string[], number][] = [
  ['--version', ['--version'], 300],
  ['--help', ['--help'], 300],
  ['validate (offline)', ['validate', '-c', 'config/org.example.yaml'], 1500],
  ['plan --sandbox (default seed)', ['plan', '-c', 'config/org.example.yaml', '--sandbox'], 1500],
]

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

let slow = 0
for (const [label, argv, target] of cases) {
  const walls: number[] = []
  const cpus: number[] = []
  let code: number | null = null
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const result = spawnSync(process.execPath, ['bin/org-baseline.js', ...argv], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    })
    walls.push(performance.now() - started)
    code = result.status
  }
  // Children's CPU time: resourceUsage of this process does not include them, so read it from /proc.
  for (let i = 0; i < runs; i++) cpus.push(cpuOfOneRun(argv))
  const wall = median(walls)
  const cpu = median(cpus)
  if (wall > target) slow++
  console.log(
    `${label.padEnd(32)} exit ${code}  median wall ${wall.toFixed(0).padStart(5)} ms  cpu ${cpu.toFixed(0).padStart(5)} ms  (target < ${target} ms${wall > target ? ', MISSED' : ''})`,
  )
}
console.log(
  slow
    ? `${slow} target(s) missed in wall time (see cpu: a loaded machine inflates wall time)`
    : 'all targets met',
)

/** user+system CPU of one run, measured by bash's `times` around it. */
function cpuOfOneRun(argv: string[]): number {
  const quoted = argv.map((a) => `'${a}'`).join(' ')
  const out = spawnSync('bash', ['-c', `node bin/org-baseline.js ${quoted} >/dev/null 2>&1; times`], {
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  }).stdout
  // `times` prints the shell's then its children's user/system times: "0m0.140s 0m0.011s".
  const lines = out.trim().split('\n')
  const children = lines.at(-1) ?? ''
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]))
  return (seconds[0] ?? 0) * 1000 + (seconds[1] ?? 0) * 1000
}
