// A benchmark's side channel to a sandbox in another process (`sandbox serve`): its simulated clock (AWS time),
// sleeps on that clock, and its controls. Signed as the management account, as the controls require (the
// sandbox reads the key from the SigV4 scope and verifies no signature).
import { Agent, request } from 'node:http'
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

/**
 * node:http rather than fetch: a sleep is answered only when the sandbox's clock reaches its end, which on a busy
 * machine can take longer than fetch's five-minute wait for response headers ("fetch failed" mid-apply).
 */
function send(url: URL, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      res.on('error', reject)
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the sandbox closed as idle (keepAliveTimeout) just as it was reused: the request
      // never reached it, so sending it again is safe (Node's documented pattern, http `request.reusedSocket`).
      if (req.reusedSocket && error.code === 'ECONNRESET')
        send(url, method, headers, body).then(resolve, reject)
      else reject(error)
    })
    req.end(body)
  })
}

const agent = new Agent({ keepAlive: true })

export function sandboxClient(endpoint: string, credentials: Credentials): SandboxClient {
  const call = async (method: string, path: string, body?: object) => {
    const response = await send(
      new URL(path, endpoint),
      method,
      {
        authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0`,
        'x-amz-security-token': credentials.sessionToken,
        'content-type': 'application/json',
      },
      body ? JSON.stringify(body) : undefined,
    )
    if (response.status >= 300)
      throw new Error(`sandbox ${method} ${path}: ${response.status} ${response.text}`)
    return JSON.parse(response.text) as Record<string, unknown>
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
