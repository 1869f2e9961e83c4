// `status` end to end: it only reads; every cell that is not covered has a reason; and the HTML report,
// opened in headless Chromium, shows the same data as `status --format json`, its filters work, nothing
// errors in the console, and nothing reaches the network. Screenshots go to .tmp/test-output/ (and to the
// README's docs/status-report.png with STATUS_SCREENSHOT=docs/status-report.png).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { plain } from '../../src/engine/render/style.ts'
import { tallyByOu } from '../../src/status/aggregate.ts'
import { renderStatusMarkdown } from '../../src/status/markdown.ts'
import { type StatusReport, statusAt } from '../../src/status/report.ts'
import { renderStatusText } from '../../src/status/text.ts'
import { type Browser, openBrowser } from './browser.ts'
import { cli, EXAMPLE, withSandbox, writes } from './harness.ts'
import { unexplainedCells } from './status-cells.ts'

const test = suite('status: coverage report as text, JSON and HTML in headless Chromium')
const OUTPUT = resolve('.tmp/test-output')
mkdirSync(OUTPUT, { recursive: true })
const scratch = mkdtempSync(join(tmpdir(), 'org-baseline-status-'))
// One browser for the suite: launching Chromium is the slow part of a browser test.
let shared: Browser | undefined
const browserFor = async () => {
  shared ??= await openBrowser()
  shared.problems.length = 0
  return shared
}
test.after(async () => {
  await shared?.close()
  rmSync(scratch, { recursive: true, force: true })
})

async function statusOf(sandbox: Parameters<typeof writes>[0], html: string, extra: string[] = []) {
  sandbox.calls.entries.length = 0
  const run = await cli(['status', '-c', EXAMPLE, '--format', 'json', '--html', html, ...extra], sandbox)
  assert.is(run.code, 0, run.stderr)
  assert.equal(writes(sandbox), [], 'status only reads')
  return JSON.parse(run.stdout) as StatusReport
}

/** Opens the report and waits until its script has drawn the matrix; returns the milliseconds it took. */
async function render(browser: Browser, file: string): Promise<number> {
  const started = performance.now()
  await browser.page.goto(pathToFileURL(file).href)
  await browser.page.waitForSelector('body[data-ready="true"]')
  return Math.round(performance.now() - started)
}

/** The OU rows as the page shows them: OU → control → covered / applicable (and the filtered count). */
const ouRows = (browser: Browser) =>
  browser.page.$$eval('tr.ou', (rows) =>
    rows.map((row) => ({
      ou: row.getAttribute('data-ou'),
      accounts: Number(row.getAttribute('data-accounts')),
      cells: [...row.querySelectorAll('td[data-control]')].map((td) => ({
        control: td.getAttribute('data-control'),
        covered: Number(td.getAttribute('data-covered')),
        applicable: Number(td.getAttribute('data-applicable')),
        count: Number(td.getAttribute('data-count')),
      })),
    })),
  )

const expectedOuRows = (report: StatusReport) =>
  tallyByOu(report).map((o) => ({
    ou: o.ou,
    accounts: o.accounts,
    cells: report.controls.map((c) => ({
      control: c.id,
      covered: o.byControl[c.id]?.covered ?? 0,
      applicable: o.byControl[c.id]?.applicable ?? 0,
      count: 0,
    })),
  }))

/** The page's embedded report, its summary table and checklist against the JSON `status` printed. */
async function assertSameData(browser: Browser, report: StatusReport) {
  const embedded = await browser.page.$eval('#report-data', (el) => JSON.parse(el.textContent ?? ''))
  assert.equal(embedded, report, 'the HTML embeds exactly what --format json printed')
  const summary = await browser.page.$$eval('#summary td[data-status]', (tds) =>
    tds.map((td) => [td.getAttribute('data-control'), td.getAttribute('data-status'), td.textContent]),
  )
  for (const [control, status, text] of summary) {
    const want = report.counts[control ?? '']?.[status as 'covered'] ?? 0
    assert.is(Number((text ?? '').replace(/,/g, '') || 0), want, `summary ${control} ${status}`)
  }
  const checklist = await browser.page.$$eval('li[data-item]', (items) =>
    items.map((li) => [li.getAttribute('data-item'), li.getAttribute('data-verdict')]),
  )
  assert.equal(
    checklist,
    report.checklist.map((i) => [i.id, i.verdict]),
  )
  assert.equal(await ouRows(browser), expectedOuRows(report), 'OU rows match the JSON cell by cell')
}

