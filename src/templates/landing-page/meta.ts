import type { TemplateMeta } from '../types';

const PRICING = 'src/lib/pricing.js';
const SIGNUP = 'src/lib/signup.js';
const INVALID = { valid: false, error: 'Please enter a valid email address, like name@example.com.' };

export const meta: TemplateMeta = {
  id: 'landing-page',
  name: 'SaaS Landing Page',
  category: 'marketing',
  description:
    'A product landing page: hero with calls to action, a features grid, pricing tiers with a monthly/yearly toggle, an FAQ accordion and a waitlist signup form with email validation.',
  tagline: 'Everything your team needs, in one place.',
  features: ['hero', 'features-grid', 'pricing-tiers', 'billing-toggle', 'faq-accordion', 'email-signup'],
  techStack: ['html', 'css', 'javascript'],
  keywords: [
    'landing page', 'landing', 'homepage', 'marketing site', 'product page', 'launch page', 'startup',
    'saas', 'waitlist', 'coming soon', 'splash page', 'one-pager', 'pricing page', 'lead capture', 'signup page',
  ],
  steps: [
    {
      title: 'Pricing and signup logic',
      description: 'src/lib/pricing.js formats prices and works out monthly or yearly billing; src/lib/signup.js validates and normalises email addresses.',
      files: ['src/lib/pricing.js', 'src/lib/signup.js'],
      dependsOn: [],
      features: ['pricing-tiers', 'billing-toggle', 'email-signup'],
    },
    {
      title: 'Page content',
      description: 'index.html with the navigation, hero, features grid, pricing tiers, FAQ built on details/summary and the signup form, plus the logo.',
      files: ['index.html', 'favicon.svg'],
      dependsOn: [],
      features: ['hero', 'features-grid', 'pricing-tiers', 'faq-accordion', 'email-signup'],
    },
    {
      title: 'Visual design',
      description: 'styles.css: sticky nav, gradient hero, responsive grids for features and plans, accordion and signup styles.',
      files: ['styles.css'],
      dependsOn: ['Page content'],
      features: ['hero', 'features-grid', 'pricing-tiers', 'faq-accordion'],
    },
    {
      title: 'Interactions',
      description: 'src/main.js switches plan prices between monthly and yearly, keeps one FAQ answer open at a time and validates the signup form.',
      files: ['src/main.js'],
      dependsOn: ['Pricing and signup logic', 'Page content'],
      features: ['billing-toggle', 'faq-accordion', 'email-signup'],
    },
  ],
  logic: [
    {
      module: PRICING,
      export: 'formatPrice',
      cases: [
        { name: 'whole amounts have no decimals and group thousands', args: [120000], expected: '$1,200' },
        { name: 'cents keep two decimals', args: [960], expected: '$9.60' },
        { name: 'zero', args: [0], expected: '$0' },
        { name: 'large amounts', args: [123456789], expected: '$1,234,567.89' },
        { name: 'other currency', args: [5, 'EUR'], expected: '€0.05' },
        { name: 'rejects negative cents', args: [-1], throws: 'non-negative whole number of cents' },
        { name: 'rejects fractional cents', args: [1.5], throws: 'non-negative whole number of cents' },
        { name: 'rejects unknown currency', args: [100, 'JPY'], throws: 'Unsupported currency: JPY' },
      ],
    },
    {
      module: PRICING,
      export: 'planPrice',
      cases: [
        { name: 'yearly applies the discount', args: [1200, 'yearly', 20], expected: { perMonth: 960, billed: 11520 } },
        { name: 'default discount is 20%', args: [2900, 'yearly'], expected: { perMonth: 2320, billed: 27840 } },
        { name: 'monthly is the list price', args: [2900, 'monthly'], expected: { perMonth: 2900, billed: 2900 } },
        { name: 'rounds to whole cents', args: [999, 'yearly', 15], expected: { perMonth: 849, billed: 10188 } },
        { name: 'free stays free', args: [0, 'yearly'], expected: { perMonth: 0, billed: 0 } },
        { name: 'rejects unknown cycle', args: [100, 'weekly'], throws: 'Unknown billing cycle: weekly' },
        { name: 'rejects discount over 100', args: [100, 'yearly', 120], throws: 'Discount must be between 0 and 100' },
      ],
    },
    {
      module: PRICING,
      export: 'billingNote',
      cases: [
        { name: 'yearly shows the yearly total', args: [1200, 'yearly'], expected: 'Billed $115.20 yearly' },
        { name: 'free plan', args: [0, 'yearly'], expected: 'Free forever' },
        { name: 'monthly', args: [2900, 'monthly'], expected: 'Billed monthly' },
        { name: 'no discount, euros', args: [2900, 'yearly', 0, 'EUR'], expected: 'Billed €348 yearly' },
        { name: 'rejects unknown cycle', args: [2900, 'daily'], throws: 'Unknown billing cycle' },
      ],
    },
    {
      module: SIGNUP,
      export: 'validateEmail',
      cases: [
        { name: 'trims and lowercases the domain', args: [' Ada@Example.COM '], expected: { valid: true, email: 'Ada@example.com' } },
        { name: 'plus tags and subdomains', args: ['first.last+news@mail.co.uk'], expected: { valid: true, email: 'first.last+news@mail.co.uk' } },
        { name: 'empty', args: ['   '], expected: { valid: false, error: 'Please enter your email address.' } },
        { name: 'missing @', args: ['ada.example.com'], expected: { valid: false, error: 'An email address needs an @, like name@example.com.' } },
        { name: 'missing top-level domain', args: ['ada@example'], expected: INVALID },
        { name: 'double @', args: ['ada@@example.com'], expected: INVALID },
        { name: 'consecutive dots', args: ['a..b@example.com'], expected: INVALID },
        { name: 'space in local part', args: ['ada lovelace@example.com'], expected: INVALID },
        { name: 'one-letter top-level domain', args: ['ada@example.c'], expected: INVALID },
        { name: 'trailing dot', args: ['ada@example.com.'], expected: INVALID },
        { name: 'rejects a non-string', args: [42], throws: 'Email must be a string' },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'switch pricing to yearly, then join the waitlist',
    steps: [
      { click: '[data-cycle="yearly"]' },
      { expectText: '.plan.featured .amount', text: '$9.60' },
      { expectText: '.plan.featured .billed', text: 'Billed $115.20 yearly' },
      { fill: '#email', value: 'ada@example.com' },
      { click: '#signup-submit' },
      { expectText: '#signup-message', text: 'ada@example.com' },
    ],
  },
};
