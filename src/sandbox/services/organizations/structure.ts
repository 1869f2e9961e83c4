// The organization's shape: DescribeOrganization, roots, OUs, and the parent/child relations.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { Operation } from '../service.ts'
import {
  checkId,
  constraintViolation,
  invalidInput,
  OU_ID,
  PARENT_ID,
  paginate,
  requiredString,
  requireManagement,
  requireReader,
} from './common.ts'
import { addOu, isParent, orgState, ouDepth, rootArn } from './model.ts'
import { applyTags } from './tags.ts'

/** AWS: "For service control policies, the limit is five" levels of OUs under the root. */
const MAX_OU_DEPTH = 5

export function rootShape(world: World) {
  if (world.pendingPolicyTypes.size > 0) world.consistency.note('policy-type-pending')
  return {
    Id: world.rootId,
    Arn: rootArn(world),
    Name: 'Root',
    PolicyTypes: [
      ...[...world.enabledPolicyTypes].map((Type) => ({ Type, Status: 'ENABLED' })),
      ...[...world.pendingPolicyTypes.keys()].map((Type) => ({ Type, Status: 'PENDING_ENABLE' })),
    ],
  }
}

export function ouShape(world: World, id: string) {
  const ou = world.ous.get(id)
  if (!ou) throw ouNotFound()
  return { Id: ou.id, Arn: ou.arn, Name: ou.name, Path: ouPath(world, id) }
}

/** The entity path AWS reports: `o-…/r-…/ou-…/…/`. */
function ouPath(world: World, id: string): string {
  const chain = [id, ...world.ancestors(id)].reverse()
  return `${world.organizationId}/${chain.join('/')}/`
}

export const ouNotFound = () =>
  new SandboxError(
    'OrganizationalUnitNotFoundException',
    'We can’t find an OU with the OrganizationalUnitId that you specified.',
    404,
  )
export const parentNotFound = () =>
  new SandboxError(
    'ParentNotFoundException',
    'We can’t find a root or OU with the ParentId that you specified.',
    404,
  )

function requireParent(world: World, input: Record<string, unknown>, name = 'ParentId'): string {
  const id = checkId(requiredString(input, name), PARENT_ID, name)
  if (!isParent(world, id)) throw parentNotFound()
  return id
}

const describeOrganization: Operation = (_input, ctx) => {
  const { world } = ctx
  const management = world.accounts.get(world.managementAccountId)
  return {
    Organization: {
      Id: world.organizationId,
      Arn: `arn:aws:organizations::${world.managementAccountId}:organization/${world.organizationId}`,
      FeatureSet: world.featureSet,
      MasterAccountArn: `arn:aws:organizations::${world.managementAccountId}:account/${world.organizationId}/${world.managementAccountId}`,
      MasterAccountId: world.managementAccountId,
      MasterAccountEmail: management?.email ?? orgState(world).managementEmail,
      // Deprecated by AWS: always the SCP type, whatever is enabled (see the API reference).
      AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
    },
  }
}

const listRoots: Operation = (input, ctx) => {
  requireReader(ctx)
  const page = paginate(ctx, input, [rootShape(ctx.world)], 'ListRoots')
  return { Roots: page.items, NextToken: page.nextToken }
}

const listOusForParent: Operation = (input, ctx) => {
  requireReader(ctx)
  const parentId = requireParent(ctx.world, input)
  const ous = [...ctx.world.ous.values()].filter((ou) => ou.parentId === parentId)
  const page = paginate(ctx, input, ous, `ListOrganizationalUnitsForParent:${parentId}`)
  return { OrganizationalUnits: page.items.map((ou) => ouShape(ctx.world, ou.id)), NextToken: page.nextToken }
}

const describeOu: Operation = (input, ctx) => {
  requireReader(ctx)
  const id = checkId(requiredString(input, 'OrganizationalUnitId'), OU_ID, 'OrganizationalUnitId')
  return { OrganizationalUnit: ouShape(ctx.world, id) }
}

