// The organization configuration the config asks for, made explicit: every feature is ALL/NEW when listed
// and NONE when not (off means off), and the two runtime-monitoring kinds are never sent together.
import type { OrgConfig } from '../../config/schema.ts'
import { GUARDDUTY_FEATURES, RUNTIME_AGENTS } from '../../config/schema.ts'
import type {
  AutoEnableMode,
  DetectorFeaturesState,
  FeatureStatus,
  ObservedDetectorFeatures,
  ObservedOrgConfig,
  OrgConfigState,
} from './observed.ts'
import { isOffered } from './regional-features.ts'

const RUNTIME = 'RUNTIME_MONITORING'
const EKS_RUNTIME = 'EKS_RUNTIME_MONITORING'

/** The runtime-monitoring feature the config uses (RUNTIME_MONITORING unless it names the EKS-only one). */
export function runtimeKind(config: OrgConfig['guardDuty']): string {
  return (config.features as readonly string[]).includes(EKS_RUNTIME) ? EKS_RUNTIME : RUNTIME
}

/** The other runtime kind: sent only to switch it off, and then in a request of its own. */
export function unusedRuntimeKind(config: OrgConfig['guardDuty']): string {
  return runtimeKind(config) === RUNTIME ? EKS_RUNTIME : RUNTIME
}

/**
 * What the organization configuration must be in one region. `observed` only decides whether the unused
 * runtime kind must be switched off (it is left out when already off, so it is never sent needlessly);
 * features GuardDuty does not offer in `region` are left out (regional-features.ts).
 */
export function desiredOrgConfig(
  config: OrgConfig['guardDuty'],
  observed: ObservedOrgConfig | null,
  region?: string,
): OrgConfigState {
  const mode = config.autoEnable
  const listed = new Set<string>(config.features)
  const unused = unusedRuntimeKind(config)
  const features: Record<string, AutoEnableMode> = {}
  for (const name of GUARDDUTY_FEATURES) {
    if (region && !isOffered(name, region)) continue
    if (name === unused) {
      if ((observed?.features[name] ?? 'NONE') !== 'NONE') features[name] = 'NONE'
      continue
    }
    features[name] = listed.has(name) ? mode : 'NONE'
  }
  const state: OrgConfigState = { autoEnable: mode, features }
  if (runtimeKind(config) === RUNTIME) {
    const agents = new Set<string>(config.runtimeAgents)
    state.runtimeAgents = Object.fromEntries(
      RUNTIME_AGENTS.map((agent) => [agent, agents.has(agent) ? mode : 'NONE']),
    )
  }
  return state
}

/** The observed configuration in the shape of `like`, so the two compare key for key. */
export function projectOrgConfig(observed: ObservedOrgConfig, like: OrgConfigState): OrgConfigState {
  const features = Object.fromEntries(
    Object.keys(like.features).map((name) => [name, observed.features[name] ?? 'NONE']),
  )
  const state: OrgConfigState = { autoEnable: observed.autoEnable, features }
  if (like.runtimeAgents) {
    const agents = observed.additional[RUNTIME] ?? {}
    state.runtimeAgents = Object.fromEntries(
      Object.keys(like.runtimeAgents).map((agent) => [agent, agents[agent] ?? 'NONE']),
    )
  }
  return state
}

/**
 * What the administrator's own detector must have in one region: listed features ENABLED, the others
 * DISABLED (off means off), with the same runtime rules as the organization configuration. `observed` only
 * decides whether the unused runtime kind must be switched off (left out when already off or unknown).
 */
export function desiredDetectorFeatures(
  config: OrgConfig['guardDuty'],
  observed: ObservedDetectorFeatures | null,
  region?: string,
): DetectorFeaturesState {
  const listed = new Set<string>(config.features)
  const unused = unusedRuntimeKind(config)
  const features: Record<string, FeatureStatus> = {}
  for (const name of GUARDDUTY_FEATURES) {
    if (region && !isOffered(name, region)) continue
    if (name === unused) {
      if ((observed?.features[name] ?? 'DISABLED') !== 'DISABLED') features[name] = 'DISABLED'
      continue
    }
    features[name] = listed.has(name) ? 'ENABLED' : 'DISABLED'
  }
  const state: DetectorFeaturesState = { features }
  if (runtimeKind(config) === RUNTIME) {
    const agents = new Set<string>(config.runtimeAgents)
    state.runtimeAgents = Object.fromEntries(
      RUNTIME_AGENTS.map((agent) => [agent, agents.has(agent) ? 'ENABLED' : 'DISABLED']),
    )
  }
  return state
}

/** The observed detector features in the shape of `like`, so the two compare key for key. */
export function projectDetectorFeatures(
  observed: ObservedDetectorFeatures,
  like: DetectorFeaturesState,
): DetectorFeaturesState {
  const features = Object.fromEntries(
    Object.keys(like.features).map((name) => [name, observed.features[name] ?? 'DISABLED']),
  )
  const state: DetectorFeaturesState = { features }
  if (like.runtimeAgents) {
    const agents = observed.additional[RUNTIME] ?? {}
    state.runtimeAgents = Object.fromEntries(
      Object.keys(like.runtimeAgents).map((agent) => [agent, agents[agent] ?? 'DISABLED']),
    )
  }
  return state
}
