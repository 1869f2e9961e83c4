// The organization's root. ListRoots is an Organizations list, which "can occasionally return an empty set
// of results even when more results are available": it is paged to the end like every other list.
import { paginateListRoots, type Root } from '@aws-sdk/client-organizations'
import type { AwsClients } from '../../aws/clients.ts'
import { collect } from '../../aws/paginate.ts'
import { OrgBaselineError } from '../../errors.ts'

type Organizations = ReturnType<AwsClients['organizations']>

export async function readRoot(org: Organizations): Promise<Root & { Id: string }> {
  const roots = await collect(paginateListRoots({ client: org }, {}), (p) => p.Roots)
  const root = roots[0]
  if (!root?.Id) throw new OrgBaselineError('Organization', 'Organizations returned no root')
  return { ...root, Id: root.Id }
}
