// Shared by the StackSets suites: a sandbox on simulated time (speed 1, moved forward by the tests), the
// clients, and helpers that poll an operation the way a client does — advancing simulated time, never sleeping.
import {
  CloudFormationClient,
  CreateStackSetCommand,
  DescribeStackSetOperationCommand,
  paginateListStackInstances,
  type StackInstanceSummary,
  type StackSetOperation,
} from '@aws-sdk/client-cloudformation'
import { OrganizationsClient } from '@aws-sdk/client-organizations'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { management } from './helpers.ts'

export const MANAGEMENT = '111111111111'
export const SUSPENDED = '777777777777'
export const MELBOURNE_ACCOUNT = '555555555555'

export const TEMPLATE = `
Parameters:
  Email: { Type: String, Default: security@example.com }
Resources:
  AlertTopic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub '\${AWS::StackName}-alerts'
      DisplayName: Security alerts
      Subscription: [{ Protocol: email, Endpoint: !Ref Email }]
`

export interface Fixture {
  sandbox: Sandbox
  cfn: CloudFormationClient
  org: OrganizationsClient
  ouId(name: string): string
  operation(stackSetName: string, operationId: string | undefined): Promise<StackSetOperation>
  waitFor(stackSetName: string, operationId: string | undefined): Promise<StackSetOperation>
  instances(stackSetName: string): Promise<StackInstanceSummary[]>
  serviceManaged(name: string, extra?: Record<string, unknown>): CreateStackSetCommand
}

export async function startFixture(): Promise<Fixture> {
  const sandbox = await startSandbox({ speed: 1 })
  sandbox.control('cloudformation', 'setOperationDuration', { ms: 30_000 })
  const cfn = new CloudFormationClient(management(sandbox))
  const org = new OrganizationsClient(management(sandbox))
  const operation = async (stackSetName: string, operationId: string | undefined) => {
    const out = await cfn.send(
      new DescribeStackSetOperationCommand({ StackSetName: stackSetName, OperationId: operationId }),
    )
    if (!out.StackSetOperation) throw new Error('no operation')
    return out.StackSetOperation
  }
  return {
    sandbox,
    cfn,
    org,
    ouId: (name) => [...sandbox.world.ous.values()].find((o) => o.name === name)?.id ?? '',
    operation,
    async waitFor(stackSetName, operationId) {
      for (let i = 0; i < 2_000; i++) {
        const op = await operation(stackSetName, operationId)
        if (op.Status === 'SUCCEEDED' || op.Status === 'FAILED' || op.Status === 'STOPPED') return op
        sandbox.world.clock.advance(10_000)
      }
      throw new Error('operation never finished')
    },
    async instances(stackSetName) {
      const out: StackInstanceSummary[] = []
      for await (const page of paginateListStackInstances(
        { client: cfn, pageSize: 100 },
        { StackSetName: stackSetName },
      )) {
        out.push(...(page.Summaries ?? []))
      }
      return out
    },
    serviceManaged: (name, extra = {}) =>
      new CreateStackSetCommand({
        StackSetName: name,
        TemplateBody: TEMPLATE,
        PermissionModel: 'SERVICE_MANAGED',
        AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
        ...extra,
      }),
  }
}

/** Simulated milliseconds an operation took. */
export const took = (op: StackSetOperation) =>
  (op.EndTimestamp?.getTime() ?? 0) - (op.CreationTimestamp?.getTime() ?? 0)
