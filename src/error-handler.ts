import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorBody } from '../schemas/errors.js'
import { HttpError } from './errors.js'

// Fastify's own refusals, in the words of this API's other errors.
const FRAMEWORK_RULES: Record<string, Pick<ErrorBody, 'field' | 'rule'>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    field: 'content-type', rule: 'must be application/json'
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    field: 'content-length', rule: 'must match the body'
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    field: 'body', rule: 'must not be larger than the body limit'
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { field: 'body', rule: 'must not be empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    field: 'body',
    rule: 'must be valid JSON without __proto__ or constructor.prototype keys'
  }
}

function fieldOf (error: FastifyError): Pick<ErrorBody, 'field' | 'rule'> {
  const first = error.validation?.[0]
  if (first === undefined) return {}
  const params = first.params as { missingProperty?: string, additionalProperty?: string }
  const leaf = params.missingProperty ?? params.additionalProperty
  const path = (first.instancePath + (leaf === undefined ? '' : `/${leaf}`))
    .split('/').filter(Boolean).join('.')
  return { field: path === '' ? error.validationContext ?? 'body' : path, rule: first.message ?? 'is invalid' }
}

/**
 * One shape for every error. Client errors log at info, server errors at
 * error with the stack under `err`; a 5xx never leaks its message.
 */
export function errorHandler (error: FastifyError | HttpError, request: FastifyRequest,
  reply: FastifyReply): FastifyReply {
  const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed')
    return reply.code(status).send({
      statusCode: status,
      code: 'ECOM_INTERNAL',
      error: 'Internal Server Error',
      message: 'the server could not complete the request; see its log'
    })
  }

  const body: ErrorBody = error instanceof HttpError
    ? {
        statusCode: status,
        code: error.code,
        error: error.reason,
        message: error.message,
        ...(error.field === undefined ? {} : { field: error.field }),
        ...(error.rule === undefined ? {} : { rule: error.rule })
      }
    : {
        statusCode: status,
        code: error.code ?? 'ECOM_BAD_REQUEST',
        error: STATUS_CODES[status] ?? 'Error',
        message: error.message,
        ...(FRAMEWORK_RULES[error.code] ?? { field: 'body', rule: error.message }),
        ...fieldOf(error)
      }
  request.log.info({ statusCode: status, code: body.code, field: body.field }, 'request rejected')
  return reply.code(status).send(body)
}

export function notFoundHandler (request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).send({
    statusCode: 404,
    code: 'ECOM_NOT_FOUND',
    error: 'Not Found',
    message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}`
  })
}
