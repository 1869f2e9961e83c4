// The sandbox's one HTTP server on 127.0.0.1. For each request it reads the SigV4 scope (access key →
// calling account and principal; region; service by signing name), decodes the service's protocol, checks the
// call against the service's request model (validation/), and then, in order: optional latency, the region
// check, authorization (authz/authorize-call.ts: SCPs and identity policies), injected faults, throttling,
// the handler. Every answer goes to the call log. `/_sandbox/…` carries the controls (JSON over HTTP) for
// tests and demos in other processes.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { S3_HEADERS } from './authz/actions/s3.ts'
import { authorizeCall } from './authz/authorize-call.ts'
import type { ActionInput } from './authz/types.ts'
import type { CallLog } from './call-log.ts'
import type { Controls } from './controls.ts'
import { SandboxError } from './errors.ts'
import type { Faults } from './faults.ts'
import { serviceModels } from './model/index.ts'
import { decodeJsonCall, encodeJsonError, encodeJsonResult, parseJsonBody } from './protocols/json.ts'
import { decodeQueryCall, encodeQueryError, encodeQueryResult } from './protocols/query.ts'
import { encodeRestError, encodeRestResult, RestRouter, unknownRoute } from './protocols/rest-json.ts'
import {
  decodeRestXmlInput,
  encodeRestXmlError,
  encodeRestXmlResult,
  matchRestXmlRoute,
  type RestXmlResult,
} from './protocols/rest-xml.ts'
import { parseAuthorization } from './protocols/sigv4.ts'
import type { WireResponse } from './protocols/wire.ts'
import type { CallContext, RestRequest, ServiceSpec, SimulatedService } from './services/service.ts'
import { resolveCaller } from './services/sts.ts'
import { notOffered } from './services-off.ts'
import type { World } from './state.ts'
import type { Throttle } from './throttle.ts'
import { callLatencyMs } from './timing/latency.ts'
import type { VirtualTime } from './timing/virtual-time.ts'
import { guardCall } from './validation/request-guard.ts'

/** Knobs the controls change while the sandbox runs. */
export interface SandboxSettings {
  latencyMs: number
  pageSizeCap: number | undefined
  throttle: Throttle
  faults: Faults
  /** Signing names of services switched off: answered with a 404 page (services-off.ts). */
  servicesOff?: ReadonlySet<string>
  /** The `aws` timing profile: AWS's per-call latency on simulated time (timing/virtual-time.ts). */
  virtualTime?: VirtualTime
}

export interface ServerDeps {
  world: World
  services: Record<string, SimulatedService>
  settings: SandboxSettings
  calls: CallLog
  controls: Controls
}

interface Routed {
  name: string
  spec: ServiceSpec
  regional: boolean
  router?: RestRouter
}

/**
 * Credentials are not valid in an opt-in region the account has not enabled: every regional service answers
 * UnrecognizedClientException — 400 on the JSON protocol, 403 on REST (README, "A region the calling account
 * has not enabled").
 */
function regionNotEnabled(protocol: ServiceSpec['protocol']): SandboxError {
  return new SandboxError(
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
    protocol === 'restJson1' || protocol === 'restXml' ? 403 : 400,
  )
}

export async function listen(deps: ServerDeps, port = 0): Promise<{ server: Server; endpoint: string }> {
  const bySigningName = new Map<string, Routed>()
  for (const [name, service] of Object.entries(deps.services)) {
    const spec = service.spec
    bySigningName.set(spec.signingName, {
      name,
      spec,
      regional: service.regional === true,
      ...(spec.protocol === 'restJson1' ? { router: new RestRouter(spec.routes) } : {}),
    })
  }
  const server = createServer((req, res) => {
    deps.settings.virtualTime?.begin()
    handle(deps, bySigningName, req, res)
      .catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ message: String(error) }))
      })
      .finally(() => deps.settings.virtualTime?.end())
  })
  server.keepAliveTimeout = 5000
  // Node closes a request still unanswered after 5 minutes (requestTimeout); under the aws timing profile a call
  // parked on the simulated clock of a large, busy organization can take that long in real time ("socket hang
  // up" at 1,000 accounts on a loaded machine).
  server.requestTimeout = 0
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const { port: bound } = server.address() as AddressInfo
  return { server, endpoint: `http://127.0.0.1:${bound}` }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function send(res: ServerResponse, wire: WireResponse, requestId: string): void {
  res.writeHead(wire.status, {
    ...wire.headers,
    'x-amzn-requestid': requestId,
    // A HEAD answer states the object's length without a body.
    'content-length': wire.headers['content-length'] ?? Buffer.byteLength(wire.body),
  })
  res.end(wire.body)
}

