// Module `findings-routing`: who responds after detection. Security Hub findings at or above the configured
// severity are forwarded by an EventBridge rule to an SNS topic and its e-mail recipients, from one ordinary
// stack in the security tooling account, in Security Hub's aggregation region (findings of every linked
// region and member account arrive there). Template: stacksets/findings-routing.yaml.
import type { Change, Note } from '../../engine/change.ts'
import type { Module } from '../../engine/module.ts'
import { PlanRefusal } from '../../engine/planner.ts'
import { OrgBaselineError } from '../../errors.ts'
import { findingsRoutingStack, MAX_RECIPIENTS, stackAddress } from '../stacksets/catalogue.ts'
import { withCurrentTemplate } from '../stacksets/current-template.ts'
import { customTemplateNotes } from '../stacksets/custom-template-notes.ts'
import { findingsRoutingFingerprint } from '../stacksets/fingerprint.ts'
import { observeStack, readShipped, readTemplates } from '../stacksets/observe.ts'
import type { ObservedStack } from '../stacksets/observed.ts'
import { FINDINGS_ROUTING_PERMISSIONS } from '../stacksets/permissions.ts'
import { applyStackChange } from '../stacksets/stack-apply.ts'
import { diffStack, stackNotes } from '../stacksets/stack-diff.ts'
import { detectStacksDrift } from '../stacksets/stack-drift.ts'

const MODULE = 'findings-routing'

interface Observed {
  body: string
  /** The package's own template, when stackSets.templateDir names another directory. */
  shipped?: string
  stack: ObservedStack | null
}

export const findingsRouting: Module<Observed> = {
  name: MODULE,
  permissions: FINDINGS_ROUTING_PERMISSIONS,
  enabled: (desired) => findingsRoutingStack(desired) !== undefined,
  fingerprint: findingsRoutingFingerprint,

  async observe(ctx) {
    const spec = findingsRoutingStack(ctx.desired)
    if (!spec) throw new OrgBaselineError('Disabled', 'findings routing is not enabled')
    const client = ctx.aws.cloudformation(spec.region, spec.account)
    const { templateDir, templateDirFromConfig } = ctx.desired.baseline
    const [templates, shipped, stack] = await Promise.all([
      readTemplates(templateDir, [spec.template], ctx.desired.baseline),
      readShipped(templateDirFromConfig, [spec.template], ctx.desired.baseline),
      observeStack(client, spec.template),
    ])
    const body = templates[spec.template] ?? ''
    return {
      body,
      shipped: shipped[spec.template],
      stack: await withCurrentTemplate(client, spec.template, stack, body, [body]),
    }
  },

  diff(desired, observed): Change[] {
    const spec = findingsRoutingStack(desired)
    if (!spec) return []
    const recipients = desired.config.findingsRouting.recipients
    if (recipients.length > MAX_RECIPIENTS) {
      throw new PlanRefusal(
        `findingsRouting.recipients lists ${recipients.length} addresses; the template holds at most ${MAX_RECIPIENTS} — use a distribution list`,
      )
    }
    return diffStack(MODULE, spec, observed.body, observed.stack)
  },

  notes(desired, observed): Note[] {
    const spec = findingsRoutingStack(desired)
    if (!spec) return []
    const notes = stackNotes(MODULE, spec, observed.stack)
    if (observed.shipped !== undefined) {
      notes.push(
        ...customTemplateNotes(
          MODULE,
          { [spec.template]: observed.body },
          { [spec.template]: observed.shipped },
        ),
      )
    }
    if (desired.config.findingsRouting.recipients.length === 0) {
      notes.push({
        module: MODULE,
        level: 'warning',
        message: 'findingsRouting.recipients is empty: findings reach the SNS topic but nobody is told',
      })
    }
    if (!desired.config.securityHub.enabled) {
      notes.push({
        module: MODULE,
        level: 'warning',
        message:
          'Security Hub is not enabled by the baseline: the rule forwards only findings Security Hub imports',
      })
    }
    return notes
  },

  async detectDrift(ctx, deadline) {
    const spec = findingsRoutingStack(ctx.desired)
    const unfinished = spec ? await detectStacksDrift(ctx, [spec], deadline) : []
    return { unfinished: unfinished.map((address) => `stack ${address}`) }
  },

  apply(change, ctx) {
    const spec = findingsRoutingStack(ctx.desired)
    const matches = spec && change.address === stackAddress(spec.template, spec.account, spec.region)
    return applyStackChange(change, ctx, matches ? spec : undefined)
  },
}
