// Reads config/org.yaml into a Baseline. Every problem is reported at once, each at the file:line:col
// of the YAML node that causes it, sorted top to bottom.
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { LineCounter, parseDocument } from 'yaml'
import type { Baseline } from './baseline.ts'
import { checkConfig, type TrustPredicate } from './checks.ts'
import { ConfigError, type ConfigIssue, formatPath } from './errors.ts'
import { configErrorMap } from './messages.ts'
import { DEFAULT_TEMPLATE_DIR } from './package-paths.ts'
import { salvage } from './salvage.ts'
import { type OrgConfig, orgConfigSchema } from './schema.ts'
import { resolveScps } from './scps.ts'
import { SourceMap } from './source-map.ts'
import { checkTemplateDir } from './templates.ts'
import { placeZodIssues } from './zod-issues.ts'

export type { Baseline } from './baseline.ts'

function fail(issues: ConfigIssue[]): never {
  const seen = new Set<string>()
  const unique = issues.filter((issue) => {
    const key = `${issue.line}:${issue.col}:${issue.path}:${issue.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  throw new ConfigError(unique)
}

async function readConfigText(file: string, absolute: string): Promise<string> {
  try {
    return await readFile(absolute, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`
    fail([{ file, line: 1, col: 1, path: '', message: `config file ${reason}` }])
  }
}

/**
 * Loads and validates a config file. `file` is kept as given for messages; relative paths inside the
 * config (SCP files, templateDir) are resolved against the config file's directory.
 * @throws ConfigError listing every problem found.
 */
export async function loadConfig(file: string): Promise<Baseline> {
  const configPath = resolve(file)
  const text = await readConfigText(file, configPath)
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const source = new SourceMap(doc, lineCounter, file)

  // With broken YAML the structure cannot be trusted, so only the syntax errors are reported.
  if (doc.errors.length > 0) {
    fail(
      doc.errors.map((error) => ({
        ...source.position(error.pos[0]),
        path: '',
        message: `YAML syntax error: ${error.message}`,
      })),
    )
  }
  if (doc.contents === null) {
    fail([
      {
        file,
        line: 1,
        col: 1,
        path: '',
        message: 'the config file is empty — start from config/org.example.yaml',
      },
    ])
  }

  let data: unknown
  try {
    data = doc.toJS()
  } catch (error) {
    // yaml refuses documents that expand aliases exponentially ("billion laughs").
    fail([{ file, line: 1, col: 1, path: '', message: `YAML cannot be read: ${(error as Error).message}` }])
  }
  // jitless: zod would otherwise compile a fast path for each object schema, which pays off only over many
  // parses; a run parses its config once (about 15 ms less at start).
  const options = { error: configErrorMap, reportInput: true, jitless: true }
  const parsed = orgConfigSchema.safeParse(data, options)
  const issues: ConfigIssue[] = []
  let config: OrgConfig
  let trusted: TrustPredicate = () => true
  if (parsed.success) {
    config = parsed.data
  } else {
    issues.push(...placeZodIssues(parsed.error.issues, orgConfigSchema, source))
    // Keep going without the rejected values, so the checks below still report what they can.
    const saved = salvage(data, parsed.error.issues, orgConfigSchema)
    const reparsed = saved ? orgConfigSchema.safeParse(saved.data, options) : undefined
    if (!saved || !reparsed?.success) fail(issues)
    config = reparsed.data
    trusted = saved.trusted
  }

  const configDir = dirname(configPath)
  const written = (path: readonly (string | number)[]) => source.has(path)
  const templateDirFromConfig = config.stackSets.templateDir !== undefined
  const templateDir = templateDirFromConfig
    ? resolve(configDir, config.stackSets.templateDir ?? '')
    : DEFAULT_TEMPLATE_DIR
  const scpsTrusted = trusted([['scps'], ['access'], ['rootUser', 'denyMemberRoot']])
  const templatesTrusted = trusted([['stackSets'], ['cloudTrail'], ['config'], ['findingsRouting']])
  const [resolution, templateIssues] = await Promise.all([
    scpsTrusted ? resolveScps(config, configDir) : Promise.resolve({ scps: [], issues: [] }),
    // The shipped templates are the package's own business; only a user-chosen directory is checked.
    templateDirFromConfig && templatesTrusted ? checkTemplateDir(config, templateDir) : Promise.resolve([]),
  ])
  const checkIssues = [...checkConfig(config, written, trusted), ...resolution.issues, ...templateIssues]
  for (const issue of checkIssues) {
    issues.push({ ...source.locate(issue.path), path: formatPath(issue.path), message: issue.message })
  }
  if (issues.length > 0) fail(issues)

  return {
    config,
    file,
    configPath,
    templateDir,
    templateDirFromConfig,
    scps: resolution.scps.map((scp) => ({ ...scp, position: source.locate(scp.configPath) })),
    locate: (path) => source.locate(path),
  }
}
