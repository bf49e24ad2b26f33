import { badField } from '../../src/errors.js'
import { parseJsonKeepingBigInts } from '../../src/lib/json.js'

/**
 * Readers for fields of a platform's JSON body. A correctly signed body
 * that lacks what we need is the sender's bug, so each reader throws a 400
 * naming the field instead of letting a TypeError become a 500.
 */
export type Json = Record<string, unknown>

export function isObject (value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function object (body: Json, key: string, at = ''): Json {
  const value = body[key]
  if (!isObject(value)) throw badField(at + key, 'must be an object')
  return value
}

export function text (body: Json, key: string, at = ''): string {
  const value = body[key]
  if (typeof value !== 'string' || value === '') {
    throw badField(at + key, 'must be a non-empty string')
  }
  return value
}

export function optionalText (body: Json, key: string, at = ''): string | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  return text(body, key, at)
}

/** Platform ids come as numbers or strings; both become the same string. */
export function id (body: Json, key: string, at = ''): string {
  const value = body[key]
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return String(value)
  }
  if (typeof value === 'string' && value !== '' && value.length <= 128) return value
  throw badField(at + key, 'must be an id (a whole number or a string)')
}

export function integer (body: Json, key: string, at = ''): number {
  const value = body[key]
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw badField(at + key, 'must be a whole number of at least 0')
  }
  return value
}

export function boolean (body: Json, key: string, at = ''): boolean {
  const value = body[key]
  if (typeof value !== 'boolean') throw badField(at + key, 'must be true or false')
  return value
}

export function array (body: Json, key: string, at = ''): unknown[] {
  const value = body[key] ?? []
  if (!Array.isArray(value)) throw badField(at + key, 'must be an array')
  return value
}

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i

/** An ISO 8601 time with its offset, as Shopify sends it. */
export function zonedTime (body: Json, key: string, at = ''): number {
  const value = text(body, key, at)
  const ms = Date.parse(value)
  if (!ZONED.test(value) || Number.isNaN(ms)) {
    throw badField(at + key, 'must be an ISO 8601 time with an offset')
  }
  return ms
}

const NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/

/** WooCommerce's *_gmt fields: UTC, but written without the Z. */
export function gmtTime (body: Json, key: string, at = ''): number {
  const value = text(body, key, at)
  const ms = Date.parse(value + 'Z')
  if (!NAIVE.test(value) || Number.isNaN(ms)) {
    throw badField(at + key, 'must be a time like 2017-03-22T19:28:02 (UTC)')
  }
  return ms
}

/** Unix seconds, as Stripe sends them. */
export function unixTime (body: Json, key: string, at = ''): number {
  return integer(body, key, at) * 1000
}

/** The JSON body, or a 400 saying it is not JSON. */
export function parseJson (raw: Buffer): Json {
  let value: unknown
  try {
    value = parseJsonKeepingBigInts(raw.toString('utf8'))
  } catch {
    throw badField('body', 'must be JSON')
  }
  if (!isObject(value)) throw badField('body', 'must be a JSON object')
  return value
}
