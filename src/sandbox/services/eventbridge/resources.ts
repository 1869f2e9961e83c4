// CloudFormation resource provider for AWS::Events::Rule: the rule on the default bus and its Targets,
// through the same validation as PutRule / PutTargets. Deleting the resource removes its targets first.
import { SandboxError } from '../../errors.ts'
import {
  cfnList,
  cfnString,
  declaredProps,
  generatedName,
  projectDeclared,
  resourceKey,
} from '../cloudformation/resource-props.ts'
import {
  type ResourceContext,
  type ResourceProvider,
  registerResourceProvider,
} from '../cloudformation/resource-providers.ts'
import { defaultBus, deleteRule, putRule, putTargets, type Rule } from './rules.ts'

type Props = Record<string, unknown>

function ruleInput(name: string, props: Props): Props {
  const pattern = props.EventPattern
  return {
    Name: name,
    EventBusName: cfnString(props.EventBusName),
    // Templates give the pattern as an object; the API takes its JSON text.
    EventPattern: pattern === undefined || typeof pattern === 'string' ? pattern : JSON.stringify(pattern),
    ScheduleExpression: cfnString(props.ScheduleExpression),
    State: cfnString(props.State),
    Description: cfnString(props.Description),
    RoleArn: cfnString(props.RoleArn),
    Tags: cfnList(props.Tags),
  }
}

function replaceTargets(rule: Rule, props: Props): void {
  const wanted = cfnList<Props>(props.Targets) ?? []
  const keep = new Set(wanted.map((t) => String(t.Id)))
  for (const id of [...rule.targets.keys()]) if (!keep.has(id)) rule.targets.delete(id)
  if (wanted.length > 0) putTargets(rule, wanted)
}

function ruleOf(physicalId: string, ctx: ResourceContext): Rule | undefined {
  return defaultBus(ctx.world, ctx.account, ctx.region).rules.get(physicalId)
}

const ruleProvider: ResourceProvider = {
  create(props, ctx) {
    const name =
      cfnString(props.Name) ?? generatedName(ctx.stackName, ctx.logicalId, ctx.world.nextId(12), 64)
    if (ruleOf(name, ctx)) {
      throw new SandboxError('AlreadyExistsException', `${name} already exists in stack ${ctx.stackName}`)
    }
    const rule = putRule(ctx.world, ctx.account, ctx.region, ruleInput(name, props))
    try {
      replaceTargets(rule, props)
    } catch (error) {
      rule.targets.clear()
      deleteRule(ctx.world, ctx.account, ctx.region, name) // the resource failed: leave nothing behind
      throw error
    }
    declaredProps(ctx.world, 'events-rule').remember(resourceKey(name, ctx), props)
    return { physicalId: name, attributes: { Arn: rule.arn } }
  },
  update(physicalId, props, ctx) {
    const rule = putRule(ctx.world, ctx.account, ctx.region, ruleInput(physicalId, props))
    replaceTargets(rule, props)
    declaredProps(ctx.world, 'events-rule').remember(resourceKey(physicalId, ctx), props)
    return { attributes: { Arn: rule.arn } }
  },
  delete(physicalId, ctx) {
    const rule = ruleOf(physicalId, ctx)
    if (rule) {
      rule.targets.clear()
      deleteRule(ctx.world, ctx.account, ctx.region, physicalId)
    }
    declaredProps(ctx.world, 'events-rule').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const rule = ruleOf(physicalId, ctx)
    if (!rule) return undefined
    const declared = declaredProps(ctx.world, 'events-rule').get(resourceKey(physicalId, ctx))
    const actual = {
      Name: rule.name,
      Description: rule.description,
      EventBusName: 'default',
      EventPattern:
        rule.eventPattern !== undefined && typeof declared.EventPattern !== 'string'
          ? JSON.parse(rule.eventPattern)
          : rule.eventPattern,
      ScheduleExpression: rule.scheduleExpression,
      State: rule.state,
      RoleArn: rule.roleArn,
      Targets: [...rule.targets.values()],
    }
    const shaped = projectDeclared(actual, declared) as Props
    // A rule disabled out of band is drift even when the template left State at its default (ENABLED).
    return declared.State === undefined && rule.state !== 'ENABLED'
      ? { ...shaped, State: rule.state }
      : shaped
  },
}

registerResourceProvider('AWS::Events::Rule', ruleProvider)
