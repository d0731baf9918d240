import type { TemplateMeta } from '../types';

const M = 'src/lib/budget.js';
const pay = { id: 't1', type: 'income', amount: 200000, category: 'Salary', note: 'May pay', date: '2024-05-01' };
const food = { id: 't2', type: 'expense', amount: 4550, category: 'Groceries', note: '', date: '2024-05-03' };
const rent = { id: 't3', type: 'expense', amount: 90000, category: 'Housing', note: '', date: '2024-05-02' };
const april = { id: 't4', type: 'expense', amount: 1000, category: 'Groceries', note: '', date: '2024-04-30' };
const all = [pay, food, rent, april];

export const meta: TemplateMeta = {
  id: 'budget-tracker',
  name: 'Budget Tracker',
  category: 'productivity',
  description:
    'A personal budget tracker: record income and expenses by category and date, see each month’s income, spending and what is left, and set monthly limits per category with progress bars that warn when you go over, kept in the browser.',
  features: ['record-transactions', 'categories', 'monthly-summary', 'category-limits', 'over-budget-warnings', 'month-picker', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'budget', 'budget tracker', 'budgeting', 'expense tracker', 'expenses', 'spending', 'money tracker', 'personal finance', 'finances',
    'income', 'savings', 'money manager', 'household budget', 'monthly budget', 'spending tracker', 'costs',
  ],
  steps: [
    {
      title: 'Budget rules',
      description: 'Pure functions in src/lib/budget.js: amounts in cents and money formatting, transactions, month filters and summaries, spending per category against limits, stored budgets.',
      files: ['src/lib/budget.js'],
      dependsOn: [],
      features: ['record-transactions', 'categories', 'monthly-summary', 'category-limits', 'over-budget-warnings', 'persist-locally'],
    },
    {
      title: 'Page and styles',
      description: 'The page: a month picker, income/spent/left cards, the transaction form, category bars with a limit form, and the month’s transactions.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['monthly-summary', 'category-limits', 'month-picker'],
    },
    {
      title: 'Wire the budget',
      description: 'src/main.js records and removes transactions, sets limits, renders the chosen month and saves to localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Budget rules', 'Page and styles'],
      features: ['record-transactions', 'categories', 'monthly-summary', 'category-limits', 'over-budget-warnings', 'month-picker', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'parseAmount',
      cases: [
        { name: 'decimals', args: ['45.5'], expected: 4550 },
        { name: 'rejects zero', args: ['0.00'], throws: 'Amount must be a positive number' },
        { name: 'rejects text', args: ['ten'], throws: 'Amount must be a positive number' },
      ],
    },
    {
      module: M,
      export: 'formatMoney',
      cases: [
        { name: 'thousands separated', args: [195450], expected: '1,954.50' },
        { name: 'millions', args: [123456789], expected: '1,234,567.89' },
        { name: 'negative', args: [-500], expected: '-5.00' },
      ],
    },
    {
      module: M,
      export: 'createTransaction',
      cases: [
        { name: 'an expense', args: [{ type: 'expense', amount: '45.50', category: 'Groceries', note: '  ', date: '2024-05-03' }, 't2'], expected: food },
        { name: 'rejects an unknown type', args: [{ type: 'gift', amount: '1', category: 'Fun', date: '2024-05-03' }, 't9'], throws: 'Type must be income or expense' },
        { name: 'rejects an unknown category', args: [{ type: 'expense', amount: '1', category: 'Yachts', date: '2024-05-03' }, 't9'], throws: 'Unknown category: Yachts' },
        { name: 'rejects a bad date', args: [{ type: 'expense', amount: '1', category: 'Fun', date: '3 May' }, 't9'], throws: 'Date must be YYYY-MM-DD' },
      ],
    },
    {
      module: M,
      export: 'inMonth',
      cases: [
        { name: 'the month only, newest first', args: [all, '2024-05'], expected: [food, rent, pay] },
        { name: 'another month', args: [all, '2024-04'], expected: [april] },
      ],
    },
    {
      module: M,
      export: 'monthSummary',
      cases: [
        { name: 'income, spending and what is left', args: [all, '2024-05'], expected: { income: 200000, expenses: 94550, balance: 105450 } },
        { name: 'an empty month', args: [all, '2024-06'], expected: { income: 0, expenses: 0, balance: 0 } },
      ],
    },
    {
      module: M,
      export: 'spendingByCategory',
      cases: [
        {
          name: 'biggest first, with limits and an untouched limited category',
          args: [all, '2024-05', { Groceries: 4000, Fun: 5000 }],
          expected: [
            { category: 'Housing', spent: 90000, limit: 0, left: null, percent: null, over: false },
            { category: 'Groceries', spent: 4550, limit: 4000, left: -550, percent: 114, over: true },
            { category: 'Fun', spent: 0, limit: 5000, left: 5000, percent: 0, over: false },
          ],
        },
        { name: 'income is not spending', args: [[pay], '2024-05', {}], expected: [] },
      ],
    },
    {
      module: M,
      export: 'setLimit',
      cases: [
        { name: 'sets a limit', args: [{}, 'Fun', '50'], expected: { Fun: 5000 } },
        { name: 'an empty text removes it', args: [{ Fun: 5000, Bills: 100 }, 'Fun', ''], expected: { Bills: 100 } },
        { name: 'rejects an unknown category', args: [{}, 'Yachts', '5'], throws: 'Unknown category: Yachts' },
      ],
    },
    {
      module: M,
      export: 'parseBudget',
      cases: [
        { name: 'restores transactions and limits', args: [JSON.stringify({ transactions: [food], limits: { Groceries: 4000 } })], expected: { transactions: [food], limits: { Groceries: 4000 } } },
        { name: 'drops bad entries', args: [JSON.stringify({ transactions: [{ ...food, amount: -1 }], limits: { Yachts: 1, Fun: 'lots' } })], expected: { transactions: [], limits: {} } },
        { name: 'nothing stored is empty', args: [null], expected: { transactions: [], limits: {} } },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'record pay and groceries, see what is left and the category',
    steps: [
      { select: '#type', value: 'income' },
      { fill: '#amount', value: '2000' },
      { select: '#category', value: 'Salary' },
      { click: '#tx-form button[type="submit"]' },
      { select: '#type', value: 'expense' },
      { fill: '#amount', value: '45.50' },
      { select: '#category', value: 'Groceries' },
      { click: '#tx-form button[type="submit"]' },
      { expectText: '#balance', text: '1,954.50' },
      { expectText: '#categories', text: 'Groceries' },
      { expectCount: '#transactions li[data-id]', count: 2 },
    ],
  },
};
