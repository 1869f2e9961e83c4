// The markdown plan's size at organization scale (issue 14: a pull-request comment must stay under
// 65,000 characters), with the time the plan took. Printed, and the size also checked: exit 1 over the cap.
//   npx tsx bench/markdown-plan.ts [accounts=10000]
import { PassThrough } from 'node:stream'
import { main } from '../src/cli.ts'
import { MARKDOWN_LIMIT } from '../src/engine/render/markdown-cap.ts'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const accounts = Number(process.argv[2] ?? 10_000)

async function plan(format: string): Promise<{ text: string; ms: number }> {
  const stdout = new PassThrough()
  let text = ''
  stdout.on('data', (chunk) => {
    text += String(chunk)
  })
  const started = performance.now()
  const args = ['plan', '-c', 'config/org.example.yaml', '--sandbox', '--accounts', String(accounts)]
  const code = await main([...args, '--format', format, '--log-level', 'silent'], {
    stdout,
    stderr: process.stderr,
    stdin: new PassThrough(),
  })
  if (code !== 0 && code !== 2) throw new Error(`plan exited ${code}`)
  return { text, ms: performance.now() - started }
}

const markdown = await plan('markdown')
const text = await plan('text')
console.log(`accounts                 ${accounts}`)
console.log(
  `markdown plan            ${markdown.text.length} characters (cap ${MARKDOWN_LIMIT}), ${(markdown.ms / 1000).toFixed(1)} s`,
)
console.log(`markdown cut             ${markdown.text.includes('Cut to fit') ? 'yes' : 'no'}`)
console.log(
  `text plan                ${text.text.split('\n').length} lines, ${(text.ms / 1000).toFixed(1)} s`,
)
process.exitCode = markdown.text.length < MARKDOWN_LIMIT ? 0 : 1
