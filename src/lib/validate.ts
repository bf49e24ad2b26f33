import { FormatRegistry, type TSchema } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { badField, type HttpError } from '../errors.js'

const RFC3339 =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) =>
    RFC3339.test(value) && !Number.isNaN(Date.parse(value)))
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
    if (check.Check(data)) return undefined
    const first = check.Errors(data).First()
    if (first === undefined) return badField('body', 'is not valid')
    const rule = RULES.find(([re]) => re.test(first.message))?.[1] ??
      first.message.replace(/^Expected/, 'must be').toLowerCase()
    return badField(fieldName(first.path), rule)
  }
}
