// Config's retention configuration: one per account and region, always named `default` (Config API reference,
// PutRetentionConfiguration: "Currently, Config supports only one retention configuration per region in your
// account"; the name is `default`). The period's 30–2,557 day range is checked by the request model.
import type { Operation } from '../service.ts'
import { configRegion } from './state.ts'

export const retentionOperations: Record<string, Operation> = {
  PutRetentionConfiguration(input, ctx) {
    const days = Number(input.RetentionPeriodInDays)
    const state = configRegion(ctx.world, ctx.account, ctx.region)
    state.retention = { name: 'default', days }
    return { RetentionConfiguration: { Name: 'default', RetentionPeriodInDays: days } }
  },
}
