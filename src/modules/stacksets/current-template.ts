// The current template of an ordinary stack, for the plan's template diff. A stack carries only the hash
// of its template (a tag), so the body is looked up only when that hash differs from the template the tool
// would deploy: first among bodies already at hand (the template directory, the stack sets' templates read
// by DescribeStackSet), and only then with one GetTemplate. A converged organization costs no call.
import { type CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation'
import { stackName, type TemplateName } from './catalogue.ts'
import type { ObservedStack } from './observed.ts'
import { REPLACEABLE } from './stack-diff.ts'
import { templateHash } from './template-hash.ts'

export async function withCurrentTemplate(
  client: CloudFormationClient,
  template: TemplateName,
  observed: ObservedStack | null,
  wanted: string,
  known: readonly string[],
): Promise<ObservedStack | null> {
  if (!observed || REPLACEABLE.has(observed.status) || !/_COMPLETE$/.test(observed.status)) return observed
  if (observed.templateHash === templateHash(wanted)) return observed
  const atHand = observed.templateHash
    ? known.find((body) => templateHash(body) === observed.templateHash)
    : undefined
  if (atHand !== undefined) return { ...observed, templateBody: atHand }
  const { TemplateBody } = await client.send(
    new GetTemplateCommand({ StackName: stackName(template), TemplateStage: 'Original' }),
  )
  return TemplateBody === undefined ? observed : { ...observed, templateBody: TemplateBody }
}
