import type { Test } from 'tap'
import { build } from '../helper.js'

/** Every platform secret set, so every route the service has is listed. */
export const ALL_ROUTES_ENV = {
  ECOMPULSE_SHOPIFY_SECRET: 'doc-test-shopify',
  ECOMPULSE_WOOCOMMERCE_SECRET: 'doc-test-woocommerce',
  ECOMPULSE_STRIPE_SECRET: 'doc-test-stripe'
}

// The slice of OpenAPI 3 these tests read.
export interface Schema {
  title?: string
  description?: string
  type?: string
  required?: string[]
  properties?: Record<string, Schema>
  items?: Schema
  anyOf?: Schema[]
}
export interface Response {
  description: string
  content?: Record<string, { schema: Schema }>
}
export interface Operation {
  responses: Record<string, Response>
  requestBody?: { content: Record<string, { schema: Schema }> }
}
export interface Document {
  openapi: string
  paths: Record<string, Record<string, Operation>>
}

/** The document exactly as clients fetch it from /docs/json. */
export async function fetchDocument (t: Test, env: Record<string, string> = {}) {
  const app = await build(t, env)
  const res = await app.inject('/docs/json')
  t.equal(res.statusCode, 200, '/docs/json answers')
  return { app, document: res.json<Document>(), text: res.body }
}
