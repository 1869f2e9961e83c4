// Templates as CloudFormation judges them: every bad template under test/fixtures/templates/ goes through the
// sandbox with the real SDK client and must be refused with the error its header names, at the stage it names:
//   api       — ValidateTemplate, CreateStack and CreateStackSet refuse it (template validation);
//   create    — ValidateTemplate accepts it; CreateStack and CreateStackSet refuse it (parameter values,
//               capabilities: what only a deployment knows — a stack set takes missing capabilities and
//               fails each instance instead);
//   provision — both calls accept it; the resource fails (CREATE_FAILED with the message) and the stack rolls
//               back, as schema validation of resource properties happens when CloudFormation provisions.
// The quota rules use generated templates (hundreds of entries). The shipped templates pass the same checks.
import { readdirSync, readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import {
  ActivateOrganizationsAccessCommand,
  type CloudFormationClient,
  CreateStackCommand,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type Parameter,
  UpdateStackCommand,
  UpdateStackSetCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { TEMPLATE_LIMITS } from '../../src/sandbox/services/cloudformation/template-validate/limits.ts'
import { type Fixture as StackSetFixture, startFixture } from './cloudformation-fixture.ts'
import { failure } from './helpers.ts'

const DIR = 'test/fixtures/templates'

interface Fixture {
  file: string
  body: string
  stage: 'api' | 'create' | 'provision'
  error?: string
  message: string
  resource?: string
  parameters: Parameter[]
  source: string
}

/** The `# key: value` header lines of a fixture. */
function header(body: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of body.split('\n')) {
    const m = /^# (\w+): (.*)$/.exec(line)
    if (!m) break
    out[m[1] ?? ''] = m[2] ?? ''
  }
  return out
}

function fixture(file: string, body: string): Fixture {
  const h = header(body)
  const stage = h.stage
  if (stage !== 'api' && stage !== 'create' && stage !== 'provision')
    throw new Error(`${file}: stage ${stage}`)
  if (!h.message || !h.source) throw new Error(`${file}: a fixture names its message and its source`)
  return {
    file,
    body,
    stage,
    ...(h.error ? { error: h.error } : {}),
    message: h.message,
    ...(h.resource ? { resource: h.resource } : {}),
    parameters: (h.parameters ?? '')
      .split(' ')
      .filter(Boolean)
      .map((pair) => {
        const eq = pair.indexOf('=')
        return { ParameterKey: pair.slice(0, eq), ParameterValue: pair.slice(eq + 1) }
      }),
    source: h.source,
  }
}

const topics = (n: number) =>
  Array.from({ length: n }, (_, i) => `  T${i}: { Type: AWS::SNS::Topic }`).join('\n')

/** Quota rules, generated: the templates are hundreds of entries long. */
const GENERATED: Fixture[] = [
  {
    file: '(generated) too many resources',
    body: `Resources:\n${topics(TEMPLATE_LIMITS.resources + 1)}\n`,
    message: `Template format error: Number of resources, ${TEMPLATE_LIMITS.resources + 1}, is greater than maximum allowed, ${TEMPLATE_LIMITS.resources}`,
    source: 'CloudFormation quotas (500 resources); message seen in serverless/serverless #6803',
  },
  {
    file: '(generated) too many parameters',
    body: `Parameters:\n${Array.from({ length: TEMPLATE_LIMITS.parameters + 1 }, (_, i) => `  P${i}: { Type: String, Default: x }`).join('\n')}\nResources:\n${topics(1)}\n`,
    message: `Template format error: Number of parameters, ${TEMPLATE_LIMITS.parameters + 1}, is greater than maximum allowed, ${TEMPLATE_LIMITS.parameters}`,
    source: 'CloudFormation quotas (200 parameters); message after the resources one (crafted)',
  },
  {
    file: '(generated) too many outputs',
    body: `Resources:\n${topics(1)}\nOutputs:\n${Array.from({ length: TEMPLATE_LIMITS.outputs + 1 }, (_, i) => `  O${i}: { Value: x }`).join('\n')}\n`,
    message: `Template format error: Number of outputs, ${TEMPLATE_LIMITS.outputs + 1}, is greater than maximum allowed, ${TEMPLATE_LIMITS.outputs}`,
    source: 'CloudFormation quotas (200 outputs); message after the resources one (crafted)',
  },
  {
    file: '(generated) too many mappings',
    body: `Mappings:\n${Array.from({ length: TEMPLATE_LIMITS.mappings + 1 }, (_, i) => `  M${i}: { A: { B: c } }`).join('\n')}\nResources:\n${topics(1)}\n`,
    message: `Template format error: Number of mappings, ${TEMPLATE_LIMITS.mappings + 1}, is greater than maximum allowed, ${TEMPLATE_LIMITS.mappings}`,
    source: 'CloudFormation quotas (200 mappings); message after the resources one (crafted)',
  },
  {
    file: '(generated) body over 51,200 bytes',
    body: `Description: ${'x'.repeat(51_200)}\nResources:\n${topics(1)}\n`,
    message:
      "1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200",
    source:
      'CloudFormation quotas (template body in a request: 51,200 bytes); TemplateBody length constraint in the model',
  },
].map((f) => ({ ...f, stage: 'api' as const, error: 'ValidationError', parameters: [] }))

// Read when the suite loads, so each fixture is a test of its own and a failure names it.
const fixtures: Fixture[] = [
  ...readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => fixture(f, readFileSync(`${DIR}/${f}`, 'utf8'))),
  ...GENERATED,
]

