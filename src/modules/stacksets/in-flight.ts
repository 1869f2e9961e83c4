// Stack instances still PENDING or RUNNING (CloudFormation's StackInstanceDetailedStatus; their Status is
// OUTDATED): never done. While a stack set operation is active they are its work and the plan waits for it
// (the "apply waits for it" note); once no operation is active they were left unfinished — the operation
// that should have deployed them ended (stopped, failed past tolerance) — and are deployed again.
import type { InstanceProblem } from './observed.ts'

/** The detailed statuses of an instance whose deployment has not finished (API reference, StackInstanceSummary). */
export const IN_FLIGHT_STATUSES = ['PENDING', 'RUNNING'] as const

export const isInFlight = (p: InstanceProblem) => (IN_FLIGHT_STATUSES as readonly string[]).includes(p.kind)

/** The problems to plan from: in-flight instances only when no operation is active to finish them. */
export const withoutActiveWork = (
  problems: InstanceProblem[],
  operationActive: boolean,
): InstanceProblem[] => (operationActive ? problems.filter((p) => !isInFlight(p)) : problems)
