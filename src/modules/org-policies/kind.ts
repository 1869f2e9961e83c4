// One Organizations policy type as the org-policies modules manage it: the declarative EC2 baseline and
// the resource control policies share observe / diff / apply (and the SCP module's listing and ownership
// rules: policies are ours by the tag org-baseline:managed=true, never by name).
import type { PolicyType } from '@aws-sdk/client-organizations'
import type { ResolvedTarget } from '../../engine/desired.ts'

export interface PolicyKind {
  type: PolicyType
  /** Module name, also the prefix of every change address. */
  module: string
  /** How plans name one policy of the type. */
  noun: string
  /** The AWS-managed policy attached everywhere while the type is enabled (it counts toward the limit). */
  managedEverywhere?: string
  /** Largest document AWS accepts, in characters (aws-facts §1 "SCP limits": RCP 5,120; declarative 10,000). */
  maxCharacters: number
}

/** Policies of one type attached to one root, OU or account (aws-facts §1; the same for RCPs and declarative). */
export const MAX_PER_TARGET = 5

/** A policy the config asks for, ready to send. */
export interface WantedPolicy {
  name: string
  document: unknown
  /** The exact text sent. */
  minified: string
  targets: ResolvedTarget[]
  /** Where it comes from, for the plan. */
  source: string
  /** Attaching it relaxes the guardrail where it is attached (a declarative exception). */
  relaxes?: boolean
}

export const policyAddress = (kind: PolicyKind, name: string) => `${kind.module}.policy[${name}]`
export const attachmentAddress = (kind: PolicyKind, name: string, label: string) =>
  `${kind.module}.attachment[${name}→${label}]`
export const policyTypeAddress = (kind: PolicyKind) => `${kind.module}.policy-type[${kind.type}]`
