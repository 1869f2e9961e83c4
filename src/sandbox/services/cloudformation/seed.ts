// The `cloudformation:` section of a seed file: simulated durations (ms). Stack sets and stacks are made by
// the tool, so the seed holds no templates.
import { z } from 'zod'
import type { World } from '../../state.ts'
import { cfnState } from './state.ts'

const schema = z
  .object({
    instanceMs: z.number().int().min(0).optional(),
    instanceDriftMs: z.number().int().min(0).optional(),
    stackMs: z.number().int().min(0).optional(),
    stackDriftMs: z.number().int().min(0).optional(),
  })
  .strict()

export function seedCloudFormation(world: World, data: unknown): void {
  const parsed = schema.parse(data ?? {})
  const durations = cfnState(world).durations
  for (const [key, value] of Object.entries(parsed)) {
    if (value !== undefined) durations[key as keyof typeof durations] = value
  }
}
