// Resolves the config's SCP list into the documents that will be sent: reads shipped or user files,
// substitutes the role placeholders, minifies, and checks the limits AWS enforces (aws-facts §1).
import { readFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { CheckIssue } from './checks.ts'
import { readContainedFile } from './contained-file.ts'
import { BUILTIN_SCP_DIR } from './package-paths.ts'
import { type PolicyDocument, policyProblems } from './policy-document.ts'
import type { OrgConfig } from './schema.ts'
import type { ConfigPath } from './source-map.ts'

/** SCP documents may be at most 5,120 characters; the API stores exactly what is sent, so we send it minified. */
export const SCP_MAX_CHARACTERS = 5120
/** At most 5 SCPs attached per root, OU or account, and FullAWSAccess is always one of them. */
export const SCP_MAX_PER_TARGET = 5
const FULL_AWS_ACCESS_SLOTS = 1

export interface ResolvedScp {
  /** Policy name in Organizations. */
  name: string
  /** `builtin` for a policy shipped in scps/, else the absolute path of the user's file. */
  source: 'builtin' | string
  document: PolicyDocument
  /** The exact text sent to Organizations. */
  minified: string
  targets: string[]
  /** Where the config asks for this SCP (`scps[i]`, or `rootUser.denyMemberRoot` when implied by it). */
  configPath: ConfigPath
}

export interface PlaceholderValues {
  ToolRoleName: string
  MemberRoleName: string
  BootstrapRoleName: string
  BreakGlassRoleName: readonly string[]
}

/** `${Name}` as written in an SCP file (built here so it is not mistaken for a template literal). */
export function placeholder(name: keyof PlaceholderValues): string {
  return `\${${name}}`
}

const BREAK_GLASS = placeholder('BreakGlassRoleName')
const TOOL_ROLE = placeholder('ToolRoleName')
const MEMBER_ROLE = placeholder('MemberRoleName')
const BOOTSTRAP_ROLE = placeholder('BootstrapRoleName')

function substituteString(text: string, values: PlaceholderValues): string {
  return text
    .replaceAll(TOOL_ROLE, values.ToolRoleName)
    .replaceAll(MEMBER_ROLE, values.MemberRoleName)
    .replaceAll(BOOTSTRAP_ROLE, values.BootstrapRoleName)
}

/**
 * Replaces `${ToolRoleName}`, `${MemberRoleName}` and `${BootstrapRoleName}`, and repeats each array element that names
 * `${BreakGlassRoleName}` once per break-glass role (none configured: the element is dropped). Other
 * `${…}` text is left alone: IAM policy variables such as `${aws:username}` use the same syntax.
 */
export function substitutePlaceholders(value: unknown, values: PlaceholderValues): unknown {
  if (typeof value === 'string') {
    if (value.includes(BREAK_GLASS)) {
      throw new Error(
        `${BREAK_GLASS} may only appear inside a list, where it expands to one element per role`,
      )
    }
    return substituteString(value, values)
  }
  if (Array.isArray(value)) {
    const items = value.flatMap((item) => {
      if (typeof item === 'string' && item.includes(BREAK_GLASS)) {
        return values.BreakGlassRoleName.map((role) =>
          substituteString(item.replaceAll(BREAK_GLASS, role), values),
        )
      }
      return [substitutePlaceholders(item, values)]
    })
    // The member and bootstrap roles may be one role: name it once, so the policy stays small.
    return items.filter((item, index) => typeof item !== 'string' || items.indexOf(item) === index)
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitutePlaceholders(v, values)]))
  }
  return value
}

/** Line and column of a JSON.parse failure, from the offset every Node version reports. */
function jsonErrorLocation(text: string, error: unknown): string {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '')
  if (!match) return 'unexpected end of file'
  const before = text.slice(0, Number(match[1]))
  const line = before.split('\n').length
  const col = before.length - before.lastIndexOf('\n')
  return `syntax error at line ${line}, column ${col}`
}

function characters(text: string): number {
  return [...text].length
}

interface Loaded {
  document?: PolicyDocument
  problems: string[]
}

async function loadDocument(
  request: { file: string; shownAs: string; source: string; allowOutside: boolean },
  configDir: string,
  values: PlaceholderValues,
): Promise<Loaded> {
  const { file, shownAs } = request
  let text: string
  if (request.source === 'builtin') {
    text = await readFile(file, 'utf8')
  } else {
    const read = await readContainedFile(
      file,
      configDir,
      shownAs,
      request.allowOutside,
      'allowOutsideConfigDir',
    )
    if ('problem' in read) return { problems: [`SCP file ${read.problem}`] }
    text = read.text
  }
  if (text.trim() === '') return { problems: [`SCP file ${shownAs} is empty`] }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return { problems: [`SCP file ${shownAs} is not valid JSON: ${jsonErrorLocation(text, error)}`] }
  }
  const problems = policyProblems(parsed)
  if (problems.length > 0)
    return { problems: problems.map((problem) => `SCP file ${shownAs} is not a policy: ${problem}`) }
  try {
    return { document: substitutePlaceholders(parsed, values) as PolicyDocument, problems: [] }
  } catch (error) {
    return { problems: [`SCP file ${shownAs}: ${(error as Error).message}`] }
  }
}

