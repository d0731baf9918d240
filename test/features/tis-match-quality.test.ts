// How often TIS picks the right template for requests written the way users write them, not in
// the templates' own words. The table is fixed; when the hit rate drops, fix the matcher or the
// templates' keywords, never the table.
import { describe, expect, it } from 'vitest';
import { MATCH_THRESHOLD, matchTemplate } from '../../src/features/tis/matcher';

/** [expected template id, description, features?] */
const REQUESTS: [string, string, string[]?][] = [
  ['todo-list', 'I keep forgetting my chores, I want somewhere to jot them down and cross them off when done'],
  ['todo-list', 'to do list for my daily errands that remembers them after I close the browser'],
  ['todo-list', "task tracker where I can mark things finished and see what's still open"],
  ['todo-list', 'a checklist for packing before trips', ['check off items', 'clear finished ones']],
  ['blog', 'a place to publish my essays and thoughts, written in markdown'],
  ['blog', 'personal blog where readers can browse my articles by topic'],
  ['blog', 'I want to write short stories and let people search through them'],
  ['blog', 'travel diary with posts about each trip, tagged by country'],
  ['landing-page', 'a launch page for my startup with pricing plans and a way to join the waitlist'],
  ['landing-page', 'marketing homepage for our SaaS product with a FAQ section'],
  ['landing-page', 'coming soon page that collects emails of interested people'],
  ['landing-page', 'one-pager to sell my mobile app, showing its benefits and monthly vs annual plans', ['pricing table', 'newsletter signup']],
  ['product-catalog', 'an online store for my handmade candles with a shopping basket'],
  ['product-catalog', 'sell t-shirts online: browse items, filter by size category, add to cart, apply coupon codes'],
  ['product-catalog', 'storefront for my bakery where customers pick products and see the total price'],
  ['product-catalog', 'ecommerce site for vintage records', ['cart', 'discount code', 'sort by price']],
  ['analytics-dashboard', 'a dashboard showing our website traffic and sales over time with charts'],
  ['analytics-dashboard', 'admin panel with key metrics and graphs for the last 30 days'],
  ['analytics-dashboard', 'visualize monthly revenue and signups as bar and line charts'],
  ['analytics-dashboard', 'reporting screen for my team with KPIs and trends, filterable by date range'],
  ['guestbook', 'a guest book for our wedding website where guests leave wishes'],
  ['guestbook', 'a page where visitors can sign and leave a short message for everyone to see'],
  ['guestbook', "comment wall for my band's fans, newest messages on top, no swear words"],
  ['guestbook', 'let visitors of my site post a public shout-out message, with bad words filtered'],
  ['portfolio', 'a site to showcase my design work and get contacted by clients'],
  ['portfolio', 'online resume / CV for a software developer with my projects and an about me'],
  ['portfolio', 'photographer portfolio with a gallery of my work and a dark mode switch'],
  ['portfolio', 'personal website for a freelance illustrator', ['contact form', 'project filters']],
  ['unit-converter', 'convert between miles and kilometers, pounds and kilograms'],
  ['unit-converter', 'a tool to change celsius to fahrenheit and back'],
  ['unit-converter', 'kitchen helper that converts cups to liters and ounces to grams'],
  ['unit-converter', 'a calculator app that can evaluate expressions like (2+3)*4'],
  ['notes-api', 'a backend service with REST endpoints to create, read, update and delete notes'],
  ['notes-api', 'JSON API for storing memos that my mobile app can call'],
  ['notes-api', 'server-side note storage with tagging and search over HTTP, plus docs'],
  ['notes-api', 'a CRUD web service for notes', ['api documentation', 'validation']],
];

/** Ideas no catalog template is about: each must be a weak match. */
const FAR_IDEAS: [string, string[]?][] = [
  ['xqzv plork wibble frumious'],
  ['a multiplayer chess game with elo ratings and timers'],
  ['recipe manager with ingredients, meal plans and a shopping list'],
  ['weather forecast for my city with hourly temperatures'],
  ['video chat with friends and screen sharing'],
  ['a fitness tracker that logs my workouts and runs'],
  ['book appointments at my hair salon', ['calendar', 'reminders by sms']],
];

describe('TIS match quality', () => {
  it('picks the expected template for at least 90% of realistic requests', () => {
    const misses: string[] = [];
    let hits = 0;
    let confident = 0;
    for (const [expected, description, features] of REQUESTS) {
      const { best } = matchTemplate({ description, features });
      if (best.template.id === expected) {
        hits += 1;
        if (best.score >= MATCH_THRESHOLD) confident += 1;
      } else {
        misses.push(`${description} → ${best.template.id} (${best.score}), expected ${expected}`);
      }
    }
    const rate = hits / REQUESTS.length;
    console.log(`TIS match hit rate: ${hits}/${REQUESTS.length} (${(rate * 100).toFixed(1)}%)`);
    console.log(`TIS hits at or above MATCH_THRESHOLD (${MATCH_THRESHOLD}): ${confident}/${REQUESTS.length}`);
    if (misses.length > 0) console.log(`TIS misses:\n${misses.join('\n')}`);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  it('scores ideas outside the catalog below MATCH_THRESHOLD', () => {
    for (const [description, features] of FAR_IDEAS) {
      expect(matchTemplate({ description, features }).best.score, description).toBeLessThan(MATCH_THRESHOLD);
    }
  });
});
