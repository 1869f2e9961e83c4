// AWS IAM (prefix `iam`). Source: Service Authorization Reference, "Actions, resources, and condition keys
// for AWS Identity and Access Management (IAM)": the organization-features actions and GetAccountSummary
// have no resource type (evaluated against `*`).
import type { ActionTable } from '../types.ts'

const plain = (action: string) => ({ action: `iam:${action}` })

export const iamActions: ActionTable = {
  ListOrganizationsFeatures: plain('ListOrganizationsFeatures'),
  EnableOrganizationsRootCredentialsManagement: plain('EnableOrganizationsRootCredentialsManagement'),
  DisableOrganizationsRootCredentialsManagement: plain('DisableOrganizationsRootCredentialsManagement'),
  EnableOrganizationsRootSessions: plain('EnableOrganizationsRootSessions'),
  DisableOrganizationsRootSessions: plain('DisableOrganizationsRootSessions'),
  GetAccountSummary: plain('GetAccountSummary'),
}
