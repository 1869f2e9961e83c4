// The registry through which CloudFormation stacks create real state in the other simulated services.
// A service registers a provider for each resource type it owns at module load; types without a provider
// are recorded by CloudFormation alone (physical id generated, attributes synthesised).
import type { World } from '../../state.ts'

export interface ResourceContext {
  world: World
  account: string
  region: string
  stackName: string
  logicalId: string
}

export interface ResourceProvider {
  create(
    props: Record<string, unknown>,
    ctx: ResourceContext,
  ): { physicalId: string; attributes?: Record<string, unknown> }
  update?(
    physicalId: string,
    props: Record<string, unknown>,
    ctx: ResourceContext,
    // biome-ignore lint/suspicious/noConfusingVoidType: the shared contract lets an update return nothing
  ): { attributes?: Record<string, unknown> } | void
  delete(physicalId: string, ctx: ResourceContext): void
  /** The resource's actual properties now, for drift detection; undefined when it no longer exists. */
  read?(physicalId: string, ctx: ResourceContext): Record<string, unknown> | undefined
}

const providers = new Map<string, ResourceProvider>()

export function registerResourceProvider(type: string, provider: ResourceProvider): void {
  providers.set(type, provider)
}

export function resourceProvider(type: string): ResourceProvider | undefined {
  return providers.get(type)
}
