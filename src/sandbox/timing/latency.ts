// Per-call latency of the `aws` timing profile (simulated ms): how long AWS takes to answer one call, seen from
// a client in the home Region on a kept-alive connection. AWS publishes no latencies; the figures are chosen
// (README, "Timing profile `aws`"): a read is a round trip plus a lookup, a write also persists and often starts
// asynchronous work, global services (IAM, Organizations) answer from us-east-1 only.

/** Base latency of a read (Describe/List/Get/…) and of a write, per service signing name. */
const SERVICE_MS: Record<string, { read: number; write: number }> = {
  organizations: { read: 120, write: 300 },
  iam: { read: 100, write: 250 },
  sts: { read: 60, write: 60 },
  cloudformation: { read: 80, write: 350 },
  guardduty: { read: 60, write: 200 },
  securityhub: { read: 70, write: 250 },
  config: { read: 60, write: 200 },
  cloudtrail: { read: 60, write: 250 },
  events: { read: 50, write: 150 },
  sns: { read: 50, write: 150 },
  s3: { read: 40, write: 120 },
  kms: { read: 30, write: 150 },
  account: { read: 80, write: 200 },
}
const FALLBACK_MS = { read: 60, write: 200 }

/** Calls known to take longer than their service's writes (they start work across accounts or Regions). */
const OPERATION_MS: Record<string, number> = {
  'sts:AssumeRole': 120,
  'cloudformation:CreateStackSet': 600,
  'cloudformation:CreateStackInstances': 800,
  'cloudformation:UpdateStackSet': 800,
  'cloudformation:UpdateStackInstances': 800,
  'cloudformation:DeleteStackInstances': 800,
  'cloudformation:DetectStackSetDrift': 800,
  'organizations:EnableAWSServiceAccess': 1500,
  'organizations:RegisterDelegatedAdministrator': 1000,
  'securityhub:BatchEnableStandards': 1000,
}

const READ = /^(Describe|List|Get|Head|Batch?Get|Check|Validate|Search|Lookup|Estimate|Detect(?!StackSet))/

export function isRead(operation: string): boolean {
  return READ.test(operation)
}

/** Simulated milliseconds AWS takes to answer `operation` of the service with this signing name. */
export function callLatencyMs(signingName: string, operation: string): number {
  const specific = OPERATION_MS[`${signingName}:${operation}`]
  if (specific !== undefined) return specific
  const base = SERVICE_MS[signingName] ?? FALLBACK_MS
  return isRead(operation) ? base.read : base.write
}
