// Like Promise.all, but a failure is reported only once every started task has ended: a report written
// after the first error would otherwise print while other calls are still running (and retrying).

/** Waits for every promise; then returns the values in order, or throws the first failure (in input order). */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises)
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) throw failed.reason
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value)
}