export interface ScpResolution {
  scps: ResolvedScp[]
  issues: CheckIssue[]
}

export async function resolveScps(config: OrgConfig, configDir: string): Promise<ScpResolution> {
  const values: PlaceholderValues = {
    ToolRoleName: config.access.toolRoleName,
    MemberRoleName: config.access.memberRoleName,
    BootstrapRoleName: config.access.bootstrapRoleName,
    BreakGlassRoleName: config.access.breakGlassRoles,
  }
  const issues: CheckIssue[] = []
  const scps: ResolvedScp[] = []

  const requests: {
    name: string
    source: string
    file: string
    shownAs: string
    targets: string[]
    configPath: ConfigPath
    valuePath: ConfigPath
    allowOutside: boolean
  }[] = []
  // rootUser.denyMemberRoot attaches deny-member-root to Root unless the list places it itself.
  if (config.rootUser.denyMemberRoot && !config.scps.some((entry) => entry.policy === 'deny-member-root')) {
    const path: ConfigPath = ['rootUser', 'denyMemberRoot']
    requests.push({
      name: 'deny-member-root',
      source: 'builtin',
      file: join(BUILTIN_SCP_DIR, 'deny-member-root.json'),
      shownAs: '"deny-member-root.json"',
      targets: ['Root'],
      configPath: path,
      valuePath: path,
      allowOutside: false,
    })
  }
  config.scps.forEach((entry, index) => {
    if (entry.policy) {
      requests.push({
        name: entry.policy,
        source: 'builtin',
        file: join(BUILTIN_SCP_DIR, `${entry.policy}.json`),
        shownAs: `"${entry.policy}.json"`,
        targets: entry.targets,
        configPath: ['scps', index],
        valuePath: ['scps', index, 'policy'],
        allowOutside: false,
      })
    } else if (entry.file) {
      const file = resolve(configDir, entry.file)
      requests.push({
        name: entry.name ?? basename(entry.file).replace(/\.json$/i, ''),
        source: file,
        file,
        shownAs: JSON.stringify(entry.file),
        targets: entry.targets,
        configPath: ['scps', index],
        valuePath: ['scps', index, 'file'],
        allowOutside: entry.allowOutsideConfigDir === true,
      })
    }
  })

  const usedNames = new Map<string, ConfigPath>()
  const attached = new Map<string, number>()
  const overflowReported = new Set<string>()
  for (const request of requests) {
    const loaded = await loadDocument(request, configDir, values)
    for (const message of loaded.problems) issues.push({ path: request.valuePath, message })

    // Organizations rejects a second policy with the same name (DuplicatePolicyException).
    const firstUse = usedNames.get(request.name)
    if (firstUse) {
      issues.push({
        path: request.valuePath,
        message: `SCP name "${request.name}" is already used by ${describePath(firstUse)} — SCP names must be unique (set "name" for a file SCP)`,
      })
    } else {
      usedNames.set(request.name, request.configPath)
    }

    request.targets.forEach((target, targetIndex) => {
      const count = (attached.get(target) ?? 0) + 1
      attached.set(target, count)
      if (count + FULL_AWS_ACCESS_SLOTS > SCP_MAX_PER_TARGET && !overflowReported.has(target)) {
        overflowReported.add(target)
        const total = requests.filter((r) => r.targets.includes(target)).length
        const path =
          request.configPath[0] === 'scps'
            ? [...request.configPath, 'targets', targetIndex]
            : request.valuePath
        issues.push({
          path,
          message: `"${target}" would have ${total + FULL_AWS_ACCESS_SLOTS} SCPs attached (${total} from this config + FullAWSAccess) — AWS allows at most ${SCP_MAX_PER_TARGET} per target`,
        })
      }
    })

    if (!loaded.document) continue
    const minified = JSON.stringify(loaded.document)
    const size = characters(minified)
    if (size > SCP_MAX_CHARACTERS) {
      issues.push({
        path: request.valuePath,
        message: `SCP file ${request.shownAs} is ${size.toLocaleString('en-US')} characters once minified, placeholders substituted — AWS allows at most ${SCP_MAX_CHARACTERS.toLocaleString('en-US')}`,
      })
    }
    scps.push({
      name: request.name,
      source: request.source === 'builtin' ? 'builtin' : request.source,
      document: loaded.document,
      minified,
      targets: request.targets,
      configPath: request.configPath,
    })
  }
  return { scps, issues }
}

function describePath(path: ConfigPath): string {
  return path[0] === 'scps' ? `scps[${String(path[1])}]` : path.join('.')
}
