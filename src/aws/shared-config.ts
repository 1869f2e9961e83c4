// Settings each SDK client would otherwise resolve for itself from the environment and the shared config
// files — FIPS and dual-stack endpoints, the user agent's app id, the auth scheme preference — resolved once
// for all of a run's clients. None depends on the client's service or region; per client, each was a chain
// (environment → config file → default) that builds and throws an error at every miss: about 1.5 ms of a
// client's first call, times the ~60 clients of a plan. They are read from the run's profile (--profile), as
// its credentials are; the SDK clients, given no profile, read AWS_PROFILE or `default`.
import { NODE_APP_ID_CONFIG_OPTIONS } from '@aws-sdk/core/client'
import { NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } from '@aws-sdk/core/httpAuthSchemes'
import {
  loadConfig,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
} from '@smithy/core/config'

export interface SharedClientConfig {
  useFipsEndpoint: () => Promise<boolean>
  useDualstackEndpoint: () => Promise<boolean>
  userAgentAppId: () => Promise<string | undefined>
  authSchemePreference: () => Promise<string[]>
}

/** Memoized providers to pass in every client's configuration. */
export function sharedClientConfig(profile?: string): SharedClientConfig {
  const source = profile ? { profile } : {}
  return {
    useFipsEndpoint: loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, source),
    useDualstackEndpoint: loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, source),
    userAgentAppId: loadConfig(NODE_APP_ID_CONFIG_OPTIONS, source),
    authSchemePreference: loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, source),
  }
}
