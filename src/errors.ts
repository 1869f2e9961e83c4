// Typed errors with a code the CLI maps to an exit status and a message that says what to do.
export class OrgBaselineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'OrgBaselineError'
  }
}

/** Bad input from the user (flags, files): nothing was sent to AWS. */
export class UsageError extends OrgBaselineError {
  constructor(message: string) {
    super('Usage', message)
    this.name = 'UsageError'
  }
}

/** The organization no longer matches what a saved plan was made from. */
export class StalePlanError extends OrgBaselineError {
  constructor(message: string) {
    super('StalePlan', message)
    this.name = 'StalePlanError'
  }
}

/** An AWS call failed in a way no retry fixes; `cause` holds the SDK error. */
export class AwsCallError extends OrgBaselineError {
  constructor(
    readonly operation: string,
    cause: unknown,
    hint?: string,
  ) {
    const name = (cause as { name?: string })?.name ?? 'Error'
    const detail = (cause as { message?: string })?.message ?? String(cause)
    super('AwsCall', `${operation}: ${name}: ${detail}${hint ? ` — ${hint}` : ''}`, { cause })
    this.name = 'AwsCallError'
  }
}

export const errorName = (error: unknown): string | undefined =>
  (error as { name?: string } | undefined)?.name
