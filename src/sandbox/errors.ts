// An error the sandbox answers with, in the shape each protocol encodes: the AWS error code (which the
// SDK turns into the exception class name), the HTTP status AWS uses for it, and AWS's message.
export class SandboxError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members AWS returns with this error (e.g. Organizations' `Reason`). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = code
  }
}

export const accessDenied = (message = 'You don’t have permissions to access this resource.') =>
  new SandboxError('AccessDeniedException', message, 403)
