// Compares the template a stack (set) has now with the one the tool would deploy: the structured diff for
// the plan and what it weakens. A body that does not parse is reported, never guessed at.
import { diffTemplates, type TemplateDiff } from '../../engine/template-diff.ts'
import { parsedTemplate } from './parsed-templates.ts'
import { templateWeakens } from './template-weakening.ts'

export interface TemplateComparison {
  templateDiff?: TemplateDiff
  weakens: string[]
  /** Why there is no diff: the current body is unknown or does not parse. */
  unreadable?: string
}

function parsed(body: string): Record<string, unknown> {
  const value = parsedTemplate(body)
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('not a template (no top-level mapping)')
  return value
}

export function compareTemplates(before: string | undefined, after: string): TemplateComparison {
  if (before === undefined) return { weakens: [], unreadable: 'the current template could not be read' }
  try {
    const templateDiff = diffTemplates(parsed(before), parsed(after))
    return { templateDiff, weakens: templateWeakens(templateDiff) }
  } catch (error) {
    return { weakens: [], unreadable: `a template does not parse: ${(error as Error).message}` }
  }
}
