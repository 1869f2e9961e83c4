// An archive rule's filter: at least one criterion, and each criterion says something (eq, neq, contains or
// exists); ValueList's 1–20 items are the model's, checked before a handler runs. Filter keys are not checked
// against the finding type (not modelled; IAM User Guide, "IAM Access Analyzer filter keys").
import { validation } from './errors.ts'

const OPERATORS = ['eq', 'neq', 'contains', 'exists']

export function checkFilter(filter: Record<string, unknown>): void {
  const entries = Object.entries(filter ?? {})
  if (entries.length === 0) throw validation('filter must name at least one criterion')
  for (const [key, criterion] of entries) {
    const given = Object.keys((criterion ?? {}) as object).filter((k) => OPERATORS.includes(k))
    if (given.length === 0) throw validation(`criterion ${key} needs eq, neq, contains or exists`)
  }
}
