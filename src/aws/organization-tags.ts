// Tags of an Organizations resource (root, OU, account, policy), every page of them: ListTagsForResource is
// paged by NextToken alone and, like every Organizations list, may answer an empty page with more to come.
import { paginateListTagsForResource } from '@aws-sdk/client-organizations'
import type { AwsClients } from './clients.ts'
import { collect } from './paginate.ts'

type Organizations = ReturnType<AwsClients['organizations']>

export async function readOrganizationTags(
  org: Organizations,
  resourceId: string,
): Promise<Map<string, string>> {
  const tags = await collect(
    paginateListTagsForResource({ client: org }, { ResourceId: resourceId }),
    (p) => p.Tags,
  )
  return new Map(tags.map((t) => [t.Key ?? '', t.Value ?? '']))
}