const createOu: Operation = (input, ctx) => {
  requireManagement(ctx)
  const { world } = ctx
  const parentId = requireParent(world, input)
  const name = requiredString(input, 'Name')
  if (name.length > 128)
    throw invalidInput('MAX_LENGTH_EXCEEDED', 'You provided a value that is too long for Name.')
  if ([...world.ous.values()].some((ou) => ou.parentId === parentId && ou.name === name)) {
    throw new SandboxError(
      'DuplicateOrganizationalUnitException',
      'An OU with the same name already exists.',
      409,
    )
  }
  const depth = parentId === world.rootId ? 1 : ouDepth(world, parentId) + 1
  if (depth > MAX_OU_DEPTH) {
    throw constraintViolation(
      'OU_DEPTH_LIMIT_EXCEEDED',
      'You attempted to create an OU tree that is too many levels deep.',
    )
  }
  const ou = addOu(world, parentId, name)
  applyTags(world, ou.id, input.Tags)
  return { OrganizationalUnit: ouShape(world, ou.id) }
}

const updateOu: Operation = (input, ctx) => {
  requireManagement(ctx)
  const id = checkId(requiredString(input, 'OrganizationalUnitId'), OU_ID, 'OrganizationalUnitId')
  const ou = ctx.world.ous.get(id)
  if (!ou) throw ouNotFound()
  const name = input.Name
  if (typeof name === 'string' && name !== '') ou.name = name
  return { OrganizationalUnit: ouShape(ctx.world, id) }
}

const deleteOu: Operation = (input, ctx) => {
  requireManagement(ctx)
  const { world } = ctx
  const id = checkId(requiredString(input, 'OrganizationalUnitId'), OU_ID, 'OrganizationalUnitId')
  if (!world.ous.has(id)) throw ouNotFound()
  const hasChildren =
    [...world.ous.values()].some((ou) => ou.parentId === id) ||
    [...world.accounts.values()].some((a) => a.parentId === id)
  if (hasChildren) {
    throw new SandboxError(
      'OrganizationalUnitNotEmptyException',
      'The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try again.',
      409,
    )
  }
  world.ous.delete(id)
  for (const policy of world.policies.values()) policy.targets.delete(id)
  orgState(world).tags.delete(id)
  return {}
}

const listParents: Operation = (input, ctx) => {
  requireReader(ctx)
  const { world } = ctx
  const childId = requiredString(input, 'ChildId')
  const parentId = world.accounts.get(childId)?.parentId ?? world.ous.get(childId)?.parentId
  if (!parentId) {
    throw new SandboxError(
      'ChildNotFoundException',
      'We can’t find an organizational unit (OU) or AWS account with the ChildId that you specified.',
      404,
    )
  }
  const parents = [{ Id: parentId, Type: parentId === world.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }]
  const page = paginate(ctx, input, parents, `ListParents:${childId}`)
  return { Parents: page.items, NextToken: page.nextToken }
}

const listChildren: Operation = (input, ctx) => {
  requireReader(ctx)
  const { world } = ctx
  const parentId = requireParent(world, input)
  const childType = requiredString(input, 'ChildType')
  let children: { Id: string; Type: string }[]
  if (childType === 'ACCOUNT') {
    children = world.accountsUnder(parentId, false).map((a) => ({ Id: a.id, Type: 'ACCOUNT' }))
  } else if (childType === 'ORGANIZATIONAL_UNIT') {
    children = [...world.ous.values()]
      .filter((ou) => ou.parentId === parentId)
      .map((ou) => ({ Id: ou.id, Type: 'ORGANIZATIONAL_UNIT' }))
  } else {
    throw invalidInput('INVALID_ENUM', 'You specified an invalid value for ChildType.')
  }
  const page = paginate(ctx, input, children, `ListChildren:${parentId}:${childType}`)
  return { Children: page.items, NextToken: page.nextToken }
}

export const structureOperations: Record<string, Operation> = {
  DescribeOrganization: describeOrganization,
  ListRoots: listRoots,
  ListOrganizationalUnitsForParent: listOusForParent,
  DescribeOrganizationalUnit: describeOu,
  CreateOrganizationalUnit: createOu,
  UpdateOrganizationalUnit: updateOu,
  DeleteOrganizationalUnit: deleteOu,
  ListParents: listParents,
  ListChildren: listChildren,
}
