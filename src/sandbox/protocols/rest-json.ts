// restJson1: operations are found by HTTP method + path template (`/detector/{DetectorId}/admin`, labels
// URL-decoded, `{Key+}` greedy), input is labels + query string + JSON body, output a JSON body. Errors carry
// the `x-amzn-ErrorType` header (what the SDK's `loadRestJsonErrorCode` reads first) and a JSON body with
// `message` and `__type` (GuardDuty and Security Hub model `Type` with jsonName `__type`).
import { SandboxError } from '../errors.ts'
import type { RestRoute } from '../services/service.ts'
import { toJsonText } from './json.ts'
import type { WireResponse } from './wire.ts'

interface CompiledRoute {
  route: RestRoute
  pattern: RegExp
  labels: string[]
}

export class RestRouter {
  private readonly compiled: CompiledRoute[]

  constructor(routes: RestRoute[]) {
    this.compiled = routes.map((route) => {
      const labels: string[] = []
      const source = route.path
        .split('/')
        .map((segment) => {
          const label = /^\{(\w+)(\+?)\}$/.exec(segment)
          if (!label) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          labels.push(label[1] ?? '')
          return label[2] ? '(.+)' : '([^/]+)'
        })
        .join('/')
      return { route, pattern: new RegExp(`^${source}/?$`), labels }
    })
  }

  match(method: string, path: string): { route: RestRoute; params: Record<string, string> } | undefined {
    for (const { route, pattern, labels } of this.compiled) {
      if (route.method !== method) continue
      const found = pattern.exec(path)
      if (!found) continue
      const params: Record<string, string> = {}
      labels.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '')
      })
      return { route, params }
    }
    return undefined
  }
}

export function encodeRestResult(result: unknown, status = 200): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: toJsonText(result ?? {}) }
}

export function encodeRestError(error: SandboxError): WireResponse {
  const body = { message: error.message, __type: error.code, ...error.fields }
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
    body: toJsonText(body),
  }
}

export const unknownRoute = (method: string, path: string) =>
  new SandboxError('UnknownOperationException', `No operation matches ${method} ${path}`, 404)
