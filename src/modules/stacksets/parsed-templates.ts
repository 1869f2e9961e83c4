// Template bodies parsed once per process. The bundle (scripts/bundle.js) defines SHIPPED_TEMPLATES: the
// package's templates, each text with its parse, made at build time by the same parser; the member role's
// template as rendered for the config is known from the shipped parse (member-role.ts). Parsing ~50 KB of
// YAML on every plan (cold code) cost more than judging every request. Undefined under tsx.
import { parseTemplate } from './cfn-yaml.ts'

declare const SHIPPED_TEMPLATES: [text: string, parsed: Record<string, unknown>][] | undefined

const parses = new Map<string, Record<string, unknown>>(
  typeof SHIPPED_TEMPLATES === 'undefined' ? [] : SHIPPED_TEMPLATES,
)

/** The body's parse (cfn-yaml.ts); the same object for the same body — callers never change it. */
export function parsedTemplate(body: string): Record<string, unknown> {
  let template = parses.get(body)
  if (!template) {
    template = parseTemplate(body)
    parses.set(body, template)
  }
  return template
}

/** Records a parse derived without parsing, exactly what parseTemplate(body) returns. */
export function knownParse(body: string, parsed: Record<string, unknown>): void {
  parses.set(body, parsed)
}
