// `init`: a starter config for the organization the credentials reach. It is the shipped example with the
// facts filled in — the management account's id, the security-tooling and log-archive accounts guessed by
// name, the opt-in regions the management account has enabled, a Suspended OU if there is one — and a
// comment listing every account and OU found, so the rest is an edit, not a search.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { isScalar, parseDocument, Scalar } from 'yaml'
import { packagePath } from '../config/package-paths.ts'
import { isOptInRegion } from '../config/regions.ts'
import { UsageError } from '../errors.ts'
import { observeOrganization } from '../modules/organization/observe.ts'
import type { OrgAccount, OrgSnapshot } from '../modules/organization/snapshot.ts'
import type { Io } from './io.ts'
import { AWS_HELP, AWS_OPTIONS, OUTPUT_OPTIONS, parseCommandArgs } from './options.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

const EXAMPLE = packagePath('config/org.example.yaml')

export const INIT_HELP = `Usage: org-baseline init [-o config/org.yaml] [--force] [--profile NAME | --sandbox]

Reads the organization (never writes to it) and writes a starter config: the shipped example with the
management account's id, the security-tooling and log-archive accounts (guessed by name — check them),
the opt-in regions enabled in the management account, and a list of every account and OU found.
Run it with credentials of the management account. Then: org-baseline validate, org-baseline plan.

  -o, --out FILE        where to write (default ${DEFAULT_CONFIG}); an existing file is kept unless --force
  --force               overwrite an existing file
${AWS_HELP}`

export async function initCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs('init', argv, {
    ...AWS_OPTIONS,
    ...OUTPUT_OPTIONS,
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  })
  if (values.help) {
    io.stdout.write(`${INIT_HELP}\n`)
    return 0
  }
  const out = (values.out as string | undefined) ?? DEFAULT_CONFIG
  const existing = await readFile(out, 'utf8').catch(() => undefined)
  if (existing !== undefined && !values.force) {
    throw new UsageError(
      `${out} exists — keep it, choose another file with -o FILE, or overwrite it with --force`,
    )
  }
  const region = (values.region as string | undefined) ?? 'us-east-1'
  return withSession(values, io, undefined, async (session) => {
    const org = await observeOrganization(session.aws)
    const text = starterConfig(await readFile(EXAMPLE, 'utf8'), org, region)
    await mkdir(dirname(out), { recursive: true })
    await writeFile(out, text)
    const tooling = pick(org, /secur|audit/i)
    const logs = pick(org, /log/i)
    io.stdout.write(
      [
        `Wrote ${out}: organization ${org.id}, ${org.accounts.length} accounts, ${org.units.length} OUs.`,
        `  security tooling: ${tooling?.name ?? 'not found — set accounts.securityTooling'}`,
        `  log archive:      ${logs?.name ?? 'not found — set accounts.logArchive'}`,
        `Next: review ${out}, then org-baseline validate -c ${out} and org-baseline plan -c ${out}`,
        '',
      ].join('\n'),
    )
    return 0
  })
}

/** The example config with the organization's facts set; comments and layout are kept. */
export function starterConfig(example: string, org: OrgSnapshot, homeRegion: string): string {
  const doc = parseDocument(example.replace(/^# yaml-language-server:.*\n#?\n?/, ''))
  const quoted = (value: string) => Object.assign(new Scalar(value), { type: Scalar.QUOTE_DOUBLE })
  doc.setIn(['homeRegion'], homeRegion)
  doc.setIn(['accounts', 'management'], quoted(org.managementAccountId))
  doc.setIn(
    ['accounts', 'securityTooling'],
    pick(org, /secur|audit/i)?.name ?? 'CHANGE-ME: security tooling account',
  )
  doc.setIn(['accounts', 'logArchive'], pick(org, /log/i)?.name ?? 'CHANGE-ME: log archive account')
  doc.setIn(
    ['regions', 'optIn'],
    doc.createNode((org.enabledRegions ?? []).filter(isOptInRegion).sort(), { flow: true }),
  )
  const suspended = org.units.filter((u) => /suspend/i.test(u.name)).map((u) => u.path)
  doc.setIn(['deployment', 'exclude', 'ous'], doc.createNode(suspended, { flow: true }))
  for (const key of ['securityHub.aggregationRegion', 'config.globalResourcesRegion']) {
    const path = key.split('.')
    if (isScalar(doc.getIn(path, true))) doc.setIn(path, homeRegion)
  }
  const header = [
    `# Starter config written by "org-baseline init" for organization ${org.id}.`,
    '# Accounts found (name, id, OU):',
    ...[...org.accounts]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(
        (a) => `#   ${a.name} — ${a.id} — ${ouPath(org, a)}${a.status === 'ACTIVE' ? '' : ` (${a.status})`}`,
      ),
    `# OUs: ${
      org.units
        .map((u) => u.path)
        .sort()
        .join(', ') || 'none'
    }`,
    '',
  ].join('\n')
  return `${header}${doc.toString({ lineWidth: 0 })}`
}

function pick(org: OrgSnapshot, pattern: RegExp): OrgAccount | undefined {
  return org.accounts.find(
    (a) => a.id !== org.managementAccountId && a.status === 'ACTIVE' && pattern.test(a.name),
  )
}

const ouPath = (org: OrgSnapshot, account: OrgAccount) =>
  org.units.find((u) => u.id === account.parentId)?.path ?? 'Root'