async function handle(
  deps: ServerDeps,
  bySigningName: Map<string, Routed>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req)
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const requestId = randomUUID()
  if (url.pathname.startsWith('/_sandbox/')) {
    const refused = controlCallerRefusal(deps.world, req)
    send(res, refused ?? (await controlRequest(deps, req.method ?? 'GET', url.pathname, body)), requestId)
    return
  }

  const scope = parseAuthorization(req.headers.authorization)
  const routed = scope && bySigningName.get(scope.service)
  if (!scope || !routed) {
    const error = new SandboxError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403)
    send(res, encodeJsonError(error), requestId)
    return
  }
  if (deps.settings.servicesOff?.has(scope.service)) {
    send(res, notOffered(), requestId)
    return
  }
  const { spec } = routed
  const encodeError = (error: SandboxError): WireResponse =>
    spec.protocol === 'awsQuery'
      ? encodeQueryError(error, spec.xmlNamespace, requestId)
      : spec.protocol === 'restJson1'
        ? encodeRestError(error)
        : spec.protocol === 'restXml'
          ? encodeRestXmlError(error, requestId, req.method ?? 'GET')
          : encodeJsonError(error)

  let operation = 'Unknown'
  let account = 'unknown'
  const startedAt = deps.world.clock.now()
  let wire: WireResponse
  try {
    const caller = resolveCaller(
      deps.world,
      scope.accessKeyId,
      header(req, 'x-amz-security-token'),
      spec.protocol,
    )
    account = caller.account
    const ctx: CallContext = {
      world: deps.world,
      region: scope.region,
      account: caller.account,
      principalArn: caller.principalArn,
      accessKeyId: scope.accessKeyId,
      pageSizeCap: deps.settings.pageSizeCap,
    }
    let invoke: () => unknown
    let request: Record<string, unknown> | RestRequest
    let encode: (result: unknown) => WireResponse
    let authInput: () => ActionInput
    if (spec.protocol === 'awsJson1_1') {
      const call = decodeJsonCall(header(req, 'x-amz-target'), spec.targetPrefix, body)
      operation = call.operation
      const handler = spec.operations[operation]
      if (!handler) throw new SandboxError('UnknownOperationException', '', 400)
      request = call.input
      invoke = () => handler(call.input, ctx)
      encode = encodeJsonResult
      authInput = () => call.input
    } else if (spec.protocol === 'awsQuery') {
      const call = decodeQueryCall(body)
      operation = call.operation
      const handler = spec.operations[operation]
      if (!handler) {
        throw new SandboxError(
          'InvalidAction',
          `Could not find operation ${operation} for version ${call.version}`,
        )
      }
      request = call.input
      invoke = () => handler(call.input, ctx)
      encode = (result) => encodeQueryResult(operation, spec.xmlNamespace, result, requestId)
      authInput = () => call.input
    } else if (spec.protocol === 'restXml') {
      const matched = matchRestXmlRoute(spec.routes, req.method ?? 'GET', url.pathname, url.searchParams)
      operation = matched.route.operation
      const { route } = matched
      const xmlRequest = { params: matched.params, query: url.searchParams, headers: flatHeaders(req), body }
      const model = serviceModels[routed.name]
      const input = model ? decodeRestXmlInput(model, model.operations[operation]?.input, xmlRequest) : {}
      request = input
      invoke = () => route.handler(input, ctx, xmlRequest)
      encode = (result) => encodeRestXmlResult(result as RestXmlResult)
      authInput = () => ({ ...input, [S3_HEADERS]: xmlRequest.headers })
    } else {
      const method = req.method ?? 'GET'
      const matched = routed.router?.match(method, url.pathname)
      if (!matched) throw unknownRoute(method, url.pathname)
      operation = matched.route.operation
      const restBody = body && header(req, 'content-type')?.includes('json') ? parseJsonBody(body) : {}
      const { route } = matched
      const rest: RestRequest = { params: matched.params, query: url.searchParams, body: restBody }
      request = rest
      invoke = () => route.handler(rest, ctx)
      encode = (result) => encodeRestResult(result, route.status)
      authInput = () => ({ ...restBody, ...Object.fromEntries(url.searchParams), ...matched.params })
    }
    // The request model: input validated before anything is looked up; errors only from the operation's table.
    invoke = guardCall(routed.name, spec.protocol, operation, request, invoke)

    if (deps.settings.latencyMs > 0) await new Promise((r) => setTimeout(r, deps.settings.latencyMs))
    await deps.settings.virtualTime?.hold(callLatencyMs(spec.signingName, operation))
    for (const service of Object.values(deps.services)) service.settle?.(deps.world)
    if (routed.regional && !deps.world.isRegionEnabled(account, scope.region))
      throw regionNotEnabled(spec.protocol)
    // Policies (SCPs, and identity policies where modelled) judge the call before anything else happens.
    const denied = authorizeCall(deps.world, caller, {
      signingName: spec.signingName,
      operation,
      region: scope.region,
      input: authInput,
    })
    if (denied) throw denied
    const fault = deps.settings.faults.pick(spec.signingName, spec.protocol, operation, routed.name)
    if (fault) throw fault
    const throttled = deps.settings.throttle.take(
      spec.signingName,
      spec.protocol,
      operation,
      account,
      scope.region,
    )
    if (throttled) throw throttled
    wire = encode(await invoke())
    if (deps.settings.faults.takeDrop(operation)) {
      // The write is done; its answer never arrives (what a reset connection or a lost reply looks like).
      deps.calls.record({
        at: startedAt,
        service: routed.name,
        operation,
        account,
        region: scope.region,
        status: 0,
        errorCode: 'ResponseDropped',
      })
      req.socket.destroy()
      return
    }
  } catch (error) {
    wire = encodeError(asSandboxError(error))
  }
  deps.calls.record({
    at: startedAt,
    service: routed.name,
    operation,
    account,
    region: scope.region,
    status: wire.status,
    ...(wire.status >= 300 ? { errorCode: errorCodeOf(wire) } : {}),
  })
  send(res, wire, requestId)
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value
  }
  return out
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function asSandboxError(error: unknown): SandboxError {
  if (error instanceof SandboxError) return error
  // A bug in a handler: answer as AWS does for its own failures, keeping the cause visible to the tester.
  const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)
  return new SandboxError('InternalFailure', `Sandbox handler failed: ${message}`, 500)
}

