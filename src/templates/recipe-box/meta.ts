import { collectionMeta } from '../collection/meta';

const M = 'src/lib/config.js';
const T = '2024-01-01T00:00:00.000Z';
const soup = { id: 'seed-1', title: 'Lentil soup', course: 'Main', minutes: 45, servings: 4, ingredients: '', method: '', tags: ['vegan'], createdAt: T };
const cake = { id: 'seed-3', title: 'Lemon cake', course: 'Dessert', minutes: 60, servings: 8, ingredients: '', method: '', tags: [], createdAt: T };

export const meta = collectionMeta({
  id: 'recipe-box',
  name: 'Recipe Box',
  category: 'content',
  description:
    'A recipe box: keep recipes with course, time, servings, ingredients, method and tags; search them, filter by course or tag, sort by newest, name or quickest, and see how many you have, kept in the browser with three recipes to start.',
  tagline: 'Every recipe you love, one search away.',
  features: ['recipes', 'ingredients-and-method', 'course-filter', 'cooking-time'],
  keywords: [
    'recipe', 'recipes', 'recipe box', 'recipe book', 'cookbook', 'cooking', 'meal', 'meals', 'meal planner', 'kitchen', 'dishes',
    'ingredients', 'baking', 'food', 'family recipes', 'recipe manager',
  ],
  item: 'recipe',
  logic: [
    {
      module: M,
      export: 'validate',
      cases: [
        {
          name: 'a recipe with its fields',
          args: [{ title: ' Pesto pasta ', course: 'Main', minutes: '15', servings: '2', ingredients: 'basil\npasta', tags: 'Quick, green' }],
          expected: { title: 'Pesto pasta', course: 'Main', minutes: 15, servings: 2, ingredients: 'basil\npasta', method: '', tags: ['quick', 'green'] },
        },
        { name: 'rejects an unknown course', args: [{ title: 'Tea', course: 'Brunch' }], throws: 'Course must be one of: Breakfast, Main, Side, Dessert, Drink, Snack' },
        { name: 'rejects zero minutes', args: [{ title: 'Tea', minutes: '0' }], throws: 'Total time must be from 1 to 1440' },
      ],
    },
    {
      module: M,
      export: 'summarize',
      cases: [
        { name: 'count, average time and desserts', args: [[soup, cake]], expected: [{ label: 'Recipes', value: 2 }, { label: 'Average time', value: 52.5 }, { label: 'Desserts', value: 1 }] },
        { name: 'an empty box', args: [[]], expected: [{ label: 'Recipes', value: 0 }, { label: 'Average time', value: 0 }, { label: 'Desserts', value: 0 }] },
      ],
    },
  ],
  smoke: {
    description: 'see the example recipes, add one and find it by search',
    steps: [
      { expectCount: '#records .record', count: 3 },
      { fill: '#field-title', value: 'Tomato salad' },
      { select: '#field-course', value: 'Side' },
      { fill: '#field-minutes', value: '10' },
      { fill: '#field-tags', value: 'summer, quick' },
      { click: '#save' },
      { expectCount: '#records .record', count: 4 },
      { fill: '#search', value: 'tomato' },
      { expectCount: '#records .record', count: 1 },
      { expectText: '#records', text: 'Tomato salad' },
      { expectText: '#totals', text: '4' },
    ],
  },
});
