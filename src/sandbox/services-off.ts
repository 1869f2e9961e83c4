// Switching a service off: the endpoint then answers its requests as an endpoint that does not offer the
// service at all — HTTP 404 with an HTML page, no AWS error shape (crafted: what a web server or an emulator
// that lacks the API answers; AWS itself has no such endpoint, a region without a service has no DNS name).
// Used to show that the tool runs a module in isolation and names the missing API instead of a parse error.
import type { WireResponse } from './protocols/wire.ts'
import type { SimulatedService } from './services/service.ts'

/** Signing names of the services switched off in `options` (keys are the registry names, e.g. `securityhub`). */
export function servicesOff(
  options: Record<string, boolean> | undefined,
  registry: Record<string, SimulatedService>,
): Set<string> {
  const off = new Set<string>()
  for (const [name, on] of Object.entries(options ?? {})) {
    const service = registry[name]
    if (!service) {
      throw new Error(`startSandbox: no service "${name}" — services are ${Object.keys(registry).join(', ')}`)
    }
    if (!on) off.add(service.spec.signingName)
  }
  return off
}

export function notOffered(): WireResponse {
  return {
    status: 404,
    headers: { 'content-type': 'text/html' },
    body: '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>',
  }
}
