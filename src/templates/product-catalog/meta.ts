import type { TemplateMeta } from '../types';

const CART = 'src/lib/cart.js';
const CATALOG = 'src/lib/catalog.js';
const MONEY = 'src/lib/money.js';
const mug = { id: 'mug', name: 'Mug', category: 'Kitchen', price: 1800, description: 'Hand-glazed stoneware' };
const pen = { id: 'pen', name: 'Fountain Pen', category: 'Stationery', price: 3600, description: 'Brass body' };
const lamp = { id: 'lamp', name: 'Camp Lantern', category: 'Outdoor', price: 4500, description: 'Rechargeable LED' };

export const meta: TemplateMeta = {
  id: 'product-catalog',
  name: 'Product Catalog & Cart',
  category: 'commerce',
  description:
    'A small online shop: products from products.json with search, category filter and sorting, a cart with quantities, a discount code, tax and totals, kept in the browser between visits.',
  tagline: 'Small goods, made to last.',
  features: ['product-list', 'search-products', 'filter-by-category', 'sort-products', 'shopping-cart', 'discount-codes', 'cart-totals', 'persist-cart'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'shop', 'store', 'online store', 'e-commerce', 'ecommerce', 'catalog', 'catalogue', 'products',
    'shopping cart', 'cart', 'basket', 'checkout', 'storefront', 'merch', 'inventory', 'webshop', 'sell',
  ],
  steps: [
    {
      title: 'Catalog and money logic',
      description: 'src/lib/catalog.js lists categories, searches, filters and sorts products; src/lib/money.js formats cents; products.json holds the catalog.',
      files: ['src/lib/catalog.js', 'src/lib/money.js', 'products.json'],
      dependsOn: [],
      features: ['product-list', 'search-products', 'filter-by-category', 'sort-products'],
    },
    {
      title: 'Cart logic',
      description: 'src/lib/cart.js adds, updates and removes lines, checks discount codes, computes subtotal, discount, tax and total, and restores a stored cart.',
      files: ['src/lib/cart.js'],
      dependsOn: [],
      features: ['shopping-cart', 'discount-codes', 'cart-totals', 'persist-cart'],
    },
    {
      title: 'Shop page and styles',
      description: 'index.html with the header, filter bar, product grid and cart panel (lines, discount form, totals, checkout), the logo and styles.css.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['product-list', 'search-products', 'filter-by-category', 'sort-products', 'shopping-cart', 'discount-codes', 'cart-totals'],
    },
    {
      title: 'Wire the shop',
      description: 'src/main.js fetches products.json, renders the grid on every filter change, handles add, quantity, remove and discount events, and saves the cart to localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Catalog and money logic', 'Cart logic', 'Shop page and styles'],
      features: ['product-list', 'search-products', 'filter-by-category', 'sort-products', 'shopping-cart', 'discount-codes', 'cart-totals', 'persist-cart'],
    },
  ],
  logic: [
    {
      module: MONEY,
      export: 'formatMoney',
      cases: [
        { name: 'groups thousands and keeps cents', args: [123450], expected: '$1,234.50' },
        { name: 'pads small amounts', args: [5], expected: '$0.05' },
        { name: 'zero', args: [0], expected: '$0.00' },
        { name: 'negative amounts', args: [-500], expected: '-$5.00' },
        { name: 'rejects fractional cents', args: [1.5], throws: 'Amount must be a whole number of cents' },
      ],
    },
    {
      module: CATALOG,
      export: 'listCategories',
      cases: [
        { name: 'sorted categories', args: [[mug, pen, lamp]], expected: ['Kitchen', 'Outdoor', 'Stationery'] },
        { name: 'duplicates appear once', args: [[mug, { ...mug, id: 'mug-2' }]], expected: ['Kitchen'] },
        { name: 'empty catalog', args: [[]], expected: [] },
      ],
    },
    {
      module: CATALOG,
      export: 'filterProducts',
      cases: [
        { name: 'search is case-insensitive', args: [[mug, pen, lamp], 'PEN', 'all'], expected: [pen] },
        { name: 'category only', args: [[mug, pen, lamp], '', 'Kitchen'], expected: [mug] },
        { name: 'search and category together', args: [[mug, pen, lamp], 'led', 'Kitchen'], expected: [] },
        { name: 'every word must match name, description or category', args: [[mug, pen, lamp], 'stationery brass', ''], expected: [pen] },
        { name: 'no query and no category keeps everything', args: [[mug, pen, lamp], '  ', null], expected: [mug, pen, lamp] },
      ],
    },
    {
      module: CATALOG,
      export: 'sortProducts',
      cases: [
        { name: 'featured keeps catalog order', args: [[pen, mug, lamp], 'featured'], expected: [pen, mug, lamp] },
        { name: 'price low to high', args: [[pen, lamp, mug], 'price-asc'], expected: [mug, pen, lamp] },
        { name: 'price high to low', args: [[mug, pen, lamp], 'price-desc'], expected: [lamp, pen, mug] },
        { name: 'by name', args: [[mug, pen, lamp], 'name'], expected: [lamp, pen, mug] },
        { name: 'rejects an unknown order', args: [[mug], 'cheap'], throws: 'Unknown sort order: cheap' },
      ],
    },
    {
      module: CART,
      export: 'addToCart',
      cases: [
        { name: 'adds a new line', args: [[], 'mug'], expected: [{ id: 'mug', quantity: 1 }] },
        { name: 'adds to an existing line', args: [[{ id: 'mug', quantity: 2 }], 'mug', 3], expected: [{ id: 'mug', quantity: 5 }] },
        { name: 'keeps other lines in order', args: [[{ id: 'pen', quantity: 1 }], 'mug', 2], expected: [{ id: 'pen', quantity: 1 }, { id: 'mug', quantity: 2 }] },
        { name: 'caps a line at 99', args: [[{ id: 'mug', quantity: 98 }], 'mug', 5], expected: [{ id: 'mug', quantity: 99 }] },
        { name: 'rejects zero', args: [[], 'mug', 0], throws: 'Quantity must be a whole number of at least 1' },
      ],
    },
    {
      module: CART,
      export: 'setQuantity',
      cases: [
        { name: 'sets a quantity', args: [[{ id: 'mug', quantity: 2 }], 'mug', 4], expected: [{ id: 'mug', quantity: 4 }] },
        { name: 'zero removes the line', args: [[{ id: 'mug', quantity: 2 }, { id: 'pen', quantity: 1 }], 'mug', 0], expected: [{ id: 'pen', quantity: 1 }] },
        { name: 'caps at 99', args: [[{ id: 'mug', quantity: 2 }], 'mug', 500], expected: [{ id: 'mug', quantity: 99 }] },
        { name: 'rejects a negative quantity', args: [[{ id: 'mug', quantity: 2 }], 'mug', -1], throws: 'Quantity must be a whole number of at least 0' },
        { name: 'rejects a fraction', args: [[{ id: 'mug', quantity: 2 }], 'mug', 2.5], throws: 'whole number' },
      ],
    },
    {
      module: CART,
      export: 'removeFromCart',
      cases: [
        { name: 'removes the line', args: [[{ id: 'mug', quantity: 2 }, { id: 'pen', quantity: 1 }], 'mug'], expected: [{ id: 'pen', quantity: 1 }] },
        { name: 'unknown id leaves the cart', args: [[{ id: 'mug', quantity: 2 }], 'lamp'], expected: [{ id: 'mug', quantity: 2 }] },
        { name: 'empty cart', args: [[], 'mug'], expected: [] },
      ],
    },
    {
      module: CART,
      export: 'cartCount',
      cases: [
        { name: 'sums quantities', args: [[{ id: 'mug', quantity: 2 }, { id: 'pen', quantity: 3 }]], expected: 5 },
        { name: 'one line', args: [[{ id: 'mug', quantity: 1 }]], expected: 1 },
        { name: 'empty cart', args: [[]], expected: 0 },
      ],
    },
    {
      module: CART,
      export: 'cartLines',
      cases: [
        {
          name: 'joins product details and drops unknown products',
          args: [[{ id: 'mug', quantity: 2 }, { id: 'gone', quantity: 1 }, { id: 'pen', quantity: 1 }], [mug, pen, lamp]],
          expected: [
            { id: 'mug', name: 'Mug', price: 1800, quantity: 2, total: 3600 },
            { id: 'pen', name: 'Fountain Pen', price: 3600, quantity: 1, total: 3600 },
          ],
        },
        { name: 'empty cart', args: [[], [mug]], expected: [] },
        { name: 'empty catalog', args: [[{ id: 'mug', quantity: 1 }], []], expected: [] },
      ],
    },
    {
      module: CART,
      export: 'discountForCode',
      cases: [
        { name: 'ignores case and spaces', args: [' save10 '], expected: { code: 'SAVE10', percent: 10 } },
        { name: 'welcome code', args: ['WELCOME15'], expected: { code: 'WELCOME15', percent: 15 } },
        { name: 'rejects an unknown code', args: ['free'], throws: 'Unknown discount code: FREE' },
        { name: 'rejects a blank code', args: ['  '], throws: 'Enter a discount code' },
      ],
    },
    {
      module: CART,
      export: 'cartTotals',
      cases: [
        { name: 'discount then tax', args: [[{ total: 3600 }, { total: 3600 }], 10, 8], expected: { subtotal: 7200, discount: 720, tax: 518, total: 6998 } },
        { name: 'rounds each amount to cents', args: [[{ total: 1999 }], 15, 8.25], expected: { subtotal: 1999, discount: 300, tax: 140, total: 1839 } },
        { name: 'empty cart', args: [[], 10], expected: { subtotal: 0, discount: 0, tax: 0, total: 0 } },
        { name: 'default 8% tax, no discount', args: [[{ total: 2500 }]], expected: { subtotal: 2500, discount: 0, tax: 200, total: 2700 } },
        { name: 'rejects a discount over 100', args: [[{ total: 1000 }], 150], throws: 'Discount must be between 0 and 100 percent' },
        { name: 'rejects negative tax', args: [[{ total: 1000 }], 0, -5], throws: 'Tax must be between 0 and 100 percent' },
      ],
    },
    {
      module: CART,
      export: 'parseCart',
      cases: [
        {
          name: 'keeps well-formed lines and caps quantities',
          args: ['[{"id":"mug","quantity":2},{"id":"pen","quantity":0},{"id":3,"quantity":1},{"id":"lamp","quantity":1.5},{"id":"big","quantity":400}]'],
          expected: [{ id: 'mug', quantity: 2 }, { id: 'big', quantity: 99 }],
        },
        { name: 'nothing stored', args: [null], expected: [] },
        { name: 'broken JSON', args: ['nope'], expected: [] },
        { name: 'not an array', args: ['{"mug":2}'], expected: [] },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'find the mug, add it to the cart twice, see the total, then apply a discount code',
    steps: [
      { fill: '#search', value: 'mug' },
      { expectCount: '#product-grid li', count: 1 },
      { click: '[data-add="stoneware-mug"]' },
      { click: '[data-add="stoneware-mug"]' },
      { expectText: '#cart-lines', text: 'Stoneware Mug' },
      { expectText: '#cart-count', text: '2' },
      { expectText: '#total', text: '$38.88' },
      { fill: '#discount-code', value: 'SAVE10' },
      { press: '#discount-code', key: 'Enter' },
      { expectText: '#total', text: '$34.99' },
    ],
  },
};
