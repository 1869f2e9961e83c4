// Detectors: one per account per region (GuardDuty quotas: "Detectors per account per Region: 1", not
// adjustable). Routes CreateDetector, ListDetectors, GetDetector, UpdateDetector, DeleteDetector,
// UpdateMalwareScanSettings.

import type { CallContext, RestRequest } from '../service.ts'
import { badRequest, DETECTOR_EXISTS, DETECTOR_NOT_OWNED, INVALID_INPUT } from './errors.ts'
import {
  additionalConfigurationsOf,
  DETECTOR_FEATURES,
  type DetectorFeatureSetting,
  type FeatureStatus,
  FOUNDATIONAL_FEATURES,
  legacyDataSourceFeatures,
  parseDetectorFeatures,
} from './features.ts'
import { detectorView, materializeDetector, memberView, newDetectorId } from './membership.ts'
import { pageOf } from './paging.ts'
import { refuseFeaturesNotOffered } from './regional-features.ts'
import { type Detector, type RegionState, regionState } from './state.ts'

const FREQUENCIES = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS']

/** The caller's detector with this id, or AWS's "not owned" answer. */
export function ownDetector(
  ctx: CallContext,
  detectorId: string | undefined,
): { rs: RegionState; detector: Detector } {
  const rs = regionState(ctx.world, ctx.region)
  const detector = detectorView(ctx.world, rs, ctx.region, ctx.account)
  if (!detector || detector.id !== detectorId) throw badRequest(DETECTOR_NOT_OWNED)
  return { rs, detector }
}

/** A detector with every protection plan off; features the caller lists are then applied on top. */
export function newDetector(ctx: CallContext, account: string): Detector {
  const at = ctx.world.clock.date()
  const features = new Map<string, DetectorFeatureSetting>()
  for (const name of DETECTOR_FEATURES) {
    if (name === 'EKS_RUNTIME_MONITORING') continue
    const additional = new Map<string, { status: FeatureStatus; updatedAt: Date }>()
    for (const a of additionalConfigurationsOf(name)) additional.set(a, { status: 'DISABLED', updatedAt: at })
    features.set(name, { status: 'DISABLED', updatedAt: at, additional })
  }
  return {
    id: newDetectorId(`${account}:${ctx.region}:${ctx.world.nextId()}`),
    createdAt: at,
    updatedAt: at,
    status: 'ENABLED',
    findingPublishingFrequency: 'SIX_HOURS',
    features,
    tags: {},
  }
}

function applyDetectorChanges(detector: Detector, body: Record<string, unknown>, at: Date): void {
  if (body.enable !== undefined) {
    if (typeof body.enable !== 'boolean') throw badRequest(INVALID_INPUT)
    detector.status = body.enable ? 'ENABLED' : 'DISABLED'
  }
  if (body.findingPublishingFrequency !== undefined) {
    if (!FREQUENCIES.includes(String(body.findingPublishingFrequency))) throw badRequest(INVALID_INPUT)
    detector.findingPublishingFrequency = String(body.findingPublishingFrequency)
  }
  const updates = parseDetectorFeatures(body.features)
  const legacy = legacyDataSourceFeatures(body.dataSources, 'enable')
  if (updates.length > 0 && legacy.size > 0) throw badRequest(INVALID_INPUT)
  for (const [name, on] of legacy)
    updates.push({ name, status: on ? 'ENABLED' : 'DISABLED', additional: new Map() })
  for (const u of updates) {
    const current = detector.features.get(u.name) ?? {
      status: 'DISABLED',
      updatedAt: at,
      additional: new Map(),
    }
    if (u.status !== undefined) current.status = u.status
    for (const [a, status] of u.additional) current.additional.set(a, { status, updatedAt: at })
    current.updatedAt = at
    detector.features.set(u.name, current)
  }
  detector.updatedAt = at
}

export function createDetector(req: RestRequest, ctx: CallContext) {
  if (typeof req.body.enable !== 'boolean') throw badRequest(INVALID_INPUT)
  const rs = regionState(ctx.world, ctx.region)
  if (detectorView(ctx.world, rs, ctx.region, ctx.account)) throw badRequest(DETECTOR_EXISTS)
  refuseFeaturesNotOffered(ctx.region, req.body.features)
  const detector = newDetector(ctx, ctx.account)
  applyDetectorChanges(detector, req.body, detector.createdAt)
  if (req.body.tags && typeof req.body.tags === 'object')
    detector.tags = { ...(req.body.tags as Record<string, string>) }
  rs.detectors.set(ctx.account, detector)
  return { detectorId: detector.id }
}

