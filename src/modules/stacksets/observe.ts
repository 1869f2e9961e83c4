// Reads what CloudFormation holds for the baseline, at a cost that grows with what is wrong: one
// DescribeStackSet per stack set, filtered ListStackInstances for the unhealthy instances only (never a
// listing of every instance; drifted ones only when the last drift detection can have found some), the
// newest operations, and one DescribeStacks per ordinary stack — all in parallel.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  type CloudFormationClient,
  DescribeOrganizationsAccessCommand,
  DescribeStackSetCommand,
  DescribeStackSetOperationCommand,
  DescribeStacksCommand,
  ListStackSetOperationsCommand,
  type ListStackSetOperationsOutput,
  paginateListStackInstances,
  type StackInstanceFilter,
  type StackSetDriftDetectionDetails,
} from '@aws-sdk/client-cloudformation'
import { collect } from '../../aws/paginate.ts'
import type { Baseline } from '../../config/baseline.ts'
import { DEFAULT_TEMPLATE_DIR } from '../../config/package-paths.ts'
import type { Context } from '../../engine/module.ts'
import { errorName } from '../../errors.ts'
import { stackSetAdmin } from './admin.ts'
import {
  type Parameters,
  plannedStackSets,
  plannedStacks,
  type StackSpec,
  stackAddress,
  stackName,
  stackSetName,
  type TemplateName,
} from './catalogue.ts'
import { withCurrentTemplate } from './current-template.ts'
import { IN_FLIGHT_STATUSES, withoutActiveWork } from './in-flight.ts'
import { renderTemplate } from './member-role.ts'
import type { InstanceProblem, ObservedStack, ObservedStackSet, StacksetsObserved } from './observed.ts'
import { settledFailedResults } from './operation-results.ts'
import { withRegionOptIn } from './region-opt-in.ts'
import { pendingRollout } from './rollout-mark.ts'
import { TEMPLATE_TAG } from './template-hash.ts'

export const ACTIVE_OPERATION = new Set(['RUNNING', 'QUEUED', 'STOPPING'])

/** The templates as deployed: read from `dir`, the member role's with the config's member policy written in. */
export async function readTemplates(
  dir: string,
  names: Iterable<TemplateName>,
  baseline: Baseline,
): Promise<Partial<Record<TemplateName, string>>> {
  const unique = [...new Set(names)]
  const bodies = await Promise.all(
    unique.map(async (name) =>
      renderTemplate(name, await readFile(join(dir, `${name}.yaml`), 'utf8'), baseline),
    ),
  )
  return Object.fromEntries(unique.map((name, i) => [name, bodies[i]]))
}

/** The package's own templates, to compare with a user's templateDir; nothing when that is not set. */
export const readShipped = (
  fromConfig: boolean,
  names: Iterable<TemplateName>,
  baseline: Baseline,
): Promise<Partial<Record<TemplateName, string>>> =>
  fromConfig ? readTemplates(DEFAULT_TEMPLATE_DIR, names, baseline) : Promise.resolve({})

export const parametersOf = (list: { ParameterKey?: string; ParameterValue?: string }[] | undefined) =>
  Object.fromEntries(
    (list ?? [])
      .map((p): [string, string] => [p.ParameterKey ?? '', p.ParameterValue ?? ''])
      .sort(([a], [b]) => a.localeCompare(b)),
  ) as Parameters

const PROBLEM_FILTERS: StackInstanceFilter[] = [
  { Name: 'DETAILED_STATUS', Values: 'FAILED' },
  { Name: 'DETAILED_STATUS', Values: 'CANCELLED' },
  { Name: 'DETAILED_STATUS', Values: 'INOPERABLE' },
  { Name: 'DETAILED_STATUS', Values: 'SKIPPED_SUSPENDED_ACCOUNT' },
  // OUTDATED instances still deploying: never done (in-flight.ts).
  ...IN_FLIGHT_STATUSES.map((status): StackInstanceFilter => ({ Name: 'DETAILED_STATUS', Values: status })),
]
const DRIFTED_FILTER: StackInstanceFilter = { Name: 'DRIFT_STATUS', Values: 'DRIFTED' }

/**
 * Whether an instance can be DRIFTED. Only a drift detection sets an instance's drift status, and the stack
 * set's StackSetDriftDetectionDetails tell the last one's outcome (API reference): never checked, or a
 * completed check that found every instance in sync, means none is. Anything else (drifted, a check
 * running, partial, stopped or failed, no details) is listed.
 */
