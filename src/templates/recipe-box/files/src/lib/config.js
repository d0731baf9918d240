// The recipe box: its fields, filters, sorts, totals and example recipes, for the shared collection module.
import { totals, validateRecord } from './collection.js';

const T = '2024-01-01T00:00:00.000Z';

export const CONFIG = {
  storageKey: 'recipe-box.recipes',
  item: 'recipe',
  items: 'recipes',
  accent: '#c2410c',
  titleField: 'title',
  fields: [
    { name: 'title', label: 'Recipe', type: 'text', required: true, max: 100, placeholder: 'Lemon pasta' },
    { name: 'course', label: 'Course', type: 'select', options: ['Breakfast', 'Main', 'Side', 'Dessert', 'Drink', 'Snack'] },
    { name: 'minutes', label: 'Total time', type: 'number', min: 1, max: 1440, suffix: ' min' },
    { name: 'servings', label: 'Servings', type: 'number', min: 1, max: 100, suffix: ' servings' },
    { name: 'ingredients', label: 'Ingredients', type: 'textarea', max: 3000, placeholder: 'One per line' },
    { name: 'method', label: 'Method', type: 'textarea', max: 6000, rows: 6 },
    { name: 'tags', label: 'Tags', type: 'tags' },
  ],
  summary: ['course', 'minutes', 'servings'],
  filters: ['course'],
  sorts: [
    { label: 'Newest', field: 'createdAt', direction: 'desc' },
    { label: 'A–Z', field: 'title', direction: 'asc' },
    { label: 'Quickest', field: 'minutes', direction: 'asc' },
  ],
  totals: [
    { kind: 'count', label: 'Recipes' },
    { kind: 'average', field: 'minutes', label: 'Average time', suffix: ' min' },
    { kind: 'countWhere', field: 'course', value: 'Dessert', label: 'Desserts' },
  ],
  seed: [
    {
      id: 'seed-1', title: 'Lentil soup', course: 'Main', minutes: 45, servings: 4,
      ingredients: '200 g red lentils\n1 onion\n2 carrots\n1 l vegetable stock\n1 tsp cumin',
      method: 'Soften the onion and carrots, add cumin, lentils and stock, simmer 25 minutes, blend half.',
      tags: ['vegan', 'winter'], createdAt: T,
    },
    {
      id: 'seed-2', title: 'Banana pancakes', course: 'Breakfast', minutes: 20, servings: 2,
      ingredients: '2 ripe bananas\n2 eggs\n60 g oats\npinch of cinnamon',
      method: 'Mash the bananas, whisk in eggs and oats, cook small pancakes 2 minutes a side.',
      tags: ['quick', 'kids'], createdAt: T,
    },
    {
      id: 'seed-3', title: 'Lemon olive oil cake', course: 'Dessert', minutes: 60, servings: 8,
      ingredients: '3 eggs\n150 g sugar\n120 ml olive oil\n2 lemons\n200 g flour\n2 tsp baking powder',
      method: 'Whisk eggs and sugar, add oil, zest and juice, fold in flour and baking powder, bake 40 minutes at 175 °C.',
      tags: ['baking'], createdAt: T,
    },
  ],
};

/** A recipe checked against the recipe fields: validate({ title: 'Soup' }) → { title: 'Soup', course: '', … }. */
export function validate(input) {
  return validateRecord(CONFIG.fields, input);
}

/** The recipe box's totals for these recipes: summarize(CONFIG.seed) → [{ label: 'Recipes', value: 3 }, …]. */
export function summarize(records) {
  return totals(records, CONFIG.totals);
}
