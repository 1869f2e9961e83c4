// The shape of the request-model tables in this folder: for each operation the sandbox answers, its input
// members with the constraints of the service model, and the errors the operation may return. Written from
// botocore's service models (each file names its source and commit) and checked against the SDK's own schemas
// by test/sandbox/error-tables.test.ts.

/** A string: lengths in UTF-16 code units, `pattern` a full-match regular expression (as Coral applies it). */
export interface StringShape {
  type: 'string'
  min?: number
  max?: number
  pattern?: string
  enum?: readonly string[]
}

/** Numbers: `min`/`max` are the value range. */
export interface NumberShape {
  type: 'integer' | 'long' | 'double' | 'float'
  min?: number
  max?: number
}

export interface ScalarShape {
  type: 'boolean' | 'timestamp' | 'blob'
  min?: number
  max?: number
}

/** `min`/`max` are the number of items. */
export interface ListShape {
  type: 'list'
  member: string
  min?: number
  max?: number
}

export interface MapShape {
  type: 'map'
  key: string
  value: string
  min?: number
  max?: number
}

/**
 * A member is the name of its shape, or, where the wire differs from the member name (restJson1 labels,
 * query strings, headers and camelCase JSON names), the shape with where it travels.
 */
export type Member =
  | string
  | { shape: string; in?: 'uri' | 'querystring' | 'header' | 'headers'; wire?: string }

export interface StructureShape {
  type: 'structure'
  members: Readonly<Record<string, Member>>
  required?: readonly string[]
}

export type Shape = StringShape | NumberShape | ScalarShape | ListShape | MapShape | StructureShape

export interface OperationModel {
  /** The input structure's shape name; absent when the operation takes no input. */
  input?: string
  /** Wire error codes the operation's model lists. */
  errors: readonly string[]
}

export interface ServiceModel {
  /** Where the tables come from (file and commit). */
  source: string
  /** Every error the listed operations may return: wire code → HTTP status. */
  errors: Readonly<Record<string, number>>
  /** Error members with an enum in the model (e.g. Organizations' `Reason`): code → member → values. */
  errorEnums?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>
  operations: Readonly<Record<string, OperationModel>>
  shapes: Readonly<Record<string, Shape>>
  /**
   * Errors the service documents outside its model, which any of its operations may answer (S3's "List of
   * error codes"): wire code → HTTP status.
   */
  documentedErrors?: Readonly<Record<string, number>>
}