export function mayHaveDrifted(details: StackSetDriftDetectionDetails | undefined): boolean {
  if (details?.DriftDetectionStatus === 'IN_PROGRESS') return true
  if (details?.DriftStatus === 'NOT_CHECKED') return false
  return !(
    details?.DriftStatus === 'IN_SYNC' &&
    details.DriftDetectionStatus === 'COMPLETED' &&
    (details.DriftedStackInstancesCount ?? 0) === 0
  )
}

async function instancesMatching(
  client: CloudFormationClient,
  name: string,
  query: { filter?: StackInstanceFilter; account?: string },
): Promise<InstanceProblem[]> {
  const { filter: f, account } = query
  const pages = paginateListStackInstances(
    { client, pageSize: 100 },
    {
      StackSetName: name,
      ...(f ? { Filters: [f] } : {}),
      ...(account ? { StackInstanceAccount: account } : {}),
    },
  )
  const found = await collect(pages, (p) => p.Summaries)
  const kind = f ? (f.Values ?? '') : 'EXCLUDED'
  return found.map((s) => ({
    account: s.Account ?? '',
    region: s.Region ?? '',
    ...(s.OrganizationalUnitId ? { ou: s.OrganizationalUnitId } : {}),
    kind,
    ...(s.StatusReason ? { reason: s.StatusReason } : {}),
  }))
}

/** Instances whose stack could not be drift-checked by the newest operation (their stack is gone, typically). */
async function driftCheckFailures(
  client: CloudFormationClient,
  name: string,
  operationId: string,
  expected: number,
): Promise<InstanceProblem[]> {
  const { results, unlisted } = await settledFailedResults(client, name, operationId, expected)
  const problems: InstanceProblem[] = results.map((r) => ({
    account: r.Account ?? '',
    region: r.Region ?? '',
    ...(r.OrganizationalUnitId ? { ou: r.OrganizationalUnitId } : {}),
    kind: 'DRIFT_CHECK_FAILED',
    ...(r.StatusReason ? { reason: r.StatusReason } : {}),
  }))
  if (unlisted > 0) {
    problems.push({
      account: 'unknown',
      region: 'unknown',
      kind: 'DRIFT_CHECK_FAILED',
      reason: `${unlisted} more failed instance(s) that ListStackSetOperationResults did not list yet`,
    })
  }
  return problems
}

type OperationSummary = NonNullable<ListStackSetOperationsOutput['Summaries']>[number]

/**
 * The newest operation as DescribeStackSetOperation tells it: ListStackSetOperations is eventually
 * consistent and may still show an ended operation as running, without its failure count.
 */
async function confirmed(
  client: CloudFormationClient,
  name: string,
  listed: OperationSummary | undefined,
): Promise<OperationSummary | undefined> {
  if (!listed?.OperationId) return listed
  if (!ACTIVE_OPERATION.has(listed.Status ?? '') && listed.Action !== 'DETECT_DRIFT') return listed
  const { StackSetOperation: op } = await client.send(
    new DescribeStackSetOperationCommand({ StackSetName: name, OperationId: listed.OperationId }),
  )
  return op ? { ...listed, Status: op.Status, StatusDetails: op.StatusDetails } : listed
}

