/**
 * The collection family: templates that keep records with fields (a recipe box, a reading list, a CRM, an inventory,
 * a workout log, notes). They share one logic module, page, styles and wiring (shared/, linked into each member's
 * files/), and differ in src/lib/config.js: the fields, filters, sorts, totals and seed records. This builds a
 * member's metadata from what is particular to it.
 */
import type { LogicSpec, SmokeInteraction, TemplateMeta } from '../types';

const C = 'src/lib/collection.js';
const CONFIG = 'src/lib/config.js';

/** What a member adds to the family's metadata. */
export interface CollectionMember {
  id: string;
  name: string;
  category: TemplateMeta['category'];
  description: string;
  tagline?: string;
  /** The member's own features, after the family's (add-edit-delete, search, filters, tags, totals, persist-locally). */
  features: string[];
  keywords: string[];
  /** The singular noun of a record, for step texts: 'recipe'. */
  item: string;
  /** Specs of the member's src/lib/config.js (its `validate` and `summarize`), and of any extra logic module. */
  logic: LogicSpec[];
  /** Steps for extra logic modules that the member's config imports; they come before the config's step. */
  extraSteps?: TemplateMeta['steps'];
  smoke: SmokeInteraction;
}

const F = [
  { name: 'title', label: 'Title', type: 'text', required: true, max: 20 },
  { name: 'qty', label: 'Qty', type: 'number', min: 0, max: 100 },
  { name: 'kind', label: 'Kind', type: 'select', options: ['A', 'B'] },
  { name: 'tags', label: 'Tags', type: 'tags' },
];
const T = '2024-05-03T12:00:00.000Z';
const soup = { id: 'r1', title: 'Lentil soup', qty: 4, kind: 'A', tags: ['vegan', 'quick'], createdAt: T };
const cake = { id: 'r2', title: 'Carrot cake', qty: 12, kind: 'B', tags: ['sweet'], createdAt: T };
const toast = { id: 'r3', title: 'Toast', qty: null, kind: '', tags: ['quick'], createdAt: T };
const records = [soup, cake, toast];

/** The family's shared logic, specified once against a small field list of its own. */
const COLLECTION_LOGIC: LogicSpec[] = [
  {
    module: C,
    export: 'parseTags',
    cases: [
      { name: 'trims, lowercases and dedupes', args: [' Quick, vegan,quick '], expected: ['quick', 'vegan'] },
      { name: 'spaces become dashes', args: ['sci fi'], expected: ['sci-fi'] },
      { name: 'empty text has none', args: [''], expected: [] },
    ],
  },
  {
    module: C,
    export: 'validateRecord',
    cases: [
      { name: 'checks and converts each field, drops unknown keys', args: [F, { title: ' Lentil   soup ', qty: '4', kind: 'A', tags: 'Vegan, quick', admin: true }], expected: { title: 'Lentil soup', qty: 4, kind: 'A', tags: ['vegan', 'quick'] } },
      { name: 'optional fields may be empty', args: [F, { title: 'Toast' }], expected: { title: 'Toast', qty: null, kind: '', tags: [] } },
      { name: 'rejects a missing required field', args: [F, { qty: 1 }], throws: 'Title is required' },
      { name: 'rejects a number out of range', args: [F, { title: 'x', qty: '101' }], throws: 'Qty must be from 0 to 100' },
      { name: 'rejects an unknown choice', args: [F, { title: 'x', kind: 'C' }], throws: 'Kind must be one of: A, B' },
      { name: 'rejects text over its limit', args: [F, { title: 'x'.repeat(21) }], throws: 'Title must be at most 20 characters' },
    ],
  },
  {
    module: C,
    export: 'addRecord',
    cases: [
      { name: 'puts the new record first', args: [[cake], F, { title: 'Lentil soup', qty: 4, kind: 'A', tags: 'vegan, quick' }, 'r1', T], expected: [soup, cake] },
      { name: 'rejects a duplicate id', args: [[cake], F, { title: 'x' }, 'r2', T], throws: 'Duplicate id: r2' },
    ],
  },
  {
    module: C,
    export: 'updateRecord',
    cases: [
      { name: 'replaces the values, keeps id and time', args: [[soup, cake], F, 'r2', { title: 'Carrot cake', qty: 10, kind: 'B', tags: 'sweet' }], expected: [soup, { ...cake, qty: 10 }] },
      { name: 'rejects an unknown id', args: [[soup], F, 'r9', { title: 'x' }], throws: 'No record r9' },
    ],
  },
  {
    module: C,
    export: 'removeRecord',
    cases: [{ name: 'removes by id', args: [records, 'r2'], expected: [soup, toast] }],
  },
  {
    module: C,
    export: 'searchRecords',
    cases: [
      { name: 'every word must match, any case', args: [records, F, 'LENTIL soup'], expected: [soup] },
      { name: 'matches tags', args: [records, F, 'quick'], expected: [soup, toast] },
      { name: 'an empty query keeps all', args: [records, F, '  '], expected: records },
      { name: 'no match', args: [records, F, 'pizza'], expected: [] },
    ],
  },
  {
    module: C,
    export: 'filterRecords',
    cases: [
      { name: 'by a field value', args: [records, { kind: 'B' }], expected: [cake] },
      { name: 'by tag', args: [records, { tag: 'quick' }], expected: [soup, toast] },
      { name: 'empty filters keep all', args: [records, { kind: '', tag: '' }], expected: records },
    ],
  },
  {
    module: C,
    export: 'sortRecords',
    cases: [
      { name: 'text A to Z', args: [records, 'title', 'asc'], expected: [cake, soup, toast] },
      { name: 'numbers high to low, empty last', args: [records, 'qty', 'desc'], expected: [cake, soup, toast] },
      { name: 'numbers low to high, empty last', args: [records, 'qty', 'asc'], expected: [soup, cake, toast] },
    ],
  },
  {
    module: C,
    export: 'tagCounts',
    cases: [{ name: 'most used first, then A to Z', args: [records], expected: [{ tag: 'quick', count: 2 }, { tag: 'sweet', count: 1 }, { tag: 'vegan', count: 1 }] }],
  },
  {
    module: C,
    export: 'totals',
    cases: [
      {
        name: 'count, sum, average, product and count-where',
        args: [records, [{ kind: 'count', label: 'All' }, { kind: 'sum', field: 'qty', label: 'Qty' }, { kind: 'average', field: 'qty', label: 'Avg' }, { kind: 'sumProduct', fields: ['qty', 'qty'], label: 'Sq' }, { kind: 'countWhere', field: 'kind', value: 'A', label: 'A' }]],
        expected: [{ label: 'All', value: 3 }, { label: 'Qty', value: 16 }, { label: 'Avg', value: 8 }, { label: 'Sq', value: 160 }, { label: 'A', value: 1 }],
      },
      { name: 'an empty collection', args: [[], [{ kind: 'average', field: 'qty', label: 'Avg' }]], expected: [{ label: 'Avg', value: 0 }] },
      { name: 'rejects an unknown kind', args: [records, [{ kind: 'median', label: 'x' }]], throws: 'Unknown total: median' },
    ],
  },
  {
    module: C,
    export: 'parseRecords',
    cases: [
      { name: 'restores valid records', args: [JSON.stringify(records), F], expected: records },
      { name: 'drops records that fail their fields', args: [JSON.stringify([soup, { ...cake, kind: 'Z' }, { title: 'no id' }]), F], expected: [soup] },
      { name: 'nothing stored is null (use the seed)', args: [null, F], expected: null },
    ],
  },
];

