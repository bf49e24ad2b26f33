import t from 'tap'
import { classifyChannel, type Channel } from '../../src/lib/channel.js'
import { listHas, loadReferrerLists, parseReferrerList } from '../../src/lib/referrer-lists.js'

const lists = loadReferrerLists()
const shop = 'https://shop.example/p/1'
const siteHosts = new Set(['checkout.example'])

const cases: Array<[string, string | undefined, string | undefined, Channel]> = [
  ['no referrer', shop, undefined, 'direct'],
  ['empty referrer', shop, '', 'direct'],
  ['own host', shop, 'https://shop.example/cart', 'direct'],
  ['own host with www', shop, 'https://www.shop.example/', 'direct'],
  ['configured site host', shop, 'https://checkout.example/x', 'direct'],
  ['google click id', `${shop}?gclid=abc`, 'https://www.google.com/', 'paid'],
  ['msclkid', `${shop}?msclkid=1`, undefined, 'paid'],
  ['li_fat_id', `${shop}?li_fat_id=1`, undefined, 'paid'],
  ['utm_medium cpc', `${shop}?utm_medium=CPC&utm_source=google`, undefined, 'paid'],
  ['utm_medium paid_social', `${shop}?utm_medium=paid_social`, 'https://facebook.com/', 'paid'],
  ['utm_medium display', `${shop}?utm_medium=display`, undefined, 'paid'],
  ['newsletter source', `${shop}?utm_source=newsletter`, undefined, 'email'],
  ['e-mail medium', `${shop}?utm_medium=e-mail`, 'https://mail.example/', 'email'],
  ['chatgpt referrer', shop, 'https://chatgpt.com/', 'ai'],
  ['utm_source chatgpt.com', `${shop}?utm_source=chatgpt.com`, undefined, 'ai'],
  ['perplexity', shop, 'https://www.perplexity.ai/search?q=x', 'ai'],
  ['gemini before google search', shop, 'https://gemini.google.com/app', 'ai'],
  ['grok path on x.com', shop, 'https://x.com/i/grok?conversation=1', 'ai'],
  ['facebook', shop, 'https://www.facebook.com/', 'social'],
  ['fbclid alone is not paid', `${shop}?fbclid=IwAR1`, 'https://l.facebook.com/', 'social'],
  ['x.com outside grok', shop, 'https://x.com/someone', 'social'],
  ['utm_medium social', `${shop}?utm_medium=social`, undefined, 'social'],
  ['android app social', shop, 'android-app://com.snapchat.android/', 'social'],
  ['google search', shop, 'https://www.google.com/', 'search'],
  ['google country TLD', shop, 'https://www.google.co.uk/', 'search'],
  ['bing', shop, 'https://www.bing.com/search?q=shoes', 'search'],
  ['duckduckgo', shop, 'https://duckduckgo.com/', 'search'],
  ['android google app', shop, 'android-app://com.google.android.googlequicksearchbox/', 'search'],
  ['utm_medium organic', `${shop}?utm_medium=organic`, undefined, 'search'],
  ['other site', shop, 'https://blog.example.org/post', 'referral'],
  ['campaign with no referrer', `${shop}?utm_campaign=spring`, undefined, 'other'],
  ['unparseable referrer is none', shop, 'not a url', 'direct'],
  ['no url at all', undefined, 'https://forum.example.net/t/1', 'referral'],
  ['hacker news is social', shop, 'https://news.ycombinator.com/', 'social']
]

for (const [name, url, referrer, expected] of cases) {
  t.equal(classifyChannel({ url, referrer }, lists, siteHosts), expected, name)
}

t.test('the shipped lists are read whole', async (t) => {
  t.ok(lists.search.hosts.size > 300, `search hosts: ${lists.search.hosts.size}`)
  t.ok(lists.social.hosts.size > 100, `social hosts: ${lists.social.hosts.size}`)
  t.ok(lists.ai.hosts.has('claude.ai'))
  t.ok(listHas(lists.social, 'm.facebook.com'), 'a subdomain of a listed host')
  t.notOk(listHas(lists.social, 'co.uk'), 'never a bare suffix')
})

t.test('a list file of another shape yields an empty list', async (t) => {
  t.equal(parseReferrerList('just text').hosts.size, 0)
  t.equal(parseReferrerList('A: 3').hosts.size, 0)
})
