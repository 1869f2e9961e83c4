// GuardDuty protection plans ("features") as the 2026 model names them, and the rules AWS applies to them.
import { badRequest, INVALID_INPUT } from './errors.ts'

/** OrgFeature: what UpdateOrganizationConfiguration accepts (aws-facts §3). */
export const ORG_FEATURES = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'EKS_RUNTIME_MONITORING',
  'LAMBDA_NETWORK_LOGS',
  'RUNTIME_MONITORING',
  'AI_PROTECTION',
] as const

/** DetectorFeature: what CreateDetector / UpdateDetector accept (same set as the organization's). */
export const DETECTOR_FEATURES = ORG_FEATURES

/** Foundational sources every detector reports as enabled; they cannot be switched off. */
export const FOUNDATIONAL_FEATURES = ['CLOUD_TRAIL', 'DNS_LOGS', 'FLOW_LOGS'] as const

export const ADDITIONAL_CONFIGURATIONS = [
  'EKS_ADDON_MANAGEMENT',
  'ECS_FARGATE_AGENT_MANAGEMENT',
  'EC2_AGENT_MANAGEMENT',
] as const

/** Which features carry agent-management sub-settings. */
const ADDITIONAL_BY_FEATURE: Record<string, readonly string[]> = {
  RUNTIME_MONITORING: ADDITIONAL_CONFIGURATIONS,
  EKS_RUNTIME_MONITORING: ['EKS_ADDON_MANAGEMENT'],
}

export type AutoEnable = 'NEW' | 'ALL' | 'NONE'
export const AUTO_ENABLE_VALUES: readonly AutoEnable[] = ['NEW', 'ALL', 'NONE']

export interface OrgFeatureSetting {
  autoEnable: AutoEnable
  additional: Map<string, AutoEnable>
  /** Periods the feature was auto-enabled (ALL / NEW), so members reached earlier keep what they got. */
  history: Array<{ mode: 'ALL' | 'NEW'; from: number; to: number | undefined }>
}

export type FeatureStatus = 'ENABLED' | 'DISABLED'

export interface DetectorFeatureSetting {
  status: FeatureStatus
  updatedAt: Date
  additional: Map<string, { status: FeatureStatus; updatedAt: Date }>
}

export function additionalConfigurationsOf(feature: string): readonly string[] {
  return ADDITIONAL_BY_FEATURE[feature] ?? []
}

interface WireFeature {
  name?: unknown
  autoEnable?: unknown
  status?: unknown
  additionalConfiguration?: unknown
}

function asList(value: unknown): WireFeature[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw badRequest(INVALID_INPUT)
  return value as WireFeature[]
}

/** Rejects the two runtime-monitoring features together: AWS treats them as one plan (aws-facts §3). */
function rejectRuntimeConflict(names: string[]): void {
  if (names.includes('EKS_RUNTIME_MONITORING') && names.includes('RUNTIME_MONITORING')) {
    throw badRequest(
      'The request is rejected because EKS_RUNTIME_MONITORING and RUNTIME_MONITORING cannot be specified together. Use RUNTIME_MONITORING only.',
    )
  }
}

export interface OrgFeatureUpdate {
  name: string
  autoEnable: AutoEnable | undefined
  additional: Map<string, AutoEnable>
}

/** Validates `features[]` of UpdateOrganizationConfiguration (wire names). */
export function parseOrgFeatures(value: unknown): OrgFeatureUpdate[] {
  const list = asList(value)
  const updates = list.map((f) => {
    const name = String(f.name ?? '')
    if (!(ORG_FEATURES as readonly string[]).includes(name)) throw badRequest(INVALID_INPUT)
    const autoEnable = f.autoEnable === undefined ? undefined : parseAutoEnable(f.autoEnable)
    const additional = new Map<string, AutoEnable>()
    for (const a of asList(f.additionalConfiguration)) {
      const aName = String(a.name ?? '')
      if (!additionalConfigurationsOf(name).includes(aName)) throw badRequest(INVALID_INPUT)
      additional.set(aName, parseAutoEnable(a.autoEnable))
    }
    return { name, autoEnable, additional }
  })
  const names = updates.map((u) => u.name)
  if (new Set(names).size !== names.length) throw badRequest(INVALID_INPUT)
  rejectRuntimeConflict(names)
  return updates
}

export interface DetectorFeatureUpdate {
  name: string
  status: FeatureStatus | undefined
  additional: Map<string, FeatureStatus>
}

/** Validates `features[]` of CreateDetector / UpdateDetector (wire names). */
export function parseDetectorFeatures(value: unknown): DetectorFeatureUpdate[] {
  const list = asList(value)
  const updates = list.map((f) => {
    const name = String(f.name ?? '')
    if (!(DETECTOR_FEATURES as readonly string[]).includes(name)) throw badRequest(INVALID_INPUT)
    const status = f.status === undefined ? undefined : parseStatus(f.status)
    const additional = new Map<string, FeatureStatus>()
    for (const a of asList(f.additionalConfiguration)) {
      const aName = String(a.name ?? '')
      if (!additionalConfigurationsOf(name).includes(aName)) throw badRequest(INVALID_INPUT)
      additional.set(aName, parseStatus(a.status))
    }
    return { name, status, additional }
  })
  const names = updates.map((u) => u.name)
  if (new Set(names).size !== names.length) throw badRequest(INVALID_INPUT)
  rejectRuntimeConflict(names)
  return updates
}

export function parseAutoEnable(value: unknown): AutoEnable {
  if (typeof value === 'string' && (AUTO_ENABLE_VALUES as readonly string[]).includes(value))
    return value as AutoEnable
  throw badRequest(INVALID_INPUT)
}

function parseStatus(value: unknown): FeatureStatus {
  if (value === 'ENABLED' || value === 'DISABLED') return value
  throw badRequest(INVALID_INPUT)
}

/**
 * The legacy `dataSources` block maps onto features (the GuardDuty API reference: data sources were
 * superseded by features; S3Logs = S3_DATA_EVENTS, Kubernetes audit logs = EKS_AUDIT_LOGS, EBS malware
 * scanning = EBS_MALWARE_PROTECTION).
 */
export function legacyDataSourceFeatures(
  dataSources: unknown,
  key: 'enable' | 'autoEnable',
): Map<string, boolean> {
  const out = new Map<string, boolean>()
  if (!dataSources || typeof dataSources !== 'object') return out
  const ds = dataSources as Record<string, Record<string, unknown> | undefined>
  const flag = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined)
  const s3 = flag(ds.s3Logs)
  if (typeof s3 === 'boolean') out.set('S3_DATA_EVENTS', s3)
  const audit = flag((ds.kubernetes as Record<string, unknown> | undefined)?.auditLogs)
  if (typeof audit === 'boolean') out.set('EKS_AUDIT_LOGS', audit)
  const scan = (ds.malwareProtection as Record<string, unknown> | undefined)?.scanEc2InstanceWithFindings as
    | Record<string, unknown>
    | undefined
  const ebs = key === 'enable' ? scan?.ebsVolumes : flag(scan?.ebsVolumes)
  if (typeof ebs === 'boolean') out.set('EBS_MALWARE_PROTECTION', ebs)
  return out
}