function errorCodeOf(wire: WireResponse): string {
  return (
    wire.headers['x-amzn-errortype'] ??
    /<Code>([^<]+)<\/Code>/.exec(wire.body)?.[1] ??
    (wire.status >= 500 ? 'InternalFailure' : 'Unknown')
  )
}

/**
 * The controls change the organization at will (create accounts, inject drift, read every call), so over
 * HTTP they answer only requests signed (SigV4 scope, any service) with credentials of the management
 * account — the same keys `sandbox serve` prints. Anything else on loopback gets 403.
 */
function controlCallerRefusal(world: World, req: IncomingMessage): WireResponse | undefined {
  const refuse = (message: string): WireResponse => ({
    status: 403,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  })
  const scope = parseAuthorization(header(req, 'authorization'))
  if (!scope)
    return refuse('Sandbox controls need a SigV4 Authorization header with management-account credentials')
  try {
    const caller = resolveCaller(world, scope.accessKeyId, header(req, 'x-amz-security-token'), 'restJson1')
    if (caller.account === world.managementAccountId) return undefined
    return refuse(
      `Sandbox controls answer only the management account ${world.managementAccountId}, not ${caller.account}`,
    )
  } catch (error) {
    return refuse(error instanceof SandboxError ? error.message : String(error))
  }
}

/** The simulated clock: now, and AWS time elapsed since the sandbox started. */
export function clockReading(deps: Pick<ServerDeps, 'world' | 'settings'>) {
  const clock = deps.world.clock
  return {
    now: clock.date().toISOString(),
    elapsedMs: clock.now() - clock.startedAt,
    timing: deps.settings.virtualTime ? 'aws' : 'off',
  }
}

/**
 * A client's wait (a poll's sleep) on simulated time, so a benchmark's waits cost AWS time and no real time:
 * parked under the `aws` profile, else slept for `ms / speed` real milliseconds.
 */
async function sleepSimulated(deps: ServerDeps, ms: number): Promise<void> {
  if (!Number.isFinite(ms) || ms < 0) throw new SandboxError('InvalidControl', 'sleep needs { ms } ≥ 0')
  if (deps.settings.virtualTime) return deps.settings.virtualTime.hold(ms)
  await new Promise((r) => setTimeout(r, ms / deps.world.clock.speed))
}

async function controlRequest(
  deps: ServerDeps,
  method: string,
  path: string,
  body: string,
): Promise<WireResponse> {
  const json = (status: number, value: unknown): WireResponse => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value ?? null),
  })
  try {
    const args = body.trim() ? (JSON.parse(body) as Record<string, unknown>) : {}
    if (method === 'GET' && path === '/_sandbox/calls') {
      return json(200, { calls: deps.calls.entries, summary: deps.calls.summary() })
    }
    if (method === 'GET' && path === '/_sandbox/clock') return json(200, clockReading(deps))
    if (method === 'POST' && path === '/_sandbox/sleep') {
      await sleepSimulated(deps, Number(args.ms ?? 0))
      return json(200, clockReading(deps))
    }
    if (method === 'POST' && path === '/_sandbox/faults')
      return json(200, deps.controls.call('sandbox', 'faults', args))
    if (method === 'POST' && path === '/_sandbox/latency')
      return json(200, deps.controls.call('sandbox', 'latency', args))
    const control = /^\/_sandbox\/control\/([\w-]+)\/([\w-]+)$/.exec(path)
    if (method === 'POST' && control) {
      return json(200, deps.controls.call(control[1] ?? '', control[2] ?? '', args) ?? {})
    }
    return json(404, { message: `No sandbox control at ${method} ${path}` })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return json(400, { message, code: error instanceof SandboxError ? error.code : undefined })
  }
}