let sandbox: Sandbox
let cfn: CloudFormationClient

let f: StackSetFixture

test.before(async () => {
  f = await startFixture()
  ;({ sandbox, cfn } = f)
})
test.after(() => sandbox.close())

let stackCount = 0
const nextName = () => `fixture-${++stackCount}`

async function expectRefused(fx: Fixture, call: Promise<unknown>, what: string): Promise<void> {
  const error = await failure(call)
  assert.is(error.name, fx.error, `${fx.file}: ${what} answers ${fx.error}`)
  assert.is(error.message, fx.message, `${fx.file}: ${what}'s message`)
}

async function judge(fx: Fixture): Promise<void> {
  const stackName = nextName()
  const create = () =>
    cfn.send(
      new CreateStackCommand({ StackName: stackName, TemplateBody: fx.body, Parameters: fx.parameters }),
    )
  const createSet = () =>
    cfn.send(
      new CreateStackSetCommand({
        StackSetName: stackName,
        TemplateBody: fx.body,
        Parameters: fx.parameters,
      }),
    )
  if (fx.stage === 'api') {
    await expectRefused(
      fx,
      cfn.send(new ValidateTemplateCommand({ TemplateBody: fx.body })),
      'ValidateTemplate',
    )
    await expectRefused(fx, create(), 'CreateStack')
    await expectRefused(fx, createSet(), 'CreateStackSet')
    return
  }
  await cfn.send(new ValidateTemplateCommand({ TemplateBody: fx.body }))
  if (fx.stage === 'create' && fx.error === 'InsufficientCapabilitiesException') {
    // CreateStackSet lists no InsufficientCapabilitiesException (SDK model): the stack set is made, and each
    // instance fails with the message (aws-cloudformation/rain#455).
    await expectRefused(fx, create(), 'CreateStack')
    // Service-managed stack sets refuse transforms outright; a self-managed one takes the template.
    if (/^Transform:/m.test(fx.body)) {
      await createSet()
      return
    }
    await cfn.send(new ActivateOrganizationsAccessCommand({}))
    await cfn.send(f.serviceManaged(stackName, { TemplateBody: fx.body, Parameters: fx.parameters }))
    const { OperationId } = await cfn.send(
      new CreateStackInstancesCommand({
        StackSetName: stackName,
        DeploymentTargets: { OrganizationalUnitIds: [f.ouId('Prod')] },
        Regions: ['us-east-1'],
        OperationPreferences: { FailureTolerancePercentage: 100, MaxConcurrentPercentage: 100 },
      }),
    )
    await f.waitFor(stackName, OperationId)
    const instances = await f.instances(stackName)
    assert.ok(instances.length > 0)
    assert.equal(
      [...new Set(instances.map((i) => [i.StackInstanceStatus?.DetailedStatus, i.StatusReason].join(' ')))],
      [`FAILED ${fx.message}`],
      `${fx.file}: every instance fails with the message`,
    )
    return
  }
  if (fx.stage === 'create') {
    await expectRefused(fx, create(), 'CreateStack')
    await expectRefused(fx, createSet(), 'CreateStackSet')
    return
  }
  await create()
  sandbox.world.clock.advance(600_000)
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]
  assert.is(stack?.StackStatus, 'ROLLBACK_COMPLETE', `${fx.file}: the stack rolls back`)
  const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: stackName }))).StackEvents ?? []
  const failed = events.filter((e) => e.ResourceStatus === 'CREATE_FAILED')
  assert.equal(
    failed.map((e) => [e.LogicalResourceId, e.ResourceStatusReason]),
    [[fx.resource, fx.message]],
    `${fx.file}: the resource fails with the schema's message`,
  )
}

