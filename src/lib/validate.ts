import { FormatRegistry, type TSchema } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { badField, type HttpError } from '../errors.js'
import { parseRfc3339 } from './rfc3339.js'

if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => parseRfc3339(value) !== undefined)
}

/** "/events/3/order/total" as a sender writes it: "events[3].order.total". */
export function fieldName (pointer: string): string {
  const name = pointer.split('/').slice(1).reduce((path, part) => {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~')
    if (/^\d+$/.test(key)) return `${path}[${key}]`
    return path === '' ? key : `${path}.${key}`
  }, '')
  return name === '' ? 'body' : name
}

/**
 * The pointer of the first string with a lone surrogate: JSON may carry
 * "\ud800", but it cannot be stored as UTF-8, nor read back by other tools.
 */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function illFormed (value: unknown, pointer: string): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? pointer : undefined
  if (value === null || typeof value !== 'object') return undefined
  for (const [key, child] of Object.entries(value)) {
    const found = illFormed(child, `${pointer}/${key}`)
    if (found !== undefined) return found
  }
  return undefined
}

const RULES: Array<[RegExp, string]> = [
  [/Expected required property/, 'is required'],
  [/Unexpected property/, 'is not a known field'],
  [/Expected union value/, 'has a value of the wrong type or not allowed here']
]

/**
 * A validator that reports the first broken field by name, for bodies whose
 * schema is too branched for Ajv's messages to point at the field.
 */
export function compileValidator (schema: TSchema): (data: unknown) => HttpError | undefined {
  const check = TypeCompiler.Compile(schema)
  return (data) => {
    if (check.Check(data)) {
      const broken = illFormed(data, '')
      return broken === undefined
        ? undefined
        : badField(fieldName(broken), 'must be valid Unicode (no lone surrogate)')
    }
    const first = check.Errors(data).First()
    if (first === undefined) return badField('body', 'is not valid')
    const rule = RULES.find(([re]) => re.test(first.message))?.[1] ??
      first.message.replace(/^Expected \w+ to be /, 'must be ')
        .replace(/^Expected/, 'must be')
    return badField(fieldName(first.path), rule)
  }
}
