// Figures for `status --html` (issue 14): the report's size and its render time in headless Chromium, at
// 1,000 and 10,000 accounts × 17 regions. The one assertion is the issue's: 1,000 accounts render in
// under 3 s. Also how long a filter change and opening the largest OU take.
//   npx tsx bench/status-html.ts [accounts=1000,10000]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { startSandbox } from '../src/sandbox/index.ts'
import { openBrowser } from '../test/e2e/browser.ts'
import { cli, EXAMPLE } from '../test/e2e/harness.ts'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
const sizes = (process.argv[2] ?? '1000,10000').split(',').map(Number)
const dir = mkdtempSync(join(tmpdir(), 'org-baseline-bench-status-'))
const browser = await openBrowser()
let failed = false
const time = async (work: () => Promise<unknown>) => {
  const started = performance.now()
  await work()
  return Math.round(performance.now() - started)
}

try {
  for (const accounts of sizes) {
    const sandbox = await startSandbox({ accounts })
    const html = join(dir, `status-${accounts}.html`)
    try {
      let code = 0
      const read = await time(async () => {
        code = (await cli(['status', '-c', EXAMPLE, '--format', 'json', '--html', html], sandbox)).code
      })
      if (code !== 0) throw new Error(`status exited ${code}`)
      const bytes = readFileSync(html).length
      const render = await time(async () => {
        await browser.page.goto(pathToFileURL(html).href)
        await browser.page.waitForSelector('body[data-ready="true"]')
      })
      // Measured in the page, up to the next painted frame: what a reader waits for after a click.
      const filter = await browser.page.evaluate(async () => {
        const started = performance.now()
        const select = document.getElementById('f-status') as HTMLSelectElement
        for (const value of ['missing', '']) {
          select.value = value
          select.dispatchEvent(new Event('change'))
        }
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))
        return Math.round(performance.now() - started)
      })
      const open = await browser.page.evaluate(async () => {
        const started = performance.now()
        ;(document.querySelector('tr.ou') as HTMLElement).click()
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))
        return Math.round(performance.now() - started)
      })
      console.log(
        `${accounts.toLocaleString('en-US')} accounts: status (sandbox) ${read} ms; HTML ${(bytes / 1024 / 1024).toFixed(2)} MiB; rendered in ${render} ms; two filter changes ${filter} ms; open an OU (100 accounts drawn) ${open} ms`,
      )
      if (accounts === 1000 && render >= 3000) {
        console.log('  FAIL: 1,000 accounts must render in under 3 s (issue 14)')
        failed = true
      }
      if (browser.problems.length > 0) {
        console.log(`  FAIL: ${browser.problems.join('; ')}`)
        failed = true
      }
    } finally {
      await sandbox.close()
    }
  }
} finally {
  await browser.close()
  rmSync(dir, { recursive: true, force: true })
}
process.exitCode = failed ? 1 : 0
