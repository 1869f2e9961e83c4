// Scan types Amazon Inspector does not offer in every region: the tool neither turns them on nor off there,
// and the plan says so. Source: Amazon Inspector user guide, "Regions and endpoints" → "Region-specific
// feature availability" (docs.aws.amazon.com/inspector/latest/user/inspector_regions.html). The reference
// corpus this was written from (2026-11) holds the page but not its rendered availability tables, so the rows
// below are NOT verified against them: they are the newest opt-in regions, where Lambda code scanning had not
// launched as the page was last read by hand. EC2, ECR and Lambda standard scanning are offered wherever
// Inspector is. Check the page before relying on a row; add or remove rows as it says.
// Searched again (2026-11, docs corpus: "Amazon Inspector Lambda code scanning Regions", "Regions where Lambda
// code scanning is available", the Japanese heading): the page's English and Chinese .md copies show
// "[See the AWS documentation website for more details]" in place of every availability table, and the
// rendered ja/ko/zh copies are returned only up to their endpoint tables. The one region list found is AWS
// Config's rule inspector-lambda-code-scan-enabled ("Only available in" 10 regions): that is where Config
// offers the rule, not where Inspector offers the scan, so it is not used here. The rows stay unverified.
import type { InspectorScanType } from '../../config/schema.ts'

export const TYPES_NOT_OFFERED: Readonly<Record<string, readonly InspectorScanType[]>> = {
  'ap-east-2': ['LAMBDA_CODE'],
  'ap-southeast-6': ['LAMBDA_CODE'],
  'ap-southeast-7': ['LAMBDA_CODE'],
  'mx-central-1': ['LAMBDA_CODE'],
}

export const isOffered = (type: InspectorScanType, region: string): boolean =>
  !(TYPES_NOT_OFFERED[region] ?? []).includes(type)

/** Types the config lists that Inspector does not offer in `region`. */
export const listedNotOffered = (types: readonly InspectorScanType[], region: string) =>
  types.filter((t) => !isOffered(t, region))
