// The inventory: its fields, filters, sorts, totals and example stock, for the shared collection module.
import { totals, validateRecord } from './collection.js';

const T = '2024-01-01T00:00:00.000Z';

export const CONFIG = {
  storageKey: 'inventory.items',
  item: 'item',
  items: 'items',
  accent: '#7c2d12',
  titleField: 'name',
  fields: [
    { name: 'name', label: 'Item', type: 'text', required: true, max: 120, placeholder: 'Ceramic mug, blue' },
    { name: 'sku', label: 'SKU', type: 'text', max: 40 },
    { name: 'category', label: 'Category', type: 'select', options: ['Stock', 'Supplies', 'Equipment', 'Parts', 'Other'] },
    { name: 'quantity', label: 'Quantity', type: 'number', required: true, min: 0, max: 1000000, suffix: ' in stock' },
    { name: 'price', label: 'Unit cost', type: 'number', min: 0, max: 1000000, prefix: '$', decimals: 2 },
    { name: 'location', label: 'Location', type: 'text', max: 80 },
    { name: 'notes', label: 'Notes', type: 'textarea', max: 2000 },
    { name: 'tags', label: 'Tags', type: 'tags' },
  ],
  summary: ['sku', 'category', 'quantity', 'price', 'location'],
  filters: ['category'],
  sorts: [
    { label: 'Name A–Z', field: 'name', direction: 'asc' },
    { label: 'Lowest stock', field: 'quantity', direction: 'asc' },
    { label: 'Most stock', field: 'quantity', direction: 'desc' },
    { label: 'Newest', field: 'createdAt', direction: 'desc' },
  ],
  totals: [
    { kind: 'count', label: 'Items' },
    { kind: 'sum', field: 'quantity', label: 'Units' },
    { kind: 'sumProduct', fields: ['quantity', 'price'], label: 'Stock value', prefix: '$', decimals: 2 },
    { kind: 'countWhere', field: 'quantity', value: 0, label: 'Out of stock' },
  ],
  seed: [
    { id: 'seed-1', name: 'Ceramic mug, blue', sku: 'MUG-BL', category: 'Stock', quantity: 24, price: 6.5, location: 'Shelf A2', notes: '', tags: ['bestseller'], createdAt: T },
    { id: 'seed-2', name: 'Shipping boxes (small)', sku: 'BOX-S', category: 'Supplies', quantity: 120, price: 0.45, location: 'Back room', notes: 'Reorder at 30.', tags: [], createdAt: T },
    { id: 'seed-3', name: 'Gift card stock', sku: 'GIFT', category: 'Supplies', quantity: 0, price: 0.2, location: 'Drawer 3', notes: '', tags: ['reorder'], createdAt: T },
  ],
};

/** An item checked against the inventory fields. */
export function validate(input) {
  return validateRecord(CONFIG.fields, input);
}

/** The inventory's totals for these items. */
export function summarize(records) {
  return totals(records, CONFIG.totals);
}
