// Parses CloudFormation YAML the way CloudFormation reads it: every short-form intrinsic tag becomes its
// long form (`!Ref X` → { Ref: X }, `!GetAtt A.B` → { 'Fn::GetAtt': [A, B] }, `!Sub …` → { 'Fn::Sub': … }).
import { parse, type Tags } from 'yaml'

const FUNCTIONS = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
]

function longForm(tag: string, name: string): Tags {
  const kinds = ['scalar', 'seq', 'map'] as const
  return kinds.map((collection) => ({
    tag: `!${tag}`,
    ...(collection === 'scalar' ? {} : { collection }),
    resolve: (value: unknown) => {
      const plain =
        typeof value === 'object' && value !== null && 'toJSON' in value
          ? (value as { toJSON(): unknown }).toJSON()
          : value
      if (tag === 'GetAtt' && typeof plain === 'string') {
        const dot = plain.indexOf('.')
        return { [name]: [plain.slice(0, dot), plain.slice(dot + 1)] }
      }
      return { [name]: plain }
    },
  })) as unknown as Tags
}

const TAGS: Tags = [
  ...longForm('Ref', 'Ref'),
  ...longForm('Condition', 'Condition'),
  ...longForm('GetAtt', 'Fn::GetAtt'),
  ...FUNCTIONS.flatMap((f) => longForm(f, `Fn::${f}`)),
]

export const parseTemplate = (text: string) => parse(text, { customTags: TAGS }) as Record<string, unknown>