export async function observeStackSet(
  client: CloudFormationClient,
  template: TemplateName,
  excludedAccounts: string[],
  /** Without it only DescribeStackSet is read (apply needs the definition or placement alone). */
  withInstances = true,
): Promise<ObservedStackSet | null> {
  const name = stackSetName(template)
  let described: Awaited<ReturnType<typeof describe>>
  const describe = () => client.send(new DescribeStackSetCommand({ StackSetName: name }))
  try {
    described = await describe()
  } catch (error) {
    if (errorName(error) === 'StackSetNotFoundException') return null
    throw error
  }
  const ss = described.StackSet
  const rollout = pendingRollout(ss?.Description)
  const definition = {
    templateBody: ss?.TemplateBody ?? '',
    parameters: parametersOf(ss?.Parameters),
    ous: [...(ss?.OrganizationalUnitIds ?? [])].sort(),
    regions: [...(ss?.Regions ?? [])].sort(),
    autoDeployment: ss?.AutoDeployment?.Enabled ?? false,
    managedExecution: ss?.ManagedExecution?.Active ?? false,
    ...(rollout ? { rolloutPending: rollout } : {}),
  }
  if (!withInstances) return { ...definition, problems: [] }
  const filters = mayHaveDrifted(ss?.StackSetDriftDetectionDetails)
    ? [...PROBLEM_FILTERS, DRIFTED_FILTER]
    : PROBLEM_FILTERS
  const [lists, operations, excluded] = await Promise.all([
    Promise.all(filters.map((filter) => instancesMatching(client, name, { filter }))),
    client.send(new ListStackSetOperationsCommand({ StackSetName: name, MaxResults: 5 })),
    Promise.all(excludedAccounts.map((account) => instancesMatching(client, name, { account }))),
  ])
  const problems = [...lists.flat(), ...excluded.flat()]
  const newest = await confirmed(client, name, operations.Summaries?.[0])
  // A drift check's failures count only while nothing was deployed after it.
  const driftFailures = newest?.StatusDetails?.FailedStackInstancesCount ?? 0
  if (newest?.Action === 'DETECT_DRIFT' && driftFailures > 0) {
    problems.push(...(await driftCheckFailures(client, name, newest.OperationId ?? '', driftFailures)))
  }
  const active = Boolean(newest && ACTIVE_OPERATION.has(newest.Status ?? ''))
  return {
    ...definition,
    problems: withoutActiveWork(problems, active),
    ...(newest && active
      ? {
          activeOperation: {
            id: newest.OperationId ?? '',
            action: newest.Action ?? '',
            status: newest.Status ?? '',
          },
        }
      : {}),
  }
}

export async function observeStack(
  client: CloudFormationClient,
  template: TemplateName,
): Promise<ObservedStack | null> {
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName(template) }))
    const stack = Stacks?.[0]
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return null
    const hash = stack.Tags?.find((t) => t.Key === TEMPLATE_TAG)?.Value
    return {
      status: stack.StackStatus ?? '',
      ...(hash ? { templateHash: hash } : {}),
      parameters: parametersOf(stack.Parameters),
      drifted: stack.DriftInformation?.StackDriftStatus === 'DRIFTED',
      ...(stack.StackStatusReason ? { statusReason: stack.StackStatusReason } : {}),
    }
  } catch (error) {
    // DescribeStacks answers a missing stack with a ValidationError "Stack with id X does not exist".
    if (errorName(error) === 'ValidationError' && /does not exist/.test((error as Error).message)) return null
    throw error
  }
}

export async function observeStacks(
  ctx: Context,
  specs: StackSpec[],
): Promise<Record<string, ObservedStack | null>> {
  const found = await Promise.all(
    specs.map((s) => observeStack(ctx.aws.cloudformation(s.region, s.account), s.template)),
  )
  return Object.fromEntries(
    specs.map((s, i) => [stackAddress(s.template, s.account, s.region), found[i] ?? null]),
  )
}

export async function observeStacksets(ctx: Context, excludedAccounts: string[]): Promise<StacksetsObserved> {
  const { desired } = ctx
  const admin = stackSetAdmin(ctx)
  const sets = plannedStackSets(desired)
  const stacks = plannedStacks(desired)
  const names = [...sets.map((s) => s.template), ...stacks.map((s) => s.template)]
  const [templates, shipped, access, observedSets, observedStacks] = await Promise.all([
    readTemplates(desired.baseline.templateDir, names, desired.baseline),
    readShipped(desired.baseline.templateDirFromConfig, names, desired.baseline),
    admin.reader.send(new DescribeOrganizationsAccessCommand({})),
    Promise.all(
      sets.map(async (s) =>
        withRegionOptIn(ctx, await observeStackSet(admin.reader, s.template, excludedAccounts)),
      ),
    ),
    observeStacks(ctx, stacks),
  ])
  const known = [
    ...Object.values(templates),
    ...observedSets.map((s) => s?.templateBody).filter((b): b is string => b !== undefined),
  ]
  const withBodies = await Promise.all(
    stacks.map((s) => {
      const address = stackAddress(s.template, s.account, s.region)
      return withCurrentTemplate(
        ctx.aws.cloudformation(s.region, s.account),
        s.template,
        observedStacks[address] ?? null,
        templates[s.template] ?? '',
        known,
      )
    }),
  )
  return {
    templates,
    shipped,
    organizationsAccess: access.Status === 'ENABLED',
    stackSets: Object.fromEntries(sets.map((s, i) => [s.template, observedSets[i] ?? null])),
    stacks: Object.fromEntries(
      stacks.map((s, i) => [stackAddress(s.template, s.account, s.region), withBodies[i] ?? null]),
    ),
  }
}
