// Resource types without a provider are recorded by CloudFormation alone: a physical id in CloudFormation's
// style (the name property when the template sets one, else `<stack>-<logicalId>-<suffix>`) and the
// attributes templates most often read (Arn, and the few types whose Ref is an ARN).
import { randomBytes } from 'node:crypto'

/**
 * Joins into one flat string. Template literals build rope strings that V8 keeps as trees; stored ids are
 * joined instead, which keeps a stack set of tens of thousands of instances several times smaller.
 */
export const flat = (...parts: string[]): string => parts.join('')

const NAME_PROPERTIES: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::Events::Rule': 'Name',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::CloudTrail::Trail': 'TrailName',
  'AWS::Config::ConfigurationRecorder': 'Name',
  'AWS::Config::DeliveryChannel': 'Name',
  'AWS::KMS::Alias': 'AliasName',
}

/** Types named inside an input structure: Ref returns that name (CloudFormation reference, AWS::Glue::Database / Table, "Ref"). */
const NESTED_NAMES: Record<string, (props: Record<string, unknown>) => unknown> = {
  'AWS::Glue::Database': (props) => (props.DatabaseInput as Record<string, unknown> | undefined)?.Name,
  'AWS::Glue::Table': (props) => (props.TableInput as Record<string, unknown> | undefined)?.Name,
}

export function genericPhysicalId(
  type: string,
  props: Record<string, unknown>,
  stackName: string,
  logicalId: string,
): string {
  const nameProp = NAME_PROPERTIES[type]
  const named = nameProp ? props[nameProp] : (NESTED_NAMES[type]?.(props) ?? undefined)
  if (typeof named === 'string' && named !== '') return named
  const suffix = randomBytes(9)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'X')
    .toUpperCase()
    .slice(0, 12)
  const base = flat(stackName, '-', logicalId).slice(0, 50)
  return type === 'AWS::S3::Bucket' ? flat(base, '-', suffix).toLowerCase() : flat(base, '-', suffix)
}

export function genericAttributes(
  type: string,
  physicalId: string,
  account: string,
  region: string,
): { ref: string; attributes: Record<string, unknown> } {
  const [, service = 'unknown', kind = 'resource'] = type.split('::').map((p) => p.toLowerCase())
  switch (type) {
    case 'AWS::SNS::Topic': {
      const arn = flat('arn:aws:sns:', region, ':', account, ':', physicalId)
      return { ref: arn, attributes: { TopicArn: arn, TopicName: physicalId } }
    }
    case 'AWS::S3::Bucket':
      return {
        ref: physicalId,
        attributes: { Arn: `arn:aws:s3:::${physicalId}`, DomainName: `${physicalId}.s3.amazonaws.com` },
      }
    case 'AWS::IAM::Role':
      return {
        ref: physicalId,
        attributes: {
          Arn: `arn:aws:iam::${account}:role/${physicalId}`,
          RoleId: `AROA${physicalId.length}SANDBOX`,
        },
      }
    case 'AWS::Events::Rule':
      return {
        ref: physicalId,
        attributes: { Arn: `arn:aws:events:${region}:${account}:rule/${physicalId}` },
      }
    case 'AWS::SQS::Queue':
      return {
        ref: `https://sqs.${region}.amazonaws.com/${account}/${physicalId}`,
        attributes: { Arn: `arn:aws:sqs:${region}:${account}:${physicalId}`, QueueName: physicalId },
      }
    default:
      return {
        ref: physicalId,
        attributes: { Arn: flat('arn:aws:', service, ':', region, ':', account, ':', kind, '/', physicalId) },
      }
  }
}
