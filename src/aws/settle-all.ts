// Promise.all rejects at the first failure while the other calls go on retrying: a command would then
// report (and print --stats) with work still under way. settleAll waits for every one, then throws the
// first failure.
export async function settleAll<T>(work: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(work)
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) throw failed.reason
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value)
}
