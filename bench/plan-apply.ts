// Performance figures for plan and apply (DESIGN.md §7), printed, never asserted. The sandbox runs in its
// own process (`sandbox serve`) so the tool's memory is measured alone; calls are counted by the tool.
//   npx tsx bench/plan-apply.ts [accounts=1000] [latencyMs=20]
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { main } from '../src/cli.ts'

// The SDK's Node 22 notice would interleave with the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const accounts = Number(process.argv[2] ?? 1000)
const latencyMs = Number(process.argv[3] ?? 20)
// The example without `contacts:`: security contacts cost one paced call per account and are measured
// apart (bench/security-contacts.ts), so these figures stay the baseline's organization-wide cost.
const CONFIG = join(mkdtempSync(join(tmpdir(), 'org-baseline-bench-')), 'org.yaml')
writeFileSync(
  CONFIG,
  readFileSync('config/org.example.yaml', 'utf8').replace(/^contacts:\n(?:[ #].*\n|\n)*/m, ''),
)

async function serve(): Promise<{
  child: ChildProcess
  endpoint: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }
}> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      'sandbox',
      'serve',
      '--port',
      '0',
      '--accounts',
      String(accounts),
      '--latency-ms',
      String(latencyMs),
      '--speed',
      '1000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let text = ''
  child.stdout?.on('data', (chunk) => {
    text += String(chunk)
  })
  while (!/AWS_SESSION_TOKEN=\S+/.test(text)) await once(child.stdout as NodeJS.ReadableStream, 'data')
  const value = (name: string) => text.match(new RegExp(`${name}=(\\S+)`))?.[1] ?? ''
  return {
    child,
    endpoint: value('AWS_ENDPOINT_URL'),
    credentials: {
      accessKeyId: value('AWS_ACCESS_KEY_ID'),
      secretAccessKey: value('AWS_SECRET_ACCESS_KEY'),
      sessionToken: value('AWS_SESSION_TOKEN'),
    },
  }
}

async function run(label: string, argv: string[], sandbox: Awaited<ReturnType<typeof serve>>) {
  const out = new PassThrough()
  const err = new PassThrough()
  let stats = ''
  err.on('data', (c) => {
    stats += String(c)
  })
  out.resume()
  const started = performance.now()
  const code = await main([...argv, '--endpoint-url', sandbox.endpoint, '--stats', '--log-level', 'silent'], {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    credentials: async () => sandbox.credentials,
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const calls = stats.match(/AWS calls: (\d+) \((\d+) attempts\)/)
  console.log(
    `${label.padEnd(28)} exit ${code}  ${calls?.[1] ?? '?'} calls (${calls?.[2] ?? '?'} attempts)  ${seconds} s`,
  )
}

const sandbox = await serve()
try {
  console.log(`Organization: ${accounts} accounts, sandbox latency ${latencyMs} ms per call`)
  await run('plan (from empty)', ['plan', '-c', CONFIG], sandbox)
  await run('apply (from empty)', ['apply', '-c', CONFIG, '--yes'], sandbox)
  await run('plan (no-op)', ['plan', '-c', CONFIG], sandbox)
  await run('apply (no-op)', ['apply', '-c', CONFIG, '--yes'], sandbox)
  console.log(`Peak memory of the tool: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
} finally {
  sandbox.child.kill()
}
