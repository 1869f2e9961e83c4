// A target's InputTransformer (EventBridge user guide, "Amazon EventBridge input transformation"):
// InputPathsMap names values of the event by JSON path ($.detail.eventName), and InputTemplate places them
// with <name>. Inside a quoted string of the template a string value goes in as its text; outside, as JSON.
// A path the event lacks gives null (crafted: the guide does not say what a missing path yields).
type Json = unknown

/** `$.a.b` or `$.detail-type` → the value at that path, undefined when absent. */
function valueAt(event: Json, path: string): Json {
  if (path === '$') return event
  if (!path.startsWith('$.')) return undefined
  let current: Json = event
  for (const key of path.slice(2).split('.')) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, Json>)[key]
  }
  return current
}

function insert(value: Json, insideString: boolean): string {
  if (value === undefined) return insideString ? '' : 'null'
  if (insideString)
    return typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : JSON.stringify(value)
  return JSON.stringify(value)
}

/** The text the target receives. */
export function transformInput(
  transformer: { InputPathsMap?: Record<string, string>; InputTemplate: string },
  event: Json,
): string {
  const values = new Map(
    Object.entries(transformer.InputPathsMap ?? {}).map(([name, path]) => [name, valueAt(event, path)]),
  )
  const template = transformer.InputTemplate
  let out = ''
  let insideString = false
  for (let i = 0; i < template.length; i++) {
    const char = template[i] as string
    if (char === '\\' && insideString) {
      out += char + (template[i + 1] ?? '')
      i++
      continue
    }
    if (char === '"') insideString = !insideString
    if (char === '<') {
      const end = template.indexOf('>', i)
      const name = end > i ? template.slice(i + 1, end) : ''
      if (values.has(name)) {
        out += insert(values.get(name), insideString)
        i = end
        continue
      }
    }
    out += char
  }
  return out
}
