import { CloneType, type TSchema } from '@sinclair/typebox'

/**
 * A response schema with what this status means on this route.
 * @fastify/swagger takes a response's description from
 * `x-response-description` (and drops the key), so the body schema keeps
 * its own description and the shape it validates stays the same.
 */
export function described<T extends TSchema> (schema: T, meaning: string): T {
  return CloneType(schema, { 'x-response-description': meaning })
}