async function select(browser: Browser, id: string, value: string) {
  await browser.page.selectOption(`#f-${id}`, value)
}

test('default seed, halfway applied: only reads, a reason for every gap, and the HTML shows it and filters it', async () => {
  await withSandbox({}, async (sandbox) => {
    // SCPs and GuardDuty applied, the stack sets not: the report then has covered, missing, failed,
    // suspended, excluded and exempt cells to show and filter.
    const applied = await cli(
      ['apply', '-c', EXAMPLE, '--yes', '--only', 'trusted-access,delegated-admins,scp,guardduty'],
      sandbox,
    )
    assert.ok(applied.code === 0 || applied.code === 2, applied.stderr)
    const html = join(scratch, 'seed.html')
    const report = await statusOf(sandbox, html, ['--root'])
    assert.is(report.format, 'org-baseline-status')
    assert.is(report.version, 1)
    assert.equal(unexplainedCells(report), [])
    // Reasons a reader can act on, each from its source (table: control, status, reason pattern).
    const cases: [string, string, RegExp, string][] = [
      ['scp', 'covered', /./, 'the applied SCPs reach every member account'],
      [
        'scp',
        'exempt',
        /never apply to the management account/,
        'AWS: SCPs do not affect the management account',
      ],
      [
        'config',
        'missing',
        /stack set org-baseline-config-recorder not created — run apply/,
        'stack sets not applied',
      ],
      ['guardduty', 'suspended', /SUSPENDED/, 'Old Experiment is suspended in the seed'],
      [
        'root-credentials',
        'missing',
        /root access keys exist/,
        'Retail Prod has root access keys in the seed',
      ],
    ]
    for (const [control, status, reason, why] of cases) {
      const counted = report.counts[control]?.[status as 'covered'] ?? 0
      assert.ok(counted > 0, `${control} has ${status} cells: ${why}`)
      if (status !== 'covered')
        assert.ok(
          report.gaps.some((g) => g.control === control && g.status === status && reason.test(g.reason)),
          `${control} ${status}: ${why}`,
        )
    }
    // The text form is rendered from the same report (running `status` again would read everything twice).
    const text = renderStatusText(report, plain)
    assert.match(text, /Coverage by OU/)
    assert.match(text, /Workloads\/Prod\s+2\s+✓ 2/)
    const md = renderStatusMarkdown(report)
    assert.not.match(md, 'Cut to fit', 'the default seed fits whole')
    for (const item of report.checklist) assert.match(md, item.title, `markdown checklist: ${item.id}`)
    assert.match(md, /\| Workloads\/Prod \| 2 \| ✓ 2 \|/, 'markdown coverage by OU')
    assert.match(md, /root access keys exist/, 'markdown gaps with their reasons')
    assert.match((await cli(['report', '--help'])).stdout, /Usage: org-baseline status/, 'report is status')

    const browser = await browserFor()
    {
      const ms = await render(browser, html)
      console.log(`  status --html, default seed: rendered in ${ms} ms`)
      await assertSameData(browser, report)

      // Control filter: one column left.
      await select(browser, 'control', 'guardduty')
      assert.is(await browser.page.locator('#matrix thead th').count(), 3)
      await select(browser, 'control', '')

      // Status filter: only OUs with such cells, each counting exactly the JSON's cells of that status.
      await select(browser, 'status', 'missing')
      const missing = await ouRows(browser)
      const withMissing = new Set(
        report.accounts
          .filter((a) =>
            report.controls.some((c) =>
              report.regions.some((_, i) => statusAt(a.cells[c.id], i) === 'missing'),
            ),
          )
          .map((a) => a.ou),
      )
      assert.equal(missing.map((r) => r.ou).sort(), [...withMissing].sort())
      for (const row of missing) {
        for (const cell of row.cells) {
          const control = report.controls.find((c) => c.id === cell.control)
          const per = control?.scope === 'region' ? report.regions.length : 1
          let want = 0
          for (const a of report.accounts.filter((x) => x.ou === row.ou)) {
            const anyMissing = report.controls.some((c) =>
              Array.from({ length: c.scope === 'region' ? report.regions.length : 1 }, (_, i) =>
                statusAt(a.cells[c.id], i),
              ).includes('missing'),
            )
            if (!anyMissing) continue
            for (let i = 0; i < per; i++) if (statusAt(a.cells[cell.control ?? ''], i) === 'missing') want++
          }
          assert.is(cell.count, want, `${row.ou} ${cell.control} missing cells`)
        }
      }

      // Region filter: account-region cells of one region only.
      await select(browser, 'status', '')
      await select(browser, 'region', 'eu-west-1')
      const oneRegion = await ouRows(browser)
      const prod = oneRegion.find((r) => r.ou === 'Workloads/Prod')
      assert.is(prod?.cells.find((c) => c.control === 'guardduty')?.applicable, 2)
      await select(browser, 'region', '')

      // Account filter, then open the OU and an account: its gaps with their reasons.
      await browser.page.fill('#f-account', 'Retail Prod')
      await browser.page.waitForFunction(() => document.querySelectorAll('tr.ou').length === 1)
      await browser.page.click('tr.ou')
      const shown = await browser.page.$$eval('tr.account', (rows) =>
        rows.map((r) => r.getAttribute('data-account')),
      )
      assert.equal(
        shown,
        report.accounts.filter((a) => a.name === 'Retail Prod').map((a) => a.id),
      )
      await browser.page.click('tr.account')
      assert.match((await browser.page.textContent('tr.detail')) ?? '', /root access keys exist/)

      await browser.page.fill('#f-account', '')
      await browser.page.waitForFunction(() => document.querySelectorAll('tr.ou').length > 1)
      // Workloads/Prod stays open from the filtered view: the screenshot shows its accounts' regions.
      await browser.page.waitForSelector('tr.account')
      // Back to the top: the matrix's sticky header would otherwise sit mid-page in a full-page shot.
      await browser.page.evaluate(() => window.scrollTo(0, 0))
      await browser.page.screenshot({ path: join(OUTPUT, 'status-report-seed.png'), fullPage: true })
      if (process.env.STATUS_SCREENSHOT)
        await browser.page.screenshot({ path: process.env.STATUS_SCREENSHOT, fullPage: true })
      assert.equal(browser.problems, [], 'no console error, no page error, no network request')
    }
  })
})

