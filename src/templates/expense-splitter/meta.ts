import type { TemplateMeta } from '../types';

const M = 'src/lib/split.js';
const trio = ['Ana', 'Bo', 'Cy'];
const dinner = { id: 'e1', description: 'Dinner', amount: 3000, paidBy: 'Ana', splitAmong: trio };
const taxi = { id: 'e2', description: 'Taxi', amount: 1000, paidBy: 'Bo', splitAmong: ['Bo', 'Cy'] };

export const meta: TemplateMeta = {
  id: 'expense-splitter',
  name: 'Expense Splitter',
  category: 'utility',
  description:
    'An expense splitter for trips and shared houses: add the people, log who paid what and whom it is shared between, and see each balance and the fewest transfers that settle who owes whom, exact to the cent and kept in the browser.',
  features: ['add-people', 'log-expenses', 'uneven-splits', 'balances', 'settle-up', 'exact-cents', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'expense splitter', 'split expenses', 'split bills', 'split the bill', 'splitwise', 'who owes whom', 'who owes what', 'iou',
    'group expenses', 'trip expenses', 'shared expenses', 'roommates', 'housemates', 'travel costs', 'settle up', 'bill splitting',
    'share costs', 'split costs', 'holiday expenses',
  ],
  steps: [
    {
      title: 'Splitting rules',
      description: 'Pure functions in src/lib/split.js: amounts in cents, people, expenses, exact shares, balances, settle-up transfers and the stored group.',
      files: ['src/lib/split.js'],
      dependsOn: [],
      features: ['add-people', 'log-expenses', 'uneven-splits', 'balances', 'settle-up', 'exact-cents', 'persist-locally'],
    },
    {
      title: 'Page and styles',
      description: 'The page: people, an expense form with payer and who shares it, settle-up transfers with balances, and the expense list.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['add-people', 'log-expenses', 'settle-up'],
    },
    {
      title: 'Wire the splitter',
      description: 'src/main.js adds people and expenses, renders balances and transfers, removes expenses and saves the group to localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Splitting rules', 'Page and styles'],
      features: ['add-people', 'log-expenses', 'uneven-splits', 'balances', 'settle-up', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'parseAmount',
      cases: [
        { name: 'whole units', args: ['30'], expected: 3000 },
        { name: 'one decimal', args: ['12.5'], expected: 1250 },
        { name: 'a decimal comma', args: ['7,25'], expected: 725 },
        { name: 'rejects three decimals', args: ['1.005'], throws: 'at most 2 decimals' },
        { name: 'rejects zero', args: ['0'], throws: 'Amount must be a positive number' },
        { name: 'rejects a negative amount', args: ['-4'], throws: 'Amount must be a positive number' },
      ],
    },
    {
      module: M,
      export: 'formatAmount',
      cases: [
        { name: 'cents as money', args: [1250], expected: '12.50' },
        { name: 'pads cents', args: [5], expected: '0.05' },
        { name: 'negative', args: [-1999], expected: '-19.99' },
      ],
    },
    {
      module: M,
      export: 'addPerson',
      cases: [
        { name: 'adds a trimmed name', args: [['Ana'], '  Bo  '], expected: ['Ana', 'Bo'] },
        { name: 'refuses the same name in another case', args: [['Ana'], 'ANA'], throws: 'ANA is already in the group' },
        { name: 'refuses a blank name', args: [[], ' '], throws: 'Name is required' },
      ],
    },
    {
      module: M,
      export: 'createExpense',
      cases: [
        { name: 'shared among everyone by default', args: [{ description: ' Dinner ', amount: '30', paidBy: 'Ana' }, trio, 'e1'], expected: dinner },
        { name: 'among some', args: [{ description: 'Taxi', amount: '10.00', paidBy: 'Bo', splitAmong: ['Bo', 'Cy'] }, trio, 'e2'], expected: taxi },
        { name: 'refuses a payer outside the group', args: [{ amount: '5', paidBy: 'Dee' }, trio, 'e3'], throws: 'Choose who paid' },
        { name: 'refuses a sharer outside the group', args: [{ amount: '5', paidBy: 'Ana', splitAmong: ['Dee'] }, trio, 'e3'], throws: 'Dee is not in the group' },
      ],
    },
    {
      module: M,
      export: 'shares',
      cases: [
        { name: 'leftover cents go to the first', args: [1000, 3], expected: [334, 333, 333] },
        { name: 'even', args: [900, 3], expected: [300, 300, 300] },
        { name: 'one person', args: [1, 1], expected: [1] },
      ],
    },
    {
      module: M,
      export: 'balances',
      cases: [
        { name: 'paid minus shares', args: [trio, [dinner, taxi]], expected: { Ana: 2000, Bo: -500, Cy: -1500 } },
        { name: 'an uneven split still sums to zero', args: [trio, [{ ...dinner, amount: 1000 }]], expected: { Ana: 666, Bo: -333, Cy: -333 } },
        { name: 'no expenses', args: [trio, []], expected: { Ana: 0, Bo: 0, Cy: 0 } },
      ],
    },
    {
      module: M,
      export: 'settleUp',
      cases: [
        { name: 'biggest debtor pays biggest creditor first', args: [{ Ana: 2000, Bo: -500, Cy: -1500 }], expected: [{ from: 'Cy', to: 'Ana', amount: 1500 }, { from: 'Bo', to: 'Ana', amount: 500 }] },
        { name: 'one debtor, two creditors', args: [{ Ana: 700, Bo: 300, Cy: -1000 }], expected: [{ from: 'Cy', to: 'Ana', amount: 700 }, { from: 'Cy', to: 'Bo', amount: 300 }] },
        { name: 'everyone square', args: [{ Ana: 0, Bo: 0 }], expected: [] },
      ],
    },
    {
      module: M,
      export: 'totalSpent',
      cases: [{ name: 'sums all expenses', args: [[dinner, taxi]], expected: 4000 }],
    },
    {
      module: M,
      export: 'parseGroup',
      cases: [
        { name: 'restores a group', args: [JSON.stringify({ people: trio, expenses: [dinner, taxi] })], expected: { people: trio, expenses: [dinner, taxi] } },
        { name: 'drops expenses of people not in the group', args: [JSON.stringify({ people: ['Ana', 'Bo'], expenses: [dinner, taxi] })], expected: { people: ['Ana', 'Bo'], expenses: [] } },
        { name: 'nothing stored is an empty group', args: [null], expected: { people: [], expenses: [] } },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'two people, one dinner, and Bo pays Ana half',
    steps: [
      { fill: '#person', value: 'Ana' },
      { press: '#person', key: 'Enter' },
      { fill: '#person', value: 'Bo' },
      { press: '#person', key: 'Enter' },
      { expectCount: '#people li', count: 2 },
      { fill: '#description', value: 'Dinner' },
      { fill: '#amount', value: '30' },
      { select: '#paid-by', value: 'Ana' },
      { click: '#expense-form button[type="submit"]' },
      { expectText: '#settle', text: 'Bo pays Ana 15.00' },
      { expectText: '#total', text: 'Total 30.00' },
    ],
  },
};