test('every rule has its fixture, and each fixture names its stage, message and source', () => {
  assert.ok(fixtures.length >= 40, `${fixtures.length} fixtures`)
  const stages = new Set(fixtures.map((f) => f.stage))
  assert.equal([...stages].sort(), ['api', 'create', 'provision'])
})

for (const fx of fixtures) {
  test(`${fx.file}: refused at the ${fx.stage} stage with "${fx.message.slice(0, 60)}…" (${fx.source})`, () =>
    judge(fx))
}

test('a parameter and a resource of the same name are refused by UpdateStack and UpdateStackSet too', async () => {
  const fx = fixtures.find((f) => f.file === 'shared-parameter-resource-name.yaml')
  if (!fx) throw new Error('fixture missing')
  const name = nextName()
  const good = 'Resources:\n  T: { Type: AWS::SNS::Topic }\n'
  await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: good }))
  await cfn.send(new CreateStackSetCommand({ StackSetName: name, TemplateBody: good }))
  sandbox.world.clock.advance(60_000)
  await expectRefused(
    fx,
    cfn.send(new UpdateStackCommand({ StackName: name, TemplateBody: fx.body })),
    'UpdateStack',
  )
  await expectRefused(
    fx,
    cfn.send(new UpdateStackSetCommand({ StackSetName: name, TemplateBody: fx.body })),
    'UpdateStackSet',
  )
})

test('a stack set whose template breaks a resource schema is created; each instance fails with the resource’s reason', async () => {
  const fx = fixtures.find((x) => x.file === 'unknown-property.yaml')
  if (!fx) throw new Error('fixture missing')
  await cfn.send(new ActivateOrganizationsAccessCommand({}))
  await cfn.send(f.serviceManaged('bad-properties', { TemplateBody: fx.body }))
  const { OperationId } = await cfn.send(
    new CreateStackInstancesCommand({
      StackSetName: 'bad-properties',
      DeploymentTargets: { OrganizationalUnitIds: [f.ouId('Prod')] },
      Regions: ['us-east-1'],
      OperationPreferences: { FailureTolerancePercentage: 100, MaxConcurrentPercentage: 100 },
    }),
  )
  const op = await f.waitFor('bad-properties', OperationId)
  const all = await f.instances('bad-properties')
  assert.ok(all.length > 0)
  assert.is(op.StatusDetails?.FailedStackInstancesCount, all.length)
  for (const instance of all) {
    assert.is(instance.StackInstanceStatus?.DetailedStatus, 'FAILED')
    assert.is(
      instance.StatusReason,
      `ResourceLogicalId:Recorder, ResourceType:AWS::Config::ConfigurationRecorder, ResourceStatusReason:${fx.message}.`,
    )
  }
})

test('ValidateTemplate answers Parameters, Description, Capabilities, CapabilitiesReason and DeclaredTransforms', async () => {
  const body = `Description: probe
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: { Type: String, Default: dev, Description: the stage }
  Secret: { Type: String, NoEcho: true }
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [] }
`
  const out = await cfn.send(new ValidateTemplateCommand({ TemplateBody: body }))
  assert.equal(out.Parameters, [
    { ParameterKey: 'Env', DefaultValue: 'dev', NoEcho: false, Description: 'the stage' },
    { ParameterKey: 'Secret', NoEcho: true },
  ])
  assert.is(out.Description, 'probe')
  assert.equal(out.Capabilities, ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'])
  assert.is(out.CapabilitiesReason, 'The following resource(s) require capabilities: [AWS::IAM::Role]')
  assert.equal(out.DeclaredTransforms, ['AWS::Serverless-2016-10-31'])
})

/** The CloudFormation templates the project ships: stack sets and the examples that are templates. */
async function shippedTemplates(): Promise<string[]> {
  const stacksets = (await readdir('stacksets'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `stacksets/${f}`)
  const examples = (await readdir('examples', { recursive: true }))
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `examples/${f}`)
  const templates = []
  for (const file of examples)
    if (/^(AWSTemplateFormatVersion|Resources):/m.test(await readFile(file, 'utf8'))) templates.push(file)
  return [...stacksets, ...templates]
}

test('the shipped templates pass ValidateTemplate', async () => {
  const files = await shippedTemplates()
  assert.ok(files.length >= 7, files.join(', '))
  for (const file of files) {
    const body = await readFile(file, 'utf8')
    try {
      await cfn.send(new ValidateTemplateCommand({ TemplateBody: body }))
    } catch (error) {
      assert.unreachable(`${file}: ${(error as Error).message}`)
    }
  }
})

test.run()
