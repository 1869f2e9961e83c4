// Writes one Access Analyzer change from the delegated administrator (through the member role) after
// re-reading its target; the deregistration from the management account. "Already done" answers
// (ConflictException on create, ResourceNotFoundException on delete) are read again to decide.
import {
  CreateAnalyzerCommand,
  CreateArchiveRuleCommand,
  type Criterion,
  DeleteAnalyzerCommand,
  DeleteArchiveRuleCommand,
  UpdateAnalyzerCommand,
  UpdateArchiveRuleCommand,
} from '@aws-sdk/client-accessanalyzer'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { Change } from '../../engine/change.ts'
import type { Context } from '../../engine/module.ts'
import { recheck, writesDirectly } from '../../engine/recheck.ts'
import { requestToken } from '../../engine/request-token.ts'
import { errorName, OrgBaselineError } from '../../errors.ts'
import { deregisterAdmin } from '../delegated-registration.ts'
import type { AnalyzerCreate } from './diff.ts'
import { readAnalyzer, readRules } from './observe.ts'
import { ANALYZERS, type Filter, SERVICE_PRINCIPAL } from './observed.ts'

function regionOf(change: Change): string {
  if (!change.region) throw new OrgBaselineError('PlanMismatch', `${change.address} has no region`)
  return change.region
}

const client = (ctx: Context, region: string) =>
  ctx.aws.accessanalyzer(region, ctx.desired.securityTooling.id)
const filterOut = (filter: Filter) => filter as Record<string, Criterion>

async function applyCreate(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const want = change.after as AnalyzerCreate
  const current = async () => {
    const found = await readAnalyzer(ctx, region, want.name)
    return found ? { ...want } : null
  }
  if (!writesDirectly(change) && recheck(change, await current()) === 'done') return
  try {
    await retryConflicts(() =>
      client(ctx, region).send(
        new CreateAnalyzerCommand({
          analyzerName: want.name,
          type: want.type as 'ORGANIZATION',
          clientToken: requestToken('analyzer', change),
          archiveRules: Object.entries(want.rules).map(([ruleName, filter]) => ({
            ruleName,
            filter: filterOut(filter),
          })),
          ...(want.unusedAccessAge !== undefined
            ? { configuration: { unusedAccess: { unusedAccessAge: want.unusedAccessAge } } }
            : {}),
        }),
      ),
    )
  } catch (error) {
    // Another run created it first: the next plan compares its settings.
    if (errorName(error) !== 'ConflictException' || (await current()) === null) throw error
  }
}

async function applyAnalyzerUpdate(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const name = change.address.includes('unused-access')
    ? ANALYZERS.unusedAccess.name
    : ANALYZERS.external.name
  const now = await readAnalyzer(ctx, region, name)
  if (recheck(change, now ? { unusedAccessAge: now.unusedAccessAge } : null) === 'done') return
  const { unusedAccessAge } = change.after as { unusedAccessAge: number }
  await retryConflicts(() =>
    client(ctx, region).send(
      new UpdateAnalyzerCommand({ analyzerName: name, configuration: { unusedAccess: { unusedAccessAge } } }),
    ),
  )
}

async function applyAnalyzerDelete(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const { name } = change.before as { name: string }
  const now = await readAnalyzer(ctx, region, name)
  if (recheck(change, now ? { name: now.name, type: now.type } : null) === 'done') return
  await retryConflicts(() =>
    client(ctx, region).send(
      new DeleteAnalyzerCommand({ analyzerName: name, clientToken: requestToken('analyzer-delete', change) }),
    ),
  ).catch((error) => {
    if (errorName(error) !== 'ResourceNotFoundException') throw error
  })
}

/** `access-analyzer.archive-rule[<region>/<analyzer>/<rule>]` → analyzer and rule names. */
function ruleTarget(change: Change): { analyzerName: string; ruleName: string } {
  const inner = change.address.slice(change.address.indexOf('[') + 1, -1)
  const [, analyzerName = '', ruleName = ''] = inner.split('/')
  return { analyzerName, ruleName }
}

async function applyRule(change: Change, ctx: Context): Promise<void> {
  const region = regionOf(change)
  const { analyzerName, ruleName } = ruleTarget(change)
  const rules = await readRules(ctx, region, analyzerName)
  const now = rules[ruleName] ? { filter: rules[ruleName] } : null
  if (recheck(change, now) === 'done') return
  const c = client(ctx, region)
  const token = requestToken('archive-rule', change)
  if (change.action === 'delete') {
    await retryConflicts(() =>
      c.send(new DeleteArchiveRuleCommand({ analyzerName, ruleName, clientToken: token })),
    )
    return
  }
  const { filter } = change.after as { filter: Filter }
  const input = { analyzerName, ruleName, filter: filterOut(filter), clientToken: token }
  await retryConflicts(() =>
    c.send(
      change.action === 'create' ? new CreateArchiveRuleCommand(input) : new UpdateArchiveRuleCommand(input),
    ),
  )
}

export function applyAccessAnalyzerChange(change: Change, ctx: Context): Promise<void> {
  const kind = change.address.slice(0, change.address.indexOf('['))
  switch (kind) {
    case 'access-analyzer.external':
    case 'access-analyzer.unused-access':
      if (change.action === 'create') return applyCreate(change, ctx)
      if (change.action === 'update') return applyAnalyzerUpdate(change, ctx)
      return applyAnalyzerDelete(change, ctx)
    case 'access-analyzer.archive-rule':
      return applyRule(change, ctx)
    case 'access-analyzer.delegated-admin':
      return deregisterAdmin(change, ctx, SERVICE_PRINCIPAL)
    default:
      throw new OrgBaselineError('PlanMismatch', `unknown access-analyzer change ${change.address}`)
  }
}
