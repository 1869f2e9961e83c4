// What every protocol codec produces for the server: an HTTP answer, ready to write.
export interface WireResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** A decoded request: which operation, and its input in the model's member names. */
export interface DecodedCall {
  operation: string
  input: Record<string, unknown>
}
