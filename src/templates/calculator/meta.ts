import type { TemplateMeta } from '../types';

const M = 'src/lib/calc.js';

export const meta: TemplateMeta = {
  id: 'calculator',
  name: 'Everyday Calculators',
  category: 'utility',
  description:
    'A family of everyday calculators that update as you type: a tip calculator that splits the bill (each pays whole cents, rounded up), a loan and mortgage repayment calculator with total interest, and percentage questions (x% of y, what percent, percent change).',
  tagline: 'Tips, loans and percentages, worked out as you type.',
  features: ['tip-calculator', 'bill-splitting', 'loan-calculator', 'mortgage-payments', 'percentage-calculator', 'percent-change', 'live-results'],
  techStack: ['html', 'css', 'javascript'],
  keywords: [
    'calculator', 'calculators', 'tip calculator', 'tip', 'gratuity', 'split bill', 'loan calculator', 'mortgage calculator', 'mortgage',
    'repayment', 'interest', 'percentage calculator', 'percent', 'discount calculator', 'finance calculator',
  ],
  steps: [
    {
      title: 'Calculations',
      description: 'Pure functions in src/lib/calc.js: tip and split, loan amortisation, three percentage questions and money formatting.',
      files: [M],
      dependsOn: [],
      features: ['tip-calculator', 'bill-splitting', 'loan-calculator', 'mortgage-payments', 'percentage-calculator', 'percent-change'],
    },
    {
      title: 'Page and styles',
      description: 'The page: tabs for tip, loan and percentage with their inputs, presets and results.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['tip-calculator', 'loan-calculator', 'percentage-calculator'],
    },
    {
      title: 'Live results',
      description: 'src/main.js recomputes each calculator on every input and shows errors in place of results.',
      files: ['src/main.js'],
      dependsOn: ['Calculations', 'Page and styles'],
      features: ['live-results', 'bill-splitting', 'mortgage-payments', 'percent-change'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'tip',
      cases: [
        { name: '15% of 84 for three', args: [84, 15, 3], expected: { tip: 12.6, total: 96.6, perPerson: 32.2 } },
        { name: 'each pays whole cents, rounded up', args: [100, 18, 3], expected: { tip: 18, total: 118, perPerson: 39.34 } },
        { name: 'reads typed text', args: ['50,00', '20', '1'], expected: { tip: 10, total: 60, perPerson: 60 } },
        { name: 'rejects zero people', args: [50, 10, 0], throws: 'People must be from 1 to 100' },
        { name: 'rejects an empty bill', args: ['', 10, 2], throws: 'Bill must be a number' },
      ],
    },
    {
      module: M,
      export: 'loan',
      cases: [
        { name: 'a 30-year mortgage at 5%', args: [200000, 5, 360], expected: { monthly: 1073.64, totalPaid: 386510.4, totalInterest: 186510.4 } },
        { name: 'no interest', args: [1200, 0, 12], expected: { monthly: 100, totalPaid: 1200, totalInterest: 0 } },
        { name: 'rejects a fractional term', args: [1000, 5, 12.5], throws: 'Months must be a whole number' },
      ],
    },
    {
      module: M,
      export: 'percentOf',
      cases: [{ name: '15% of 80', args: [15, 80], expected: 12 }, { name: 'rounds to cents', args: [33.333, 10], expected: 3.33 }],
    },
    {
      module: M,
      export: 'whatPercent',
      cases: [{ name: '30 of 120', args: [30, 120], expected: 25 }, { name: 'rejects a zero whole', args: [1, 0], throws: 'Whole must not be zero' }],
    },
    {
      module: M,
      export: 'percentChange',
      cases: [
        { name: 'an increase', args: [80, 100], expected: 25 },
        { name: 'a decrease', args: [100, 80], expected: -20 },
        { name: 'from a negative value', args: [-50, -25], expected: 50 },
        { name: 'rejects a zero start', args: [0, 5], throws: 'From must not be zero' },
      ],
    },
    {
      module: M,
      export: 'formatMoney',
      cases: [{ name: 'thousands and cents', args: [386510.4], expected: '386,510.40' }, { name: 'negative', args: [-5], expected: '-5.00' }],
    },
  ],
  routes: [],
  smoke: {
    description: 'split a bill with an 18% tip, then price a loan',
    steps: [
      { fill: '#tip-bill', value: '100' },
      { fill: '#tip-people', value: '3' },
      { click: '[data-tip="18"]' },
      { expectText: '#tip-each', text: '39.34' },
      { click: '#tab-loan' },
      { expectText: '#loan-monthly', text: '1,073.64' },
      { fill: '#loan-years', value: '15' },
      { expectText: '#loan-monthly', text: '1,581.59' },
    ],
  },
};
