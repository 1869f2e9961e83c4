// Reads the SigV4 `Authorization` header's credential scope. The sandbox does not verify signatures (it
// holds no real secrets); it needs only who signed (the access key) and for which region and service.
export interface SigningScope {
  accessKeyId: string
  date: string
  region: string
  service: string
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/

export function parseAuthorization(header: string | undefined): SigningScope | undefined {
  if (!header?.startsWith('AWS4-HMAC-SHA256')) return undefined
  const match = CREDENTIAL.exec(header)
  if (!match) return undefined
  const [, accessKeyId = '', date = '', region = '', service = ''] = match
  return { accessKeyId, date, region, service }
}
