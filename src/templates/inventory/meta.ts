import { collectionMeta } from '../collection/meta';

const M = 'src/lib/config.js';
const T = '2024-01-01T00:00:00.000Z';
const item = (id: string, quantity: number, price: number | null) => ({ id, name: `Item ${id}`, sku: '', category: '', quantity, price, location: '', notes: '', tags: [], createdAt: T });

export const meta = collectionMeta({
  id: 'inventory',
  name: 'Inventory',
  category: 'commerce',
  description:
    'A stock inventory for a small shop or workshop: items with SKU, category, quantity, unit cost, location, notes and tags; search, filter by category or tag, sort by stock level, and see units, stock value and what is out of stock, kept in the browser.',
  tagline: 'Know what you have, where it is and what it is worth.',
  features: ['stock-levels', 'stock-value', 'out-of-stock', 'skus-and-locations', 'category-filter'],
  keywords: [
    'inventory', 'stock levels', 'low stock', 'stock control', 'stock tracker', 'warehouse', 'items', 'supplies', 'products', 'asset tracker',
    'pantry', 'inventory management', 'sku', 'stock take', 'equipment list', 'parts',
  ],
  item: 'item',
  logic: [
    {
      module: M,
      export: 'validate',
      cases: [
        {
          name: 'an item with its fields',
          args: [{ name: ' Mug ', sku: 'MUG-1', category: 'Stock', quantity: '12', price: '6.499', location: 'A1' }],
          expected: { name: 'Mug', sku: 'MUG-1', category: 'Stock', quantity: 12, price: 6.5, location: 'A1', notes: '', tags: [] },
        },
        { name: 'the quantity is required', args: [{ name: 'Mug' }], throws: 'Quantity is required' },
        { name: 'rejects a negative quantity', args: [{ name: 'Mug', quantity: '-1' }], throws: 'Quantity must be from 0 to 1000000' },
      ],
    },
    {
      module: M,
      export: 'summarize',
      cases: [
        {
          name: 'items, units, stock value and out of stock',
          args: [[item('1', 24, 6.5), item('2', 120, 0.45), item('3', 0, 0.2), item('4', 5, null)]],
          expected: [{ label: 'Items', value: 4 }, { label: 'Units', value: 149 }, { label: 'Stock value', value: 210 }, { label: 'Out of stock', value: 1 }],
        },
      ],
    },
  ],
  smoke: {
    description: 'add stock and see the units and value totals change',
    steps: [
      { expectCount: '#records .record', count: 3 },
      { expectText: '#totals', text: '$210.00' },
      { fill: '#field-name', value: 'Tea towel' },
      { select: '#field-category', value: 'Stock' },
      { fill: '#field-quantity', value: '10' },
      { fill: '#field-price', value: '4' },
      { click: '#save' },
      { expectCount: '#records .record', count: 4 },
      { expectText: '#totals', text: '$250.00' },
      { select: '#sort', value: 'quantity:asc' },
      { expectText: '#records .record:first-child', text: 'Gift card stock' },
    ],
  },
});
