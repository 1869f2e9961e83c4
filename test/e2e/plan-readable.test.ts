// The plan a reviewer reads in a minute (issue 14): the default seed's text plan fits one terminal page
// with every change counted in a group, --detail still lists each change, and the markdown plan stays under
// GitHub's comment limit at 1,000 accounts and with opt-in regions enabled (29 regions). 10,000 accounts:
// `npm run bench` (bench/markdown-plan.ts), too slow for the suite.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { OPT_IN_REGIONS } from '../../src/config/regions.ts'
import { MARKDOWN_LIMIT } from '../../src/engine/render/markdown-cap.ts'
import { DEFAULT_SEED_FILE } from '../../src/sandbox/index.ts'
import { readSeedFile } from '../../src/sandbox/seed.ts'
import { changeLines, cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('readable plans')

interface PlannedChange {
  address: string
  account?: string
  region?: string
}

/** `npm start` adds four lines of its own (a blank, two `>` lines, a blank) to the plan's. */
const NPM_HEADER_LINES = 4

const replace = (text: string, value: string | undefined, placeholder: string) =>
  value ? text.split(value).join(placeholder) : text

/** The addresses a group header may show for a change: its own, or with account / region generalized. */
const generalized = ({ address, account, region }: PlannedChange) => {
  const byAccount = replace(address, account, '{account}')
  return [address, byAccount, replace(address, region, '{region}'), replace(byAccount, region, '{region}')]
}

/** A folded entry's address names `{name}` where the bracket's first part was (render/fold.ts). */
const byName = (change: PlannedChange) => {
  const [, prefix, name, rest] = /^([^[]+)\[([^\]→@:]+)(.*)\]$/.exec(change.address) ?? []
  if (!name) return undefined
  return { name, heads: generalized({ ...change, address: `${prefix}[{name}${rest}]` }) }
}

/** Each entry's header address with the names it folds ("3 names: a, b, c", in its header or below it). */
function entriesOf(stdout: string): Map<string, Set<string>> {
  const entries = new Map<string, Set<string>>()
  const lines = stdout.split('\n')
  lines.forEach((line, i) => {
    if (changeLines(line).length === 0) return
    const head = line.trim().slice(2).split('  (')[0]?.trim() ?? ''
    const listed = /\d+ names: ([^;)]+)/.exec(
      `${line}\n${lines[i + 1]?.trim().startsWith('for ') ? lines[i + 1] : ''}`,
    )
    const names = entries.get(head) ?? new Set<string>()
    for (const n of listed?.[1]?.split(', ') ?? []) names.add(n.trim())
    entries.set(head, names)
  })
  return entries
}

const MAX_LINES = 150

test('the default seed plan fits 150 lines with npm start, and every change is counted in a group', async () => {
  await withSandbox({}, async (sandbox) => {
    const text = await cli(['plan', '-c', EXAMPLE, '--no-color'], sandbox)
    const json = JSON.parse((await cli(['plan', '-c', EXAMPLE, '--format', 'json'], sandbox)).stdout)
    const lines = text.stdout.trimEnd().split('\n')
    assert.ok(lines.length + NPM_HEADER_LINES <= MAX_LINES, `${lines.length} lines`)
    // The summary table's total row holds every change's count.
    const total = lines
      .find((l) => l.trim().startsWith('Total'))
      ?.trim()
      .split(/\s+/)
    assert.equal(total?.slice(1, 5).map(Number), [
      json.counts.add,
      json.counts.change,
      json.counts.destroy,
      json.counts.drift,
    ])
    assert.is(json.counts.add + json.counts.change + json.counts.destroy, json.changes.length)
    // Every change is named by an entry: its own address, or its group's with {account}/{region}, or a
    // fold's with {name} that lists its name.
    const entries = entriesOf(text.stdout)
    for (const change of json.changes as PlannedChange[]) {
      const folded = byName(change)
      assert.ok(
        generalized(change).some((a) => entries.has(a)) ||
          folded?.heads.some((a) => entries.get(a)?.has(folded.name)),
        `${change.address} is in no entry`,
      )
    }
    assert.match(text.stdout, 'all 17 regions: ap-northeast-1 … us-west-2')
    assert.match(text.stdout, `${json.changes.length} change(s) in `)

    const detail = await cli(['plan', '-c', EXAMPLE, '--detail'], sandbox)
    assert.is(changeLines(detail.stdout).length, json.changes.length, 'one line per change with --detail')
  })
})

const markdownSize = async (args: string[], sandbox: Parameters<typeof cli>[1]) => {
  const run = await cli(['plan', ...args, '--format', 'markdown'], sandbox)
  assert.is(run.code, 2, run.stderr)
  return run.stdout
}

test('the markdown plan of a 1,000-account organization fits a pull-request comment', async () => {
  await withSandbox({ accounts: 1000 }, async (sandbox) => {
    const md = await markdownSize(['-c', EXAMPLE], sandbox)
    assert.ok(md.length < MARKDOWN_LIMIT, `${md.length} characters`)
    assert.not.match(md, 'Cut to fit', 'it fits without cutting')
  })
})

test('with every opt-in region enabled and 12 of them targeted (29 regions) the markdown still fits', async () => {
  const seed = readSeedFile(DEFAULT_SEED_FILE) as {
    organization: { managementAccount: Record<string, unknown> }
  }
  seed.organization.managementAccount.optInRegions = [...OPT_IN_REGIONS]
  const optIn = OPT_IN_REGIONS.slice(0, 12)
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-'))
  const config = join(dir, 'org.yaml')
  const example = await readFile(EXAMPLE, 'utf8')
  await writeFile(config, example.replace('optIn: [ap-southeast-4]', `optIn: [${optIn.join(', ')}]`))
  await withSandbox({ seed }, async (sandbox) => {
    const json = JSON.parse((await cli(['plan', '-c', config, '--format', 'json'], sandbox)).stdout)
    assert.is(json.counts.regions, 29)
    const md = await markdownSize(['-c', config], sandbox)
    assert.ok(md.length < MARKDOWN_LIMIT, `${md.length} characters`)
    assert.match(md, '29 regions')
  })
})

test.run()
