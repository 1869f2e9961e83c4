// awsQuery: a form body `Action=…&Version=…&A.B=…&L.member.1=…&M.entry.1.key=…` in, XML out. Lists are
// `<member>` elements, maps `<entry><key/><value/></entry>` (wrap a map in `xmlMap`), timestamps ISO-8601,
// booleans `true`/`false`; errors `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`.
// This is what the SDK's AwsQueryProtocol / XmlShapeDeserializer read.
import { SandboxError } from '../errors.ts'
import type { DecodedCall, WireResponse } from './wire.ts'

const XML_CONTENT_TYPE = 'text/xml'

/** Marks an object to be encoded as an XML map (`entry`/`key`/`value`) rather than a structure. */
export class XmlMap {
  constructor(readonly entries: Record<string, unknown>) {}
}
export const xmlMap = (entries: Record<string, unknown>) => new XmlMap(entries)

export interface QueryCall extends DecodedCall {
  version: string | undefined
}

export function decodeQueryCall(body: string): QueryCall {
  const form = new URLSearchParams(body)
  const operation = form.get('Action')
  if (!operation) throw new SandboxError('MissingAction', 'Missing Action', 400)
  const version = form.get('Version') ?? undefined
  form.delete('Action')
  form.delete('Version')
  return { operation, version, input: decodeForm(form) }
}

type Tree = { [key: string]: Tree | string }

/** Nested members `A.B`, lists `X.member.N` and maps `X.entry.N.key/value` → plain objects and arrays. */
export function decodeForm(form: URLSearchParams): Record<string, unknown> {
  const root: Tree = {}
  for (const [key, value] of form) {
    const path = key.split('.')
    let node: Tree = root
    for (const [i, segment] of path.entries()) {
      if (i === path.length - 1) {
        node[segment] = value
      } else {
        const next = node[segment]
        if (typeof next === 'object') node = next
        else {
          const created: Tree = {}
          node[segment] = created
          node = created
        }
      }
    }
  }
  return normalize(root) as Record<string, unknown>
}

function normalize(node: Tree | string): unknown {
  if (typeof node === 'string') return node
  const keys = Object.keys(node)
  const indexed = (child: Tree | string | undefined) =>
    typeof child === 'object'
      ? Object.entries(child)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, v]) => v)
      : []
  if (keys.length === 1 && keys[0] === 'member') return indexed(node.member).map(normalize)
  if (keys.length === 1 && keys[0] === 'entry') {
    const map: Record<string, unknown> = {}
    for (const entry of indexed(node.entry)) {
      if (typeof entry === 'object' && typeof entry.key === 'string')
        map[entry.key] = normalize(entry.value ?? '')
    }
    return map
  }
  const out: Record<string, unknown> = {}
  for (const key of keys) out[key] = normalize(node[key] as Tree | string)
  return out
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  )

/** Encodes one value as the children of an element (the caller writes the element's own tags). */
export function xmlValue(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string') return escapeXml(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return value.map((item) => `<member>${xmlValue(item)}</member>`).join('')
  if (value instanceof XmlMap) {
    return Object.entries(value.entries)
      .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${xmlValue(v)}</value></entry>`)
      .join('')
  }
  if (value instanceof Map) return xmlValue(new XmlMap(Object.fromEntries(value)))
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `<${k}>${xmlValue(v)}</${k}>`)
    .join('')
}

export function encodeQueryResult(
  operation: string,
  xmlNamespace: string,
  result: unknown,
  requestId: string,
): WireResponse {
  const inner = result === undefined ? '' : `<${operation}Result>${xmlValue(result)}</${operation}Result>`
  const body =
    `<${operation}Response xmlns="${xmlNamespace}">${inner}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`
  return { status: 200, headers: { 'content-type': XML_CONTENT_TYPE }, body }
}

export function encodeQueryError(error: SandboxError, xmlNamespace: string, requestId: string): WireResponse {
  const type = error.status >= 500 ? 'Receiver' : 'Sender'
  const extra = xmlValue(error.fields)
  const body =
    `<ErrorResponse xmlns="${xmlNamespace}"><Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>${extra}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  return { status: error.status, headers: { 'content-type': XML_CONTENT_TYPE }, body }
}
