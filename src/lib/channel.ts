import { listHas, stripWww, type ReferrerLists } from './referrer-lists.js'

export const CHANNELS = [
  'direct', 'social', 'referral', 'search', 'paid', 'email', 'ai', 'other'
] as const
export type Channel = typeof CHANNELS[number]

const CLICK_IDS = [
  'gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid', 'ttclid', 'twclid',
  'li_fat_id'
]
const PAID_MEDIUMS = new Set([
  'cpc', 'ppc', 'cpm', 'display', 'banner', 'retargeting'
])
const EMAIL_TAGS = new Set(['email', 'e-mail', 'newsletter'])
const SOCIAL_MEDIUMS = new Set(['social', 'social-network', 'social-media', 'sm'])

export interface Visit {
  url?: string | undefined
  referrer?: string | undefined
}

interface Referrer {
  host: string
  path: string
}

function parseUrl (text: string | undefined): URL | undefined {
  if (text === undefined || text === '') return undefined
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

// android-app://com.example.app/ names the app in the host position.
function parseReferrer (text: string | undefined): Referrer | undefined {
  const url = parseUrl(text)
  if (url === undefined) return undefined
  if (url.protocol === 'android-app:') {
    return { host: url.host.toLowerCase(), path: '/' }
  }
  if (url.hostname === '') return undefined
  return { host: url.hostname.toLowerCase(), path: url.pathname }
}

/**
 * The traffic channel of a visit's first event: the first matching rule of
 * SPEC §3.2 wins. `siteHosts` are the shop's own hosts, without `www.`.
 */
export function classifyChannel (
  visit: Visit,
  lists: ReferrerLists,
  siteHosts: ReadonlySet<string>
): Channel {
  const page = parseUrl(visit.url)
  const params = page?.searchParams ?? new URLSearchParams()
  const tag = (name: string): string =>
    (params.get(name) ?? '').trim().toLowerCase()
  const medium = tag('utm_medium')
  const source = tag('utm_source')

  let referrer = parseReferrer(visit.referrer)
  const pageHost = page === undefined ? '' : stripWww(page.hostname.toLowerCase())
  if (referrer !== undefined) {
    const host = stripWww(referrer.host)
    if (host === pageHost || siteHosts.has(host)) referrer = undefined
  }

  if (CLICK_IDS.some((id) => params.has(id))) return 'paid'
  if (PAID_MEDIUMS.has(medium) || medium.startsWith('paid')) return 'paid'
  if (EMAIL_TAGS.has(medium) || EMAIL_TAGS.has(source)) return 'email'

  const onList = (name: keyof ReferrerLists): boolean =>
    referrer !== undefined && listHas(lists[name], referrer.host, referrer.path)
  if (onList('ai') || (source !== '' && listHas(lists.ai, source))) return 'ai'
  if (SOCIAL_MEDIUMS.has(medium) || onList('social')) return 'social'
  if (medium === 'organic' || onList('search')) return 'search'
  if (referrer !== undefined) return 'referral'

  const tagged = [...params.keys()].some((key) => key.startsWith('utm_'))
  return tagged ? 'other' : 'direct'
}
