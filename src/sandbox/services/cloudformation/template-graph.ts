// The resource graph of a template: references every resource makes (Ref, GetAtt, Sub, DependsOn), checked
// up front like CloudFormation's validation, and the order resources are created in.
import { validationError } from './input.ts'
import { references } from './intrinsics.ts'
import type { Template } from './template-parse.ts'

/** Checks a template can be evaluated (conditions, references) before anything is created. */
export function checkReferences(template: Template): void {
  const known = new Set([...Object.keys(template.Resources), ...Object.keys(template.Parameters)])
  for (const decl of Object.values(template.Resources)) {
    const deps = [...references(decl.Properties ?? {}), ...dependsOn(decl.DependsOn)]
    const missing = deps.filter((d) => !known.has(d) && !isSubVariable(decl.Properties, d))
    if (missing.length > 0) {
      throw validationError(
        `Template format error: Unresolved resource dependencies [${missing.join(', ')}] in the Resources block of the template`,
      )
    }
    if (decl.Condition !== undefined && !(decl.Condition in template.Conditions)) {
      throw validationError(
        `Template format error: Unresolved dependencies [${decl.Condition}]. Cannot reference resources in the Conditions block of the template`,
      )
    }
  }
  creationOrder(template)
}

function isSubVariable(props: unknown, name: string): boolean {
  return JSON.stringify(props ?? {}).includes(`"${name}":`)
}

function dependsOn(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

/** Topological order of resources by Ref / GetAtt / Sub / DependsOn. */
export function creationOrder(template: Template): string[] {
  const ids = Object.keys(template.Resources)
  const deps = new Map(
    ids.map((id) => {
      const decl = template.Resources[id]
      const refs = [...references(decl?.Properties ?? {}), ...dependsOn(decl?.DependsOn)].filter(
        (d) => d !== id && ids.includes(d),
      )
      return [id, new Set(refs)]
    }),
  )
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (id: string) => {
    const s = state.get(id)
    if (s === 'done') return
    if (s === 'visiting')
      throw validationError(
        `Circular dependency between resources: [${[...state.keys()].filter((k) => state.get(k) === 'visiting').join(', ')}]`,
      )
    state.set(id, 'visiting')
    for (const d of deps.get(id) ?? []) visit(d)
    state.set(id, 'done')
    order.push(id)
  }
  for (const id of ids) visit(id)
  return order
}