test('1,000 accounts: the HTML renders, matches the JSON, filters, and stays quiet', async () => {
  await withSandbox({ accounts: 1000 }, async (sandbox) => {
    const html = join(scratch, 'org-1000.html')
    const report = await statusOf(sandbox, html)
    assert.is(report.accounts.length, 1000)
    assert.equal(unexplainedCells(report), [])
    const browser = await browserFor()
    {
      const ms = await render(browser, html)
      const kb = Math.round(readFileSync(html).length / 1024)
      console.log(
        `  status --html, 1,000 accounts × ${report.regions.length} regions: ${kb} KiB, rendered in ${ms} ms`,
      )
      await assertSameData(browser, report)
      await select(browser, 'status', 'suspended')
      const suspended = await ouRows(browser)
      const want = new Set(report.accounts.filter((a) => a.state !== 'ACTIVE').map((a) => a.ou))
      assert.equal(suspended.map((r) => r.ou).sort(), [...want].sort())
      await select(browser, 'status', '')
      await browser.page.click('tr.ou')
      assert.ok((await browser.page.locator('tr.account').count()) > 0)
      await browser.page.evaluate(() => window.scrollTo(0, 0))
      await browser.page.screenshot({ path: join(OUTPUT, 'status-report-1000.png') })
      assert.equal(browser.problems, [])
    }
  })
})

test.run()
