// Every template parses with CloudFormation's short-form tags, uses only resource types and properties the
// CloudFormation specification has (with the required ones set), refers only to what it declares, and
// receives from the module exactly the parameters it declares (required ones always, within their rules).
import { readdir, readFile } from 'node:fs/promises'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import {
  findingsRoutingStack,
  plannedStackSets,
  plannedStacks,
} from '../../../src/modules/stacksets/catalogue.ts'
import { parseTemplate } from '../../../src/modules/stacksets/cfn-yaml.ts'
import { desiredFrom } from './fixture.ts'
import { checkResource, hasAttribute } from './spec-check.ts'

const test = suite('stacksets templates')

const EXPECTED = [
  'account-trail',
  'config-recorder',
  'findings-routing',
  'log-archive',
  'organization-trail',
  'root-sign-in-alert',
]
const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
  'AWS::NoValue',
])

interface Template {
  Parameters?: Record<
    string,
    {
      Type: string
      Default?: string
      AllowedValues?: string[]
      AllowedPattern?: string
      MinValue?: number
      MaxValue?: number
    }
  >
  Conditions?: Record<string, unknown>
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; Condition?: string; DependsOn?: string | string[] }
  >
}

async function load(name: string): Promise<{ text: string; template: Template }> {
  const text = await readFile(`stacksets/${name}.yaml`, 'utf8')
  return { text, template: parseTemplate(text) as unknown as Template }
}

/** Every Ref, GetAtt, Sub variable and Condition name used anywhere in a value. */
function references(
  value: unknown,
  out = { refs: [] as string[], atts: [] as string[][], conditions: [] as string[] },
) {
  if (Array.isArray(value)) for (const v of value) references(v, out)
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string') out.refs.push(v)
      else if (key === 'Fn::GetAtt' && Array.isArray(v)) out.atts.push(v.map(String))
      else if (key === 'Condition' && typeof v === 'string') out.conditions.push(v)
      else if (key === 'Fn::If' && Array.isArray(v)) {
        out.conditions.push(String(v[0]))
        references(v.slice(1), out)
      } else if (key === 'Fn::Sub') {
        const [text, vars] = Array.isArray(v)
          ? [String(v[0]), (v[1] ?? {}) as Record<string, unknown>]
          : [String(v), {}]
        for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const name = (m[1] ?? '').trim()
          if (name in vars) continue
          if (name.includes('.') && !name.startsWith('AWS::')) out.atts.push(name.split('.'))
          else out.refs.push(name)
        }
        references(vars, out)
      } else references(v, out)
    }
  }
  return out
}

test('the template directory holds exactly the six templates, each with a header comment', async () => {
  const files = (await readdir('stacksets'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
  assert.equal(files.sort(), EXPECTED)
  for (const name of EXPECTED) {
    const { text } = await load(name)
    assert.match(
      text,
      new RegExp(`^# org-baseline: ${name}\\n#\\n# `),
      `${name} starts with its header comment`,
    )
  }
})

test('the spec check itself finds an unknown property, a wrong shape, a missing required one and an unknown type', async () => {
  const problems = await checkResource(
    'AWS::Config::ConfigurationRecorder',
    { Nmae: 'default', RecordingGroup: { AllSupported: true, Bogus: 1 } },
    'probe',
  )
  assert.equal(problems.sort(), [
    'probe.Nmae: no such property',
    'probe.RecordingGroup.Bogus: no such property',
    'probe.RoleARN: required but not set',
  ])
  assert.equal(await checkResource('AWS::Nope::Thing', {}, 'probe'), [
    'probe: no resource type AWS::Nope::Thing',
  ])
  assert.equal(await checkResource('AWS::SNS::TopicPolicy', { PolicyDocument: {}, Topics: 'x' }, 'probe'), [
    'probe.Topics: expected a list',
  ])
})

for (const name of EXPECTED) {
  test(`${name}: resource types and properties exist in the CloudFormation spec, required ones are set`, async () => {
    const { template } = await load(name)
    assert.ok(Object.keys(template.Resources).length > 0)
    const problems: string[] = []
    for (const [id, resource] of Object.entries(template.Resources)) {
      problems.push(...(await checkResource(resource.Type, resource.Properties ?? {}, `${name}.${id}`)))
    }
    assert.equal(problems, [])
  })

  test(`${name}: every Ref, GetAtt and Condition names something the template declares`, async () => {
    const { template } = await load(name)
    const declared = new Set([
      ...Object.keys(template.Parameters ?? {}),
      ...Object.keys(template.Resources),
      ...PSEUDO,
    ])
    const { refs, atts, conditions } = references({ r: template.Resources, c: template.Conditions })
    const problems = [
      ...refs.filter((r) => !declared.has(r)).map((r) => `Ref ${r}`),
      ...conditions.filter((c) => !(c in (template.Conditions ?? {}))).map((c) => `Condition ${c}`),
      ...Object.values(template.Resources)
        .filter((r) => r.Condition && !(r.Condition in (template.Conditions ?? {})))
        .map((r) => `Condition ${r.Condition}`),
    ]
    for (const [resource, attribute] of atts) {
      const type = template.Resources[resource ?? '']?.Type
      if (!type || !(await hasAttribute(type, attribute ?? '')))
        problems.push(`GetAtt ${resource}.${attribute}`)
    }
    assert.equal(problems, [])
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
      const declared = (await load(name)).template.Parameters ?? {}
      for (const key of Object.keys(parameters))
        if (!(key in declared)) problems.push(`${name}: ${key} is not declared`)
      for (const [key, decl] of Object.entries(declared)) {
        const value = parameters[key]
        if (value === undefined) {
          if (decl.Default === undefined) problems.push(`${name}: required ${key} not passed`)
          continue
        }
        if (decl.AllowedValues && !decl.AllowedValues.includes(value))
          problems.push(`${name}: ${key}=${value} not allowed`)
        if (decl.AllowedPattern && !new RegExp(decl.AllowedPattern).test(value))
          problems.push(`${name}: ${key}=${value} breaks its pattern`)
        if (decl.Type === 'Number') {
          const n = Number(value)
          if (
            !Number.isFinite(n) ||
            (decl.MinValue !== undefined && n < decl.MinValue) ||
            (decl.MaxValue !== undefined && n > decl.MaxValue)
          )
            problems.push(`${name}: ${key}=${value} out of range`)
        }
      }
    }
    assert.equal(problems, [])
  })
}

test.run()
