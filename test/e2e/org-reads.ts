// Organizations reads for the e2e suites' own checks, every page of them as the tool reads them: an Organizations
// list "can occasionally return an empty set of results even when more results are available" (its API model),
// which the sandbox does in eventual mode — a single page would make a check see nothing.
import {
  type OrganizationsClient,
  paginateListDelegatedAdministrators,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
} from '@aws-sdk/client-organizations'
import { collect } from '../../src/aws/paginate.ts'

export const delegatedAdminIds = async (client: OrganizationsClient, servicePrincipal: string) =>
  (
    await collect(
      paginateListDelegatedAdministrators({ client }, { ServicePrincipal: servicePrincipal }),
      (p) => p.DelegatedAdministrators,
    )
  ).map((a) => a.Id)

export const scpSummaries = (client: OrganizationsClient) =>
  collect(paginateListPolicies({ client }, { Filter: 'SERVICE_CONTROL_POLICY' }), (p) => p.Policies)

export const roots = (client: OrganizationsClient) =>
  collect(paginateListRoots({ client }, {}), (p) => p.Roots)

export const organizationalUnits = (client: OrganizationsClient, parentId: string) =>
  collect(
    paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId }),
    (p) => p.OrganizationalUnits,
  )