export function listDetectors(req: RestRequest, ctx: CallContext) {
  const rs = regionState(ctx.world, ctx.region)
  const detector = detectorView(ctx.world, rs, ctx.region, ctx.account)
  const page = pageOf(
    detector ? [detector.id] : [],
    req.query.get('maxResults') ?? undefined,
    req.query.get('nextToken'),
    ctx,
  )
  return { detectorIds: page.items, nextToken: page.nextToken }
}

function featureResults(detector: Detector) {
  const foundational = FOUNDATIONAL_FEATURES.map((name) => ({
    name,
    status: detector.status === 'ENABLED' ? 'ENABLED' : 'DISABLED',
    updatedAt: detector.createdAt,
  }))
  const plans = [...detector.features].map(([name, f]) => ({
    name,
    status: f.status,
    updatedAt: f.updatedAt,
    additionalConfiguration: f.additional.size
      ? [...f.additional].map(([a, s]) => ({ name: a, status: s.status, updatedAt: s.updatedAt }))
      : undefined,
  }))
  return [...foundational, ...plans]
}

export function getDetector(req: RestRequest, ctx: CallContext) {
  const { detector } = ownDetector(ctx, req.params.DetectorId)
  const status = (name: string) => ({ status: detector.features.get(name)?.status ?? 'DISABLED' })
  return {
    serviceRole: `arn:aws:iam::${ctx.account}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
    status: detector.status,
    createdAt: detector.createdAt.toISOString(),
    updatedAt: detector.updatedAt.toISOString(),
    findingPublishingFrequency: detector.findingPublishingFrequency,
    dataSources: {
      cloudTrail: { status: 'ENABLED' },
      dnsLogs: { status: 'ENABLED' },
      flowLogs: { status: 'ENABLED' },
      s3Logs: status('S3_DATA_EVENTS'),
      kubernetes: { auditLogs: status('EKS_AUDIT_LOGS') },
      malwareProtection: {
        scanEc2InstanceWithFindings: { ebsVolumes: status('EBS_MALWARE_PROTECTION') },
        serviceRole: `arn:aws:iam::${ctx.account}:role/aws-service-role/malware-protection.guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDutyMalwareProtection`,
      },
    },
    tags: detector.tags,
    features: featureResults(detector),
  }
}

export function updateDetector(req: RestRequest, ctx: CallContext) {
  const { rs, detector } = ownDetector(ctx, req.params.DetectorId)
  const stored = rs.detectors.get(ctx.account) ?? materializeDetector(rs, ctx.account, detector)
  refuseFeaturesNotOffered(ctx.region, req.body.features)
  applyDetectorChanges(stored, req.body, ctx.world.clock.date())
  return {}
}

/** Stores what it is given on the caller's own detector (GuardDuty API reference, UpdateMalwareScanSettings). */
export function updateMalwareScanSettings(req: RestRequest, ctx: CallContext) {
  const { rs, detector } = ownDetector(ctx, req.params.DetectorId)
  const stored = rs.detectors.get(ctx.account) ?? materializeDetector(rs, ctx.account, detector)
  const current = stored.malwareScanSettings ?? {}
  stored.malwareScanSettings = {
    ...current,
    ...(req.body.ebsSnapshotPreservation !== undefined
      ? { ebsSnapshotPreservation: String(req.body.ebsSnapshotPreservation) }
      : {}),
    ...(req.body.scanResourceCriteria !== undefined
      ? { scanResourceCriteria: req.body.scanResourceCriteria }
      : {}),
  }
  return {}
}

export function deleteDetector(req: RestRequest, ctx: CallContext) {
  const { rs } = ownDetector(ctx, req.params.DetectorId)
  // Organization members cannot turn GuardDuty off themselves; their administrator manages them.
  if (memberView(ctx.world, rs, ctx.region, ctx.account)?.relationship === 'Enabled') {
    throw badRequest(
      'The request is rejected because the current account is a member account managed by a GuardDuty administrator.',
    )
  }
  rs.detectors.set(ctx.account, null)
  return {}
}
