// restXml (S3): the operation is found by HTTP method, whether the path names an object, and the query
// string's subresource (`?policy`, `?lifecycle`, `?versions`…); input members travel in the URI, the query
// string, headers or the payload (an XML document, or the raw body for a string/blob payload), as the
// service model's members say. Output is an XML document (S3's namespace) and/or headers. S3's lists are
// flattened (repeated elements, no wrapper), which is how the payloads here encode them. Errors are
// `<Error><Code/><Message/><RequestId/></Error>` with the error's HTTP status (S3 API reference, "REST error
// responses"); what the SDK's AwsRestXmlProtocol / loadRestXmlErrorCode reads.
import { SandboxError } from '../errors.ts'
import type { ServiceModel, StructureShape } from '../model/types.ts'
import type { RestXmlRoute } from '../services/service.ts'
import type { WireResponse } from './wire.ts'

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/'
const XML_CONTENT_TYPE = 'application/xml'

export interface XmlElement {
  name: string
  children: XmlElement[]
  text: string
}

const malformedXml = () =>
  new SandboxError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  )

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' }
const unescapeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)))
    return ENTITIES[ref] ?? whole
  })

/** A small XML reader for request payloads: elements and text; attributes, comments and the prolog ignored. */
export function parseXml(source: string): XmlElement {
  const text = source.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '')
  const tag = /<(\/?)([\w:.-]+)[^>]*?(\/?)>/g
  const stack: XmlElement[] = [{ name: '#document', children: [], text: '' }]
  let last = 0
  for (let found = tag.exec(text); found; found = tag.exec(text)) {
    const top = stack[stack.length - 1] as XmlElement
    top.text += unescapeXml(text.slice(last, found.index))
    last = tag.lastIndex
    const [, closing, name = '', selfClosing] = found
    if (closing) {
      if (top.name !== name || stack.length < 2) throw malformedXml()
      stack.pop()
    } else {
      const element: XmlElement = { name: name.replace(/^\w+:/, ''), children: [], text: '' }
      top.children.push(element)
      if (!selfClosing) stack.push(element)
    }
  }
  const root = stack[0] as XmlElement
  if (stack.length !== 1 || root.children.length !== 1 || text.slice(last).trim() !== '') throw malformedXml()
  return root.children[0] as XmlElement
}

/**
 * An element read as the model's shape says: structures by member (the member's `wire` name is its element
 * name), flattened lists as every element of that name, scalars as text (the validator reads numbers and
 * booleans from text, as for the query protocol).
 */
function readShape(model: ServiceModel, shapeName: string, element: XmlElement): unknown {
  const shape = model.shapes[shapeName]
  if (shape?.type !== 'structure') return element.text.trim()
  const out: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(shape.members)) {
    const memberShape = typeof member === 'string' ? member : member.shape
    const wire = typeof member === 'string' ? name : (member.wire ?? name)
    const matches = element.children.filter((c) => c.name === wire)
    const kind = model.shapes[memberShape]
    if (kind?.type === 'list') {
      if (matches.length > 0) out[name] = matches.map((c) => readShape(model, kind.member, c))
    } else if (matches[0]) {
      out[name] = readShape(model, memberShape, matches[0])
    }
  }
  return out
}

export interface RestXmlRequest {
  /** URI labels by member name (`Bucket`, `Key`). */
  params: Record<string, string>
  query: URLSearchParams
  /** Header names in lower case. */
  headers: Record<string, string>
  body: string
}

/** The input record, members by their model names, from where the model says each travels. */
export function decodeRestXmlInput(
  model: ServiceModel,
  inputShape: string | undefined,
  request: RestXmlRequest,
): Record<string, unknown> {
  const shape = inputShape ? (model.shapes[inputShape] as StructureShape | undefined) : undefined
  const input: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(shape?.members ?? {})) {
    const spec = typeof member === 'string' ? { shape: member } : member
    const wire = spec.wire ?? name
    if (spec.in === 'uri') {
      if (request.params[wire] !== undefined) input[name] = request.params[wire]
    } else if (spec.in === 'querystring') {
      const value = request.query.get(wire)
      if (value !== null) input[name] = value
    } else if (spec.in === 'header') {
      const value = request.headers[wire.toLowerCase()]
      if (value !== undefined) input[name] = value
    } else if (spec.in === undefined) {
      const payload = model.shapes[spec.shape]
      if (payload?.type === 'structure') {
        if (request.body.trim() !== '') input[name] = readShape(model, spec.shape, parseXml(request.body))
      } else if (request.body !== '') {
        input[name] = request.body
      }
    }
  }
  return input
}

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`)

/** Children of an element: structures by member, arrays as repeated (flattened) elements, dates ISO-8601. */
export function xmlChildren(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value !== 'object') return escapeXml(String(value))
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => (Array.isArray(v) ? v : [v]).map((item) => `<${k}>${xmlChildren(item)}</${k}>`).join(''))
    .join('')
}

/** What a restXml handler answers: a status (200 unless given), headers, and an XML document or raw body. */
export interface RestXmlResult {
  status?: number
  headers?: Record<string, string>
  xml?: { root: string; value: Record<string, unknown> }
  raw?: { body: string; contentType: string }
}

export function encodeRestXmlResult(result: RestXmlResult, defaultStatus = 200): WireResponse {
  const headers: Record<string, string> = { ...result.headers }
  let body = ''
  if (result.xml) {
    headers['content-type'] = XML_CONTENT_TYPE
    body =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<${result.xml.root} xmlns="${S3_XMLNS}">${xmlChildren(result.xml.value)}</${result.xml.root}>`
  } else if (result.raw) {
    headers['content-type'] = result.raw.contentType
    body = result.raw.body
  }
  return { status: result.status ?? defaultStatus, headers, body }
}

export function encodeRestXmlError(error: SandboxError, requestId: string, method: string): WireResponse {
  // A HEAD answer has no body: the SDK names the error by its status (NotFound, Forbidden…).
  if (method === 'HEAD') return { status: error.status, headers: { 'x-amz-request-id': requestId }, body: '' }
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
    `${xmlChildren(error.fields)}<RequestId>${requestId}</RequestId></Error>`
  return {
    status: error.status,
    headers: { 'content-type': XML_CONTENT_TYPE, 'x-amz-request-id': requestId },
    body,
  }
}

/** S3's subresources: a query parameter among these selects an operation (S3 API reference, per operation). */
const SUBRESOURCES = [
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'delete',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'list-type',
  'location',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versioning',
  'versions',
  'website',
]

/** Path-style addressing: `/{Bucket}` or `/{Bucket}/{Key+}`; the route whose subresource the query names. */
export function matchRestXmlRoute(
  routes: readonly RestXmlRoute[],
  method: string,
  rawPath: string,
  query: URLSearchParams,
): { route: RestXmlRoute; params: Record<string, string> } {
  const slash = rawPath.indexOf('/', 1)
  const bucket = decodeURIComponent(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash))
  const key = slash < 0 ? '' : decodeURIComponent(rawPath.slice(slash + 1))
  const target = key === '' ? 'bucket' : 'object'
  const named = SUBRESOURCES.filter((s) => query.has(s))
  const route =
    bucket === ''
      ? undefined
      : routes.find(
          (r) =>
            r.method === method &&
            r.target === target &&
            (r.subresource ? query.has(r.subresource) : named.length === 0),
        )
  if (!route) {
    throw new SandboxError(
      'NotImplemented',
      'A header you provided implies functionality that is not implemented',
      501,
    )
  }
  return { route, params: target === 'object' ? { Bucket: bucket, Key: key } : { Bucket: bucket } }
}
