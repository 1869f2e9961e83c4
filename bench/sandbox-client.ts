// A benchmark's side channel to a sandbox in another process (`sandbox serve`): its simulated clock (AWS time),
// sleeps on that clock, and its controls. Signed as the management account, as the controls require (the
// sandbox reads the key from the SigV4 scope and verifies no signature).
import { spendWaitsOn } from '../src/aws/poll.ts'

export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
}

export interface SandboxClient {
  /** Simulated milliseconds since the sandbox started: AWS time under `--timing aws`. */
  elapsedMs(): Promise<number>
  /** Waits `ms` of simulated time (parked by the sandbox; no real time under `--timing aws`). */
  sleep(ms: number): Promise<void>
  control<T = Record<string, unknown>>(service: string, name: string, args?: object): Promise<T>
  /** Makes the tool's waits (polls, lease settling) in this process sleep on the sandbox's clock. */
  spendToolWaitsHere(): () => void
}

export function sandboxClient(endpoint: string, credentials: Credentials): SandboxClient {
  const call = async (method: string, path: string, body?: object) => {
    const response = await fetch(new URL(path, endpoint), {
      method,
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0`,
        'x-amz-security-token': credentials.sessionToken,
        'content-type': 'application/json',
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${text}`)
    return JSON.parse(text) as Record<string, unknown>
  }
  const client: SandboxClient = {
    elapsedMs: async () => Number((await call('GET', '/_sandbox/clock')).elapsedMs),
    sleep: async (ms) => {
      await call('POST', '/_sandbox/sleep', { ms })
    },
    control: async <T>(service: string, name: string, args: object = {}) =>
      (await call('POST', `/_sandbox/control/${service}/${name}`, args)) as T,
    spendToolWaitsHere: () => spendWaitsOn((ms) => client.sleep(ms)),
  }
  return client
}
