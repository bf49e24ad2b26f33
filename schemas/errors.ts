import { Type, type Static } from '@sinclair/typebox'
import { described } from './responses.js'

export const ErrorReply = Type.Object({
  statusCode: Type.Integer({ description: 'The HTTP status, repeated.' }),
  code: Type.String({ description: 'Stable machine-readable error code.' }),
  error: Type.String({ description: 'The HTTP reason phrase.' }),
  message: Type.String({ description: 'What went wrong, for a person.' }),
  field: Type.Optional(Type.String({
    description: 'The offending field, e.g. events[3].order.total.'
  })),
  rule: Type.Optional(Type.String({
    description: 'The rule the field broke.'
  }))
}, { title: 'Error', description: 'Every 4xx and 5xx answer has this shape.' })

export type ErrorBody = Static<typeof ErrorReply>

/** ErrorReply as one status of one route, saying what it means there. */
export function errorResponse (meaning: string): typeof ErrorReply {
  return described(ErrorReply, meaning)
}

/** Any route can fail unexpectedly; the error handler hides the cause. */
export const SERVER_ERROR = 'Unexpected failure (code ECOM_INTERNAL); the ' +
  'message never carries details, the server log does.'