/**
 * A member's full metadata: the family's features, steps and logic specs with the member's own.
 *
 * @example collectionMeta({ id: 'recipe-box', item: 'recipe', ... }).steps.map((step) => step.title)
 * // ['Collection rules', 'Recipe fields and examples', 'Page and styles', 'Wire the collection']
 */
export function collectionMeta(member: CollectionMember): TemplateMeta {
  const item = member.item;
  const Item = item[0]!.toUpperCase() + item.slice(1);
  const extraSteps = member.extraSteps ?? [];
  return {
    id: member.id,
    name: member.name,
    category: member.category,
    description: member.description,
    ...(member.tagline ? { tagline: member.tagline } : {}),
    features: ['add-edit-delete', 'search', 'filters', 'tags', 'sorting', 'totals', 'persist-locally', ...member.features],
    techStack: ['html', 'css', 'javascript', 'local-storage'],
    keywords: member.keywords,
    steps: [
      {
        title: 'Collection rules',
        description: 'src/lib/collection.js: checking records against their fields, adding, editing, removing, searching, filtering, sorting, tag counts, totals and stored records.',
        files: [C],
        dependsOn: [],
        features: ['add-edit-delete', 'search', 'filters', 'tags', 'sorting', 'totals', 'persist-locally'],
      },
      ...extraSteps,
      {
        title: `${Item} fields and examples`,
        description: `src/lib/config.js: the ${item} fields, filters, sorts and totals, and example ${item} records to start with.`,
        files: [CONFIG],
        dependsOn: ['Collection rules', ...extraSteps.map((step) => step.title)],
        features: member.features,
      },
      {
        title: 'Page and styles',
        description: 'The page: totals, the add and edit form, and the list with search, filters, sort and tags.',
        files: ['index.html', 'styles.css', 'favicon.svg'],
        dependsOn: [],
        features: ['search', 'filters', 'totals'],
      },
      {
        title: 'Wire the collection',
        description: 'src/main.js builds the form and filters from the config, renders, adds, edits and deletes records and saves them to localStorage.',
        files: ['src/main.js'],
        dependsOn: ['Collection rules', `${Item} fields and examples`, 'Page and styles'],
        features: ['add-edit-delete', 'search', 'filters', 'tags', 'sorting', 'totals', 'persist-locally'],
      },
    ],
    logic: [...COLLECTION_LOGIC, ...member.logic],
    routes: [],
    smoke: member.smoke,
  };
}
