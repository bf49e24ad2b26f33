import { STATUS_CODES } from 'node:http'

/**
 * The catalogue of errors the service answers with. Each names the field and
 * the rule it broke, so a sender can fix the request without reading logs.
 */
export class HttpError extends Error {
  constructor (
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly rule?: string
  ) {
    super(message)
    this.name = 'HttpError'
  }

  get reason (): string {
    return STATUS_CODES[this.statusCode] ?? 'Error'
  }
}

export function badField (field: string, rule: string): HttpError {
  return new HttpError(400, 'ECOM_INVALID_FIELD', `${field} ${rule}`, field, rule)
}

export function unauthorized (message: string): HttpError {
  return new HttpError(401, 'ECOM_UNAUTHORIZED', message)
}

export function forbidden (field: string, message: string): HttpError {
  return new HttpError(403, 'ECOM_FORBIDDEN', message, field)
}
