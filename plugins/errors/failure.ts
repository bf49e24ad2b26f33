/**
 * SPEC §3.4: a request failed when it got no answer (status 0: network
 * failure or timeout) or a 5xx. A 4xx is the storefront answering, so it
 * is not a failure of the storefront.
 */
export function isFailedStatus (status: number): boolean {
  return status === 0 || status >= 500
}
