// Archive rules: CreateArchiveRule, GetArchiveRule, ListArchiveRules, UpdateArchiveRule, DeleteArchiveRule.
import type { RestRoute } from '../service.ts'
import { pageOf, pageSizeOf } from '../token-paging.ts'
import { analyzerNamed, MAX_ARCHIVE_RULES } from './analyzers.ts'
import { conflict, notFound, quotaExceeded, validation } from './errors.ts'
import { checkFilter } from './filter.ts'
import { analyzersOf } from './state.ts'

const RULE = 'AWS::AccessAnalyzer::ArchiveRule'
const ruleOf = (analyzer: ReturnType<typeof analyzerNamed>, ruleName: string) => {
  const rule = analyzer.archiveRules.get(ruleName)
  if (!rule) throw notFound(ruleName, RULE)
  return rule
}

const summaryOf = (ruleName: string, r: { filter: unknown; createdAt: Date; updatedAt: Date }) => ({
  ruleName,
  filter: r.filter,
  // timestampFormat iso8601 in the model (the rest-json encoder would send epoch seconds).
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
})

export const createArchiveRule: RestRoute['handler'] = ({ params, body }, ctx) => {
  const analyzer = analyzerNamed(ctx, String(params.analyzerName))
  const ruleName = String(body.ruleName)
  if (analyzer.archiveRules.has(ruleName)) throw conflict(ruleName, RULE)
  if (analyzer.archiveRules.size >= MAX_ARCHIVE_RULES)
    throw quotaExceeded(ruleName, RULE, `at most ${MAX_ARCHIVE_RULES} archive rules per analyzer`)
  const filter = body.filter as Record<string, unknown>
  checkFilter(filter)
  const now = ctx.world.clock.date()
  analyzer.archiveRules.set(ruleName, { filter, createdAt: now, updatedAt: now })
  return {}
}

export const getArchiveRule: RestRoute['handler'] = ({ params }, ctx) => {
  const analyzer = analyzerNamed(ctx, String(params.analyzerName))
  const ruleName = String(params.ruleName)
  return { archiveRule: summaryOf(ruleName, ruleOf(analyzer, ruleName)) }
}

export const listArchiveRules: RestRoute['handler'] = ({ params, query }, ctx) => {
  const name = String(params.analyzerName)
  // ListArchiveRules lists no ResourceNotFoundException: an unknown analyzer is invalid input (crafted).
  const analyzer = analyzersOf(ctx.world, ctx.account, ctx.region).get(name)
  if (!analyzer) throw validation(`Analyzer ${name} does not exist`, 'other')
  const all = [...analyzer.archiveRules].sort(([a], [b]) => a.localeCompare(b))
  const invalid = () => validation('Invalid pagination token or maxResults', 'other')
  const size = pageSizeOf(query.get('maxResults') ?? undefined, { max: 1000, default: 100 }, invalid)
  const page = pageOf(all, query.get('nextToken') ?? undefined, size, ctx, `aa-rules:${name}`, invalid)
  return { archiveRules: page.items.map(([n, r]) => summaryOf(n, r)), nextToken: page.nextToken }
}

export const updateArchiveRule: RestRoute['handler'] = ({ params, body }, ctx) => {
  const analyzer = analyzerNamed(ctx, String(params.analyzerName))
  const rule = ruleOf(analyzer, String(params.ruleName))
  const filter = body.filter as Record<string, unknown>
  checkFilter(filter)
  rule.filter = filter
  rule.updatedAt = ctx.world.clock.date()
  return {}
}

export const deleteArchiveRule: RestRoute['handler'] = ({ params }, ctx) => {
  const analyzer = analyzerNamed(ctx, String(params.analyzerName))
  const ruleName = String(params.ruleName)
  ruleOf(analyzer, ruleName)
  analyzer.archiveRules.delete(ruleName)
  return {}
}
