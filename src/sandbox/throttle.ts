// Request-rate limits, on with `throttle: 'aws'`: one token bucket per account, region, service and
// operation, refilled on *simulated* time, so a run at speed 1000 sees AWS's limits scaled to the clock it
// is told. Rates are AWS's where published (Security Hub, aws-facts §4); elsewhere conservative guesses,
// documented in README.md. Each service answers with its own throttling error, which the SDK retries.
import type { Clock } from './clock.ts'
import { SandboxError } from './errors.ts'

export interface Rate {
  /** Sustained requests per simulated second. */
  perSecond: number
  /** Bucket size: requests allowed at once after a quiet period. */
  burst: number
}

/** Security Hub's published per-account, per-Region rates (API reference, "Welcome"). */
const SECURITY_HUB: Record<string, Rate> = {
  BatchEnableStandards: { perSecond: 1, burst: 1 },
  GetFindings: { perSecond: 3, burst: 6 },
  BatchImportFindings: { perSecond: 10, burst: 30 },
  BatchUpdateFindings: { perSecond: 10, burst: 30 },
  UpdateStandardsControl: { perSecond: 1, burst: 5 },
}

/**
 * AWS Account Management's published per-account rates (Account Management reference guide, "Quotas for
 * AWS Account Management"); operations it does not list fall back to the service default below.
 */
const ACCOUNT: Record<string, Rate> = {
  GetAlternateContact: { perSecond: 10, burst: 15 },
  PutAlternateContact: { perSecond: 5, burst: 8 },
  DeleteAlternateContact: { perSecond: 1, burst: 6 },
  ListRegions: { perSecond: 5, burst: 5 },
  GetRegionOptStatus: { perSecond: 5, burst: 5 },
  EnableRegion: { perSecond: 1, burst: 1 },
  DisableRegion: { perSecond: 1, burst: 1 },
}

/** Unpublished rates: chosen low enough that a tool which does not pace itself gets throttled. */
const DEFAULT_RATES: Record<string, Rate> = {
  organizations: { perSecond: 10, burst: 15 },
  securityhub: { perSecond: 10, burst: 30 },
  sts: { perSecond: 50, burst: 100 },
  iam: { perSecond: 20, burst: 40 },
  account: { perSecond: 10, burst: 20 },
}
const FALLBACK_RATE: Rate = { perSecond: 20, burst: 40 }

export function rateFor(service: string, operation: string): Rate {
  if (service === 'securityhub') return SECURITY_HUB[operation] ?? (DEFAULT_RATES.securityhub as Rate)
  if (service === 'account') return ACCOUNT[operation] ?? (DEFAULT_RATES.account as Rate)
  return DEFAULT_RATES[service] ?? FALLBACK_RATE
}

export type Protocol = 'awsJson1_1' | 'awsQuery' | 'restJson1' | 'restXml'

/** The error a service throttles with: the code the SDK classifies as throttling, and the status AWS uses. */
export function throttlingError(service: string, protocol: Protocol): SandboxError {
  const rateExceeded = 'Rate exceeded'
  switch (service) {
    case 'organizations':
      // Historically 400, not 429 (aws-facts §1); the SDK retries it by its code.
      return new SandboxError(
        'TooManyRequestsException',
        'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.',
        400,
        { Type: 'TooManyRequests' },
      )
    case 'securityhub':
    case 'cloudtrail':
    // Inspector's model: ThrottlingException, httpError 429.
    case 'inspector2':
    case 'access-analyzer':
      return new SandboxError('ThrottlingException', rateExceeded, 429)
    case 'guardduty':
    case 'account':
      return new SandboxError('TooManyRequestsException', rateExceeded, 429)
    case 's3':
      // S3 API reference, "List of error codes": SlowDown, 503.
      return new SandboxError('SlowDown', 'Please reduce your request rate.', 503)
  }
  if (protocol === 'awsQuery') return new SandboxError('Throttling', rateExceeded, 400)
  if (protocol === 'restJson1') return new SandboxError('TooManyRequestsException', rateExceeded, 429)
  return new SandboxError('ThrottlingException', rateExceeded, 400)
}

interface Bucket {
  tokens: number
  updatedAt: number
}

export class Throttle {
  private readonly buckets = new Map<string, Bucket>()
  /** Per `service` or `service:Operation` overrides set by a control, e.g. to provoke throttling in a test. */
  readonly overrides = new Map<string, Rate>()

  constructor(
    private readonly clock: Clock,
    public enabled: boolean,
  ) {}

  /** Takes a token, or returns the throttling error to answer with. */
  take(service: string, protocol: Protocol, operation: string, account: string, region: string) {
    if (!this.enabled) return undefined
    const rate =
      this.overrides.get(`${service}:${operation}`) ??
      this.overrides.get(service) ??
      rateFor(service, operation)
    const key = `${account}|${region}|${service}|${operation}`
    const now = this.clock.now()
    const bucket = this.buckets.get(key) ?? { tokens: rate.burst, updatedAt: now }
    bucket.tokens = Math.min(rate.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate.perSecond)
    bucket.updatedAt = now
    this.buckets.set(key, bucket)
    if (bucket.tokens < 1) return throttlingError(service, protocol)
    bucket.tokens -= 1
    return undefined
  }

  reset(): void {
    this.buckets.clear()
  }
}
