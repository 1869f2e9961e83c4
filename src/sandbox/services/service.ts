// The contract every simulated AWS service implements. The server decodes a request with the service's
// protocol, finds the operation, calls it with the caller's context, and encodes the result or the
// SandboxError it throws. Services never see HTTP.
import type { RestXmlRequest, RestXmlResult } from '../protocols/rest-xml.ts'
import type { World } from '../state.ts'

export interface CallContext {
  world: World
  /** Region from the SigV4 credential scope. */
  region: string
  /** The calling account, from the access key. */
  account: string
  /** The calling principal's ARN (the account root, or an assumed-role session). */
  principalArn: string
  /** The access key the request was signed with (STS maps keys to sessions). */
  accessKeyId: string
  /** Page size cap a test asked for, to make missing pagination show; undefined = AWS's own limits. */
  pageSizeCap: number | undefined
}

/**
 * awsJson1_1 and awsQuery: input and output use the model's member names (PascalCase or camelCase as the
 * model says). awsQuery inputs arrive decoded from the form body, so scalars are strings and lists are arrays
 * (`Foo.member.1` → `Foo: ['…']`); the operation converts numbers and booleans itself.
 */
export type Operation = (input: Record<string, unknown>, ctx: CallContext) => unknown | Promise<unknown>

/** restJson1: the raw pieces of the HTTP request, members named as on the wire (the model's jsonName). */
export interface RestRequest {
  params: Record<string, string>
  query: URLSearchParams
  body: Record<string, unknown>
}

export interface RestRoute {
  operation: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path template from the model's http trait, e.g. `/detector/{DetectorId}/admin`. */
  path: string
  /** Returns the JSON body of a successful answer (wire names); status is 200 unless `status` says otherwise. */
  handler: (req: RestRequest, ctx: CallContext) => unknown | Promise<unknown>
  status?: number
}

/**
 * restXml (S3): an operation is chosen by method, whether the path names an object, and the query string's
 * subresource; the server decodes the input by the request model (members by their model names).
 */
export interface RestXmlRoute {
  operation: string
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD'
  /** `/{Bucket}` or `/{Bucket}/{Key+}` (path-style addressing). */
  target: 'bucket' | 'object'
  /** The query parameter that selects the operation (`policy`, `list-type`, `versions`…); none for plain ones. */
  subresource?: string
  handler: (
    input: Record<string, unknown>,
    ctx: CallContext,
    request: RestXmlRequest,
  ) => RestXmlResult | Promise<RestXmlResult>
}

export type ServiceSpec =
  | {
      /** SigV4 signing name, e.g. `organizations`, `cloudformation`. */
      signingName: string
      protocol: 'awsJson1_1'
      /** X-Amz-Target prefix, e.g. `AWSOrganizationsV20161128`. */
      targetPrefix: string
      operations: Record<string, Operation>
    }
  | {
      signingName: string
      protocol: 'awsQuery'
      /** API version the SDK sends, e.g. `2010-05-15`. */
      version: string
      /** XML namespace of responses, e.g. `http://cloudformation.amazonaws.com/doc/2010-05-15/`. */
      xmlNamespace: string
      operations: Record<string, Operation>
    }
  | {
      signingName: string
      protocol: 'restJson1'
      routes: RestRoute[]
    }
  | {
      signingName: string
      protocol: 'restXml'
      routes: RestXmlRoute[]
    }

/**
 * A simulated service: its wire spec, plus how it takes its part of a seed file and the controls tests
 * and demos use on it (drift, faults specific to it). Controls are reachable in-process and under
 * `/_sandbox/control/<service>/<name>` on the server.
 */
export interface SimulatedService {
  spec: ServiceSpec
  /** Top-level key of the seed file this service reads, if any. */
  seedKey?: string
  seed?: (world: World, data: unknown) => void
  controls?: Record<string, (world: World, args: Record<string, unknown>) => unknown>
  /**
   * Brings the service's lazily computed state up to `world.clock.now()`. The server calls every service's
   * settle before each request, so effects that cross services (a stack instance creating a Config recorder)
   * are visible whichever service is asked next.
   */
  settle?: (world: World) => void
  /**
   * A regional service: a request signed for a region the calling account has not enabled is refused, as AWS
   * refuses it (the server answers; services need not check).
   */
  regional?: boolean
}
