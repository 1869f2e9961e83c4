// Collects every item of a paginated AWS list. The SDK's generated paginators already keep going past
// empty pages until NextToken is gone (Organizations may return an empty page with more to come).
export async function collect<Page, Item>(
  pages: AsyncIterable<Page>,
  items: (page: Page) => Item[] | undefined,
) {
  const all: Item[] = []
  for await (const page of pages) all.push(...(items(page) ?? []))
  return all
}
