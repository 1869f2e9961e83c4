// The actions the policies grant on `Resource: "*"`, each with its reason. Source: Service Authorization
// Reference, "Actions, resources, and condition keys for <service>" — an action whose Resource types column is
// empty can only be granted on `*`; the few others are creations judged before their resource has an ARN.
// Where IAM offers a condition key, the statement still narrows the action with it (tool-policy.ts).
const NO_RESOURCE_TYPE = 'supports no resource type (Service Authorization Reference): only `*` can name it'
const CREATES = 'creates the resource: the request has no ARN to match before it exists'

export const STAR_ACTIONS: Record<string, string> = {
  'organizations:DescribeOrganization': NO_RESOURCE_TYPE,
  'organizations:ListRoots': NO_RESOURCE_TYPE,
  'organizations:ListAccounts': NO_RESOURCE_TYPE,
  'organizations:ListPolicies': `${NO_RESOURCE_TYPE}; narrowed by organizations:PolicyType`,
  'organizations:CreatePolicy': `${NO_RESOURCE_TYPE}; narrowed by organizations:PolicyType and aws:RequestTag/org-baseline:managed`,
  'organizations:EnableAWSServiceAccess': `${NO_RESOURCE_TYPE}; the tool role's is narrowed by organizations:ServicePrincipal, the member role's (an organization Config aggregator enables Config's access as it is created) is not, as AWS documents no principal for that call`,
  'organizations:ListAWSServiceAccessForOrganization': NO_RESOURCE_TYPE,
  'organizations:ListDelegatedAdministrators': NO_RESOURCE_TYPE,
  'iam:GetAccountSummary': NO_RESOURCE_TYPE,
  'iam:ListOrganizationsFeatures': NO_RESOURCE_TYPE,
  'iam:EnableOrganizationsRootCredentialsManagement': NO_RESOURCE_TYPE,
  'iam:EnableOrganizationsRootSessions': NO_RESOURCE_TYPE,
  'cloudformation:DescribeOrganizationsAccess': NO_RESOURCE_TYPE,
  'cloudformation:ActivateOrganizationsAccess': NO_RESOURCE_TYPE,
  'cloudformation:DescribeStackDriftDetectionStatus': NO_RESOURCE_TYPE,
  'cloudtrail:DescribeTrails': NO_RESOURCE_TYPE,
  'cloudtrail:CreateEventDataStore': CREATES,
  'kms:CreateKey': CREATES,
  'config:PutConfigurationRecorder': NO_RESOURCE_TYPE,
  'config:PutDeliveryChannel': NO_RESOURCE_TYPE,
  'config:StartConfigurationRecorder': NO_RESOURCE_TYPE,
  'config:StopConfigurationRecorder': NO_RESOURCE_TYPE,
  'config:DeleteConfigurationRecorder': NO_RESOURCE_TYPE,
  'config:DeleteDeliveryChannel': NO_RESOURCE_TYPE,
  'config:DescribeConfigurationRecorders': NO_RESOURCE_TYPE,
  'config:DescribeConfigurationRecorderStatus': NO_RESOURCE_TYPE,
  'config:DescribeDeliveryChannels': NO_RESOURCE_TYPE,
  'config:PutConfigurationAggregator': CREATES,
  'config:DescribeConfigurationAggregators': 'lists every aggregator of the account when it names none',
  'guardduty:ListOrganizationAdminAccounts': NO_RESOURCE_TYPE,
  'guardduty:EnableOrganizationAdminAccount': NO_RESOURCE_TYPE,
  'guardduty:DisableOrganizationAdminAccount': NO_RESOURCE_TYPE,
  'guardduty:ListDetectors': NO_RESOURCE_TYPE,
  'access-analyzer:ListAnalyzers': NO_RESOURCE_TYPE,
  'guardduty:CreateDetector': NO_RESOURCE_TYPE,
  'securityhub:ListOrganizationAdminAccounts': NO_RESOURCE_TYPE,
  'securityhub:EnableOrganizationAdminAccount': NO_RESOURCE_TYPE,
  'securityhub:DisableOrganizationAdminAccount': NO_RESOURCE_TYPE,
}
