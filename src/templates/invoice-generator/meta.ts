import type { TemplateMeta } from '../types';

const M = 'src/lib/invoice.js';
const design = { description: 'Design', quantity: 3, price: 80 };
const hosting = { description: 'Hosting', quantity: 12, price: 4.99 };

export const meta: TemplateMeta = {
  id: 'invoice-generator',
  name: 'Invoice Generator',
  category: 'commerce',
  description:
    'An invoice generator for freelancers and small businesses: your details and the client\'s, numbered invoices with issue and due dates, line items, discount and tax, five currencies, a live preview that prints or saves as a clean PDF, and the draft kept in the browser.',
  tagline: 'Clean invoices in a minute, ready to print or save as PDF.',
  features: ['line-items', 'totals-discount-tax', 'invoice-numbering', 'due-dates', 'currencies', 'live-preview', 'print-to-pdf', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'invoice', 'invoices', 'invoice generator', 'invoice maker', 'billing', 'bill', 'receipt', 'quote', 'estimate', 'freelance invoice',
    'freelancer', 'payment request', 'pdf invoice', 'tax invoice', 'bookkeeping',
  ],
  steps: [
    {
      title: 'Invoice rules',
      description: 'Pure functions in src/lib/invoice.js: line items, totals with discount and tax, the next invoice number, due dates and money in five currencies.',
      files: [M],
      dependsOn: [],
      features: ['line-items', 'totals-discount-tax', 'invoice-numbering', 'due-dates', 'currencies'],
    },
    {
      title: 'Page and styles',
      description: 'The page: the editor (parties, dates, items, discount, tax, notes) and the invoice preview, with print styles that show only the invoice.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['line-items', 'live-preview', 'print-to-pdf'],
    },
    {
      title: 'Wire the editor',
      description: 'src/main.js renders the preview on every edit, adds and removes lines, starts the next invoice, prints, and keeps the draft in localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Invoice rules', 'Page and styles'],
      features: ['line-items', 'totals-discount-tax', 'invoice-numbering', 'due-dates', 'currencies', 'live-preview', 'print-to-pdf', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'validateItem',
      cases: [
        { name: 'reads typed text', args: [{ description: ' Design  work ', quantity: '3', price: '80.005' }], expected: { description: 'Design work', quantity: 3, price: 80.01 } },
        { name: 'rejects a missing description', args: [{ description: ' ', quantity: 1, price: 1 }], throws: 'Each line needs a description' },
        { name: 'rejects zero quantity', args: [{ description: 'Design', quantity: 0, price: 1 }], throws: 'Quantity of "Design" must be more than 0' },
        { name: 'rejects a negative price', args: [{ description: 'Design', quantity: 1, price: -5 }], throws: 'Price of "Design" must be 0 or more' },
      ],
    },
    {
      module: M,
      export: 'lineTotal',
      cases: [{ name: 'quantity times price', args: [{ quantity: 2.5, price: 40 }], expected: 100 }, { name: 'rounded to cents', args: [hosting], expected: 59.88 }],
    },
    {
      module: M,
      export: 'invoiceTotals',
      cases: [
        { name: 'discount first, then tax on the rest', args: [[design, hosting], 20, 10], expected: { subtotal: 299.88, discount: 29.99, tax: 53.98, total: 323.87 } },
        { name: 'no tax or discount', args: [[design]], expected: { subtotal: 240, discount: 0, tax: 0, total: 240 } },
        { name: 'an empty invoice', args: [[], 20, 0], expected: { subtotal: 0, discount: 0, tax: 0, total: 0 } },
        { name: 'rejects a tax over 100%', args: [[design], 120, 0], throws: 'Tax must be from 0 to 100 percent' },
      ],
    },
    {
      module: M,
      export: 'nextInvoiceNumber',
      cases: [
        { name: 'keeps prefix and padding', args: ['INV-0042'], expected: 'INV-0043' },
        { name: 'grows past the padding', args: ['INV-9'], expected: 'INV-10' },
        { name: 'a year-style number', args: ['2024-099'], expected: '2024-100' },
        { name: 'no digits starts a series', args: ['ACME'], expected: 'ACME-0001' },
      ],
    },
    {
      module: M,
      export: 'dueDate',
      cases: [
        { name: 'fourteen days later', args: ['2024-05-20', 14], expected: '2024-06-03' },
        { name: 'due on receipt', args: ['2024-05-20', 0], expected: '2024-05-20' },
        { name: 'rejects a bad date', args: ['20/05/2024', 14], throws: 'Issue date must be YYYY-MM-DD' },
      ],
    },
    {
      module: M,
      export: 'formatMoney',
      cases: [
        { name: 'euros', args: [1234.5, 'EUR'], expected: '€1,234.50' },
        { name: 'dollars by default', args: [323.87], expected: '$323.87' },
        { name: 'an unknown currency by its code', args: [10, 'CHF'], expected: 'CHF 10.00' },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'add a line and see the invoice total with tax',
    steps: [
      { expectText: '#inv-total', text: '$750.00' },
      { click: '#add-item' },
      { fill: '#items .item:last-child [data-item="description"]', value: 'Hosting' },
      { fill: '#items .item:last-child [data-item="quantity"]', value: '12' },
      { fill: '#items .item:last-child [data-item="price"]', value: '4.99' },
      { fill: '#editor [name="tax"]', value: '20' },
      { expectText: '#inv-lines', text: 'Hosting' },
      { expectText: '#inv-total', text: '$971.86' },
      { click: '#new-invoice' },
      { expectText: '#inv-number', text: 'INV-0002' },
    ],
  },
};
