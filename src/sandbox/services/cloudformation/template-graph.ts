// The order resources are created in: each after what it references (Ref, GetAtt, Sub, DependsOn). A cycle
// is refused at the API call, as CloudFormation's template validation does.
import { validationError } from './input.ts'
import type { Template } from './template-parse.ts'
import { dependsOnList, usesIn } from './template-validate/references.ts'

/** Orders already worked out: a stack set's template is one object for all its (many thousand) instances. */
const orders = new WeakMap<Template, readonly string[]>()

/** Topological order of resources by Ref / GetAtt / Sub / DependsOn. */
export function creationOrder(template: Template): readonly string[] {
  let order = orders.get(template)
  if (!order) {
    order = orderOf(template)
    orders.set(template, order)
  }
  return order
}

function orderOf(template: Template): string[] {
  const ids = Object.keys(template.Resources)
  const known = new Set(ids)
  const deps = new Map(
    ids.map((id) => {
      const decl = template.Resources[id]
      const named = usesIn(decl?.Properties ?? {}).flatMap((u) =>
        u.kind === 'ref' ? [u.name] : u.kind === 'getatt' ? [u.resource] : [],
      )
      const refs = [...named, ...dependsOnList(decl?.DependsOn)].filter((d) => known.has(d)) // a resource naming itself is a cycle too
      return [id, new Set(refs)]
    }),
  )
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const path: string[] = []
  const visit = (id: string) => {
    const s = state.get(id)
    if (s === 'done') return
    if (s === 'visiting') {
      const cycle = path.slice(path.indexOf(id))
      throw validationError(`Circular dependency between resources: [${cycle.join(', ')}]`)
    }
    state.set(id, 'visiting')
    path.push(id)
    for (const d of deps.get(id) ?? []) visit(d)
    path.pop()
    state.set(id, 'done')
    order.push(id)
  }
  for (const id of ids) visit(id)
  return order
}
