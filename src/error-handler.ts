import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorBody } from '../schemas/errors.js'
import { HttpError } from './errors.js'

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
        error: reply.raw.statusMessage ?? 'Bad Request',
        message: error.message,
        field: 'body',
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
