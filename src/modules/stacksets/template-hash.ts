// Ordinary stacks carry the hash of the template the tool deployed in a tag, so a plan sees a changed
// template without one GetTemplate call per stack (stack sets return their template with DescribeStackSet).
import { createHash } from 'node:crypto'

export const MANAGED_TAG = 'org-baseline:managed'
export const TEMPLATE_TAG = 'org-baseline:template'

export const templateHash = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 16)

export const ownedTags = (body: string) => [
  { Key: MANAGED_TAG, Value: 'true' },
  { Key: TEMPLATE_TAG, Value: templateHash(body) },
]
