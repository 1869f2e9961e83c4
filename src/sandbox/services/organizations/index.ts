// AWS Organizations (awsJson1_1, `AWSOrganizationsV20161128`, signing name `organizations`, us-east-1).
import type { Operation, SimulatedService } from '../service.ts'
import { accessOperations } from './access.ts'
import { accountOperations } from './accounts.ts'
import { describeEffectivePolicy } from './effective-policy.ts'
import { leaveOrganization } from './leave.ts'
import { settleCreations } from './model.ts'
import { policyOperations } from './policies.ts'
import { structureOperations } from './structure.ts'
import { tagOperations } from './tags.ts'

const all: Record<string, Operation> = {
  ...structureOperations,
  ...accountOperations,
  ...policyOperations,
  ...tagOperations,
  ...accessOperations,
  LeaveOrganization: leaveOrganization,
  DescribeEffectivePolicy: describeEffectivePolicy,
}

// Accounts requested with CreateAccount join when their simulated creation time has passed; every call
// first brings that up to date, so nothing needs a timer.
const operations: Record<string, Operation> = Object.fromEntries(
  Object.entries(all).map(([name, operation]) => [
    name,
    ((input, ctx) => {
      settleCreations(ctx.world)
      return operation(input, ctx)
    }) satisfies Operation,
  ]),
)

export const organizations: SimulatedService = {
  spec: {
    signingName: 'organizations',
    protocol: 'awsJson1_1',
    targetPrefix: 'AWSOrganizationsV20161128',
    operations,
  },
  // Before every request of any service: a PENDING_ENABLE policy type whose time has come is enabled.
  settle: (world) => world.settlePolicyTypes(),
}
