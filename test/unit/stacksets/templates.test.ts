// Every template passes the sandbox's CloudFormation judgement (src/sandbox/services/cloudformation/
// template-validate: the same code CreateStack and ValidateTemplate run — logical ids, resource types,
// properties against the registry schemas with the required ones set, every Ref / GetAtt / Sub / Condition
// naming something declared), and receives from the module exactly the parameters it declares, each within
// its rules (the sandbox's parameter binding).
import { readdir, readFile } from 'node:fs/promises'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  findingsRoutingStack,
  plannedStackSets,
  plannedStacks,
} from '../../../src/modules/stacksets/catalogue.ts'
import { bindParameters } from '../../../src/sandbox/services/cloudformation/template-parameters.ts'
import { parseTemplateBody } from '../../../src/sandbox/services/cloudformation/template-parse.ts'
import {
  propertyProblems,
  templateProblems,
} from '../../../src/sandbox/services/cloudformation/template-validate/index.ts'
import { desiredFrom } from './fixture.ts'

const test = suite('stacksets templates')

const EXPECTED = [
  'account-trail',
  'config-recorder',
  'findings-routing',
  'log-archive',
  'member-role',
  'organization-trail',
  'root-sign-in-alert',
]

const load = (name: string) => readFile(`stacksets/${name}.yaml`, 'utf8')

test('the template directory holds exactly the seven templates, each with a header comment', async () => {
  const files = (await readdir('stacksets'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
  assert.equal(files.sort(), EXPECTED)
  for (const name of EXPECTED) {
    assert.match(
      await load(name),
      new RegExp(`^# org-baseline: ${name}\\n#\\n# `),
      `${name} starts with its header comment`,
    )
  }
})

test('the judgement itself finds an unknown property, a wrong shape, a missing required one and a shared name', () => {
  assert.equal(
    propertyProblems('AWS::Config::ConfigurationRecorder', {
      Nmae: 'default',
      RecordingGroup: { AllSupported: true, Bogus: 1 },
    }),
    [
      '#: required key [RoleARN] not found',
      '#: extraneous key [Nmae] is not permitted',
      '#/RecordingGroup: extraneous key [Bogus] is not permitted',
    ],
  )
  assert.equal(propertyProblems('AWS::SNS::TopicPolicy', { PolicyDocument: {}, Topics: 'x' }), [
    '#/Topics: expected type: JSONArray, found: String',
  ])
  assert.equal(templateProblems('Resources:\n  T: { Type: AWS::Nope::Thing }\n'), [
    'Template format error: Unrecognized resource types: [AWS::Nope::Thing]',
  ])
  assert.equal(
    templateProblems('Parameters:\n  T: { Type: String }\nResources:\n  T: { Type: AWS::SNS::Topic }\n'),
    ['Template error: all resources and parameters must have unique names. Common name(s):[T]'],
  )
})

for (const name of EXPECTED) {
  test(`${name}: CloudFormation accepts it (ids, types, properties, references, parameters)`, async () => {
    assert.equal(templateProblems(await load(name)), [])
  })
}

const VARIANTS: [string, (t: string) => string][] = [
  ['the example config', (t) => t],
  [
    'per-account trails, data events and CloudTrail Lake',
    (t) =>
      t
        .replace('mode: organization', 'mode: account')
        .replace('s3: false', 's3: true')
        .replace(/lake:\n {4}enabled: false/, 'lake:\n    enabled: true'),
  ],
  [
    'findings from LOW with no recipients',
    (t) =>
      t
        .replace('minimumSeverity: HIGH', 'minimumSeverity: LOW')
        .replace('recipients: [soc@example.com]', 'recipients: []'),
  ],
]

for (const [label, edit] of VARIANTS) {
  test(`with ${label}, the module passes every declared parameter it must, none unknown, each within its rules`, async () => {
    const desired = await desiredFrom(edit)
    const deployments = [
      ...plannedStackSets(desired).map((s) => ({ template: s.template, parameters: s.parameters })),
      ...plannedStacks(desired),
      ...[findingsRoutingStack(desired)].filter((s) => s !== undefined),
    ]
    assert.ok(deployments.length >= 5)
    const problems: string[] = []
    for (const { template: name, parameters } of deployments) {
      const template = parseTemplateBody(await load(name))
      // Each missing required parameter by name (the binding below stops at the first problem).
      for (const key of Object.keys(template.Parameters))
        if (parameters[key] === undefined && template.Parameters[key]?.Default === undefined)
          problems.push(`${name}: required ${key} not passed`)
      try {
        bindParameters(
          template,
          Object.entries(parameters).map(([key, value]) => ({ key, value })),
        )
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`)
      }
    }
    assert.equal(problems, [])
  })
}

test.run()
