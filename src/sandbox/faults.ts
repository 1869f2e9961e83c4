// Injected faults, from a spec such as `throttle=0.2,5xx=0.05,conflict=0.2@AttachPolicy,in-progress=0.1`:
// each rule is `kind=probability`, optionally limited `@` to one operation or one service (signing name).
// A seeded PRNG makes a given sandbox fail the same way every run. Faults are decided before the handler
// runs, so a faulted write changes nothing.
import { SandboxError } from './errors.ts'
import { prng } from './prng.ts'
import { type Protocol, throttlingError } from './throttle.ts'

export type FaultKind = 'throttle' | '5xx' | 'conflict' | 'in-progress'
const KINDS: FaultKind[] = ['throttle', '5xx', 'conflict', 'in-progress']

export interface FaultRule {
  kind: FaultKind
  probability: number
  /** An operation name (`AttachPolicy`) or a service (signing or registry name); undefined = all. */
  target?: string
}

export class FaultSpecError extends Error {
  override name = 'FaultSpecError'
}

export function parseFaultSpec(spec: string): FaultRule[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([\w-]+)=([\d.]+)(?:@([\w.-]+))?$/.exec(part)
      const kind = match?.[1] as FaultKind | undefined
      const probability = Number(match?.[2])
      if (!match || !kind || !KINDS.includes(kind)) {
        throw new FaultSpecError(
          `Fault "${part}" is not kind=probability[@target]; kinds: ${KINDS.join(', ')}`,
        )
      }
      if (!(probability >= 0 && probability <= 1)) {
        throw new FaultSpecError(`Fault "${part}": probability must be between 0 and 1`)
      }
      return match[3] ? { kind, probability, target: match[3] } : { kind, probability }
    })
}

/** Reads (Describe/List/Get…) never get write-only faults. */
export const isWrite = (operation: string) =>
  !/^(Describe|List|Get|Search|BatchGet|Lookup|Select)/.test(operation)

/** CloudFormation operations that start a stack-set operation, the ones AWS refuses while another runs. */
const STACK_SET_WRITES = new Set([
  'UpdateStackSet',
  'DeleteStackSet',
  'CreateStackInstances',
  'UpdateStackInstances',
  'DeleteStackInstances',
  'DetectStackSetDrift',
  'ImportStacksToStackSet',
])

export class Faults {
  rules: FaultRule[] = []
  private random: () => number
  /** Operation → how many more of its answers to lose after the handler committed (`dropResponses`). */
  private readonly drops = new Map<string, number>()

  constructor(spec = '', seed = 1) {
    this.random = prng(seed)
    this.set(spec, seed)
  }

  set(spec: string, seed?: number): void {
    this.rules = parseFaultSpec(spec)
    if (seed !== undefined) this.random = prng(seed)
  }

  /** The next `count` successful answers of `operation` are lost after the write is done (the connection closes). */
  dropResponses(operation: string, count: number): void {
    if (count > 0) this.drops.set(operation, count)
    else this.drops.delete(operation)
  }

  /** Whether this successful answer is to be lost; counts it down. */
  takeDrop(operation: string): boolean {
    const left = this.drops.get(operation) ?? 0
    if (left <= 0) return false
    this.dropResponses(operation, left - 1)
    return true
  }

  /**
   * The fault to answer with for this call, if the dice say so. `service` is the signing name; `alias` the
   * registry name where it differs (`eventbridge` signs as `events`), so either works as a target.
   */
  pick(service: string, protocol: Protocol, operation: string, alias?: string): SandboxError | undefined {
    for (const rule of this.rules) {
      if (rule.target && rule.target !== operation && rule.target !== service && rule.target !== alias)
        continue
      if (!applies(rule.kind, service, operation)) continue
      if (this.random() >= rule.probability) continue
      return faultError(rule.kind, service, protocol)
    }
    return undefined
  }
}

function applies(kind: FaultKind, service: string, operation: string): boolean {
  if (kind === 'conflict') return isWrite(operation) && conflictError(service) !== undefined
  if (kind === 'in-progress') return service === 'cloudformation' && STACK_SET_WRITES.has(operation)
  return true
}

/** Each service's own error names and statuses (SDK models). */
function faultError(kind: FaultKind, service: string, protocol: Protocol): SandboxError {
  switch (kind) {
    case 'throttle':
      return throttlingError(service, protocol)
    case 'conflict':
      return conflictError(service) as SandboxError
    case 'in-progress':
      return new SandboxError(
        'OperationInProgressException',
        'Another Operation on StackSet is in progress',
        409,
      )
    case '5xx':
      return serverError(service, protocol)
  }
}

/** The error each service's model uses for a concurrent modification; none for services that have none. */
function conflictError(service: string): SandboxError | undefined {
  const retry = 'The resource is being modified by another request. Try again later.'
  switch (service) {
    case 'organizations':
      return new SandboxError(
        'ConcurrentModificationException',
        'AWS Organizations can’t complete your request because it conflicts with another attempt to modify the same entity. Try again later.',
        409,
      )
    case 'iam':
      return new SandboxError('ConcurrentModification', retry, 409)
    case 'config':
      return new SandboxError('ResourceConcurrentModificationException', retry, 400)
    case 'cloudtrail':
    case 'events':
      return new SandboxError('ConcurrentModificationException', retry, 400)
    case 'guardduty':
      return new SandboxError('ConflictException', retry, 409)
    default:
      // Security Hub's ResourceConflictException means a real conflict, not a race; STS, Account and
      // CloudFormation (whose race is OperationInProgress, the `in-progress` fault) have no such error.
      return undefined
  }
}

function serverError(service: string, protocol: Protocol): SandboxError {
  const later = 'An internal error occurred. Try again later.'
  switch (service) {
    case 'organizations':
      return new SandboxError(
        'ServiceException',
        'AWS Organizations can’t complete your request because of an internal service error. Try again later.',
        500,
      )
    case 'guardduty':
      return new SandboxError('InternalServerErrorException', later, 500)
    case 's3':
      // S3 API reference, "List of error codes": InternalError, 500.
      return new SandboxError('InternalError', 'We encountered an internal error. Please try again.', 500)
    case 'securityhub':
    case 'events':
      return new SandboxError('InternalException', later, 500)
    case 'account':
    case 'inspector2':
    case 'access-analyzer':
      return new SandboxError('InternalServerException', later, 500)
  }
  return protocol === 'awsQuery'
    ? new SandboxError('ServiceUnavailable', 'Service is unavailable. Try again later.', 503)
    : new SandboxError('InternalFailure', later, 500)
}
