import type { TemplateMeta } from '../types';

const box = { width: 120, height: 100, padding: 10 };

export const meta: TemplateMeta = {
  id: 'analytics-dashboard',
  name: 'Analytics dashboard',
  category: 'analytics',
  description:
    'A metrics dashboard over a static data.json: KPI cards with growth against the previous period, an SVG line chart with a 7-day moving average, an SVG bar chart of revenue, and a date-range filter with quick presets.',
  tagline: 'Visitors, signups and revenue at a glance.',
  features: ['kpi-cards', 'line-chart', 'bar-chart', 'date-range-filter', 'aggregates', 'moving-average', 'static-data'],
  techStack: ['html', 'css', 'javascript', 'svg'],
  keywords: [
    'dashboard',
    'analytics',
    'metrics',
    'kpi',
    'charts',
    'graphs',
    'reporting',
    'statistics',
    'stats',
    'admin panel',
    'business intelligence',
    'data visualization',
    'trends',
    'insights',
    'traffic',
    'sales report',
  ],
  steps: [
    {
      title: 'Aggregate and date logic',
      description:
        'Pure modules for sums, averages, growth percentages, moving averages, weekly buckets and inclusive UTC date ranges, plus locale-independent number formatting.',
      files: ['src/lib/stats.js', 'src/lib/dates.js', 'src/lib/format.js'],
      dependsOn: [],
      features: ['aggregates', 'moving-average', 'date-range-filter'],
    },
    {
      title: 'Chart geometry',
      description: 'Linear scales, 1/2/5 tick steps, SVG line path data and bar rectangles computed from plain numbers.',
      files: ['src/lib/chart.js'],
      dependsOn: ['Aggregate and date logic'],
      features: ['line-chart', 'bar-chart'],
    },
    {
      title: 'Sample data and page',
      description: 'Sixty days of visitors, signups and revenue in data.json, and the dashboard markup and styles.',
      files: ['data.json', 'index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['static-data', 'kpi-cards'],
    },
    {
      title: 'Dashboard wiring',
      description:
        'Loads data.json, applies presets and date inputs, fills the KPI cards and draws both charts with createElementNS and setAttribute.',
      files: ['src/main.js'],
      dependsOn: ['Chart geometry', 'Sample data and page'],
      features: ['kpi-cards', 'line-chart', 'bar-chart', 'date-range-filter'],
    },
  ],
  logic: [
    {
      module: 'src/lib/stats.js',
      export: 'round',
      cases: [
        { name: 'rounds half up where binary floats would not', args: [1.005, 2], expected: 1.01 },
        { name: 'rounds to an integer by default', args: [2.5], expected: 3 },
        { name: 'rounds negative halves away from zero', args: [-2.345, 2], expected: -2.35 },
        { name: 'handles exponent notation', args: [1e-7, 2], expected: 0 },
      ],
    },
    {
      module: 'src/lib/stats.js',
      export: 'sum',
      cases: [
        { name: 'adds numbers', args: [[1, 2, 3]], expected: 6 },
        { name: 'is zero for an empty list', args: [[]], expected: 0 },
        { name: 'handles negatives', args: [[10, -4, 0.5]], expected: 6.5 },
      ],
    },
    {
      module: 'src/lib/stats.js',
      export: 'average',
      cases: [
        { name: 'averages numbers', args: [[2, 4]], expected: 3 },
        { name: 'is zero for an empty list', args: [[]], expected: 0 },
        { name: 'keeps fractions', args: [[1, 2]], expected: 1.5 },
      ],
    },
    {
      module: 'src/lib/stats.js',
      export: 'growthPercent',
      cases: [
        { name: 'growth', args: [200, 250], expected: 25 },
        { name: 'decline', args: [400, 300], expected: -25 },
        { name: 'rounds to one decimal', args: [3, 4], expected: 33.3 },
        { name: 'no base gives null', args: [0, 50], expected: null },
        { name: 'negative base uses its magnitude', args: [-100, -50], expected: 50 },
      ],
    },
    {
      module: 'src/lib/stats.js',
      export: 'movingAverage',
      cases: [
        { name: 'trailing window with a short start', args: [[2, 4, 6], 2], expected: [2, 3, 5] },
        { name: 'window of three', args: [[1, 2, 3, 4], 3], expected: [1, 1.5, 2, 3] },
        { name: 'rounds to two decimals', args: [[1, 1, 2], 3], expected: [1, 1, 1.33] },
        { name: 'empty series', args: [[], 7], expected: [] },
        { name: 'rejects a zero window', args: [[1, 2], 0], throws: 'window must be a positive integer' },
      ],
    },
    {
      module: 'src/lib/stats.js',
      export: 'bucketSums',
      cases: [
        { name: 'sums chunks with a partial last one', args: [[1, 2, 3, 4, 5], 2], expected: [3, 7, 5] },
        { name: 'size one keeps values', args: [[4, 5], 1], expected: [4, 5] },
        { name: 'avoids float noise', args: [[0.1, 0.2], 2], expected: [0.3] },
        { name: 'empty list', args: [[], 7], expected: [] },
        { name: 'rejects a fractional size', args: [[1], 1.5], throws: 'size must be a positive integer' },
      ],
    },
    {
      module: 'src/lib/dates.js',
      export: 'addDays',
      cases: [
        { name: 'crosses a leap day', args: ['2024-02-28', 2], expected: '2024-03-01' },
        { name: 'goes backwards across a year', args: ['2024-01-01', -1], expected: '2023-12-31' },
        { name: 'zero days is the same date', args: ['2024-06-15', 0], expected: '2024-06-15' },
        { name: 'rejects an impossible date', args: ['2023-02-29', 1], throws: 'invalid date: 2023-02-29' },
        { name: 'rejects a malformed date', args: ['15/06/2024', 1], throws: 'invalid date' },
      ],
    },
    {
      module: 'src/lib/dates.js',
      export: 'daysInRange',
      cases: [
        { name: 'a week is seven days inclusive', args: ['2024-01-01', '2024-01-07'], expected: 7 },
        { name: 'a single day', args: ['2024-03-10', '2024-03-10'], expected: 1 },
        { name: 'February 2024 has 29 days', args: ['2024-02-01', '2024-02-29'], expected: 29 },
        { name: 'rejects a reversed range', args: ['2024-01-02', '2024-01-01'], throws: 'from must not be after to' },
      ],
    },
    {
      module: 'src/lib/dates.js',
      export: 'filterByDateRange',
      cases: [
        {
          name: 'keeps rows inside the inclusive range',
          args: [[{ date: '2024-01-01', v: 1 }, { date: '2024-01-02', v: 2 }, { date: '2024-01-03', v: 3 }], '2024-01-02', '2024-01-03'],
          expected: [{ date: '2024-01-02', v: 2 }, { date: '2024-01-03', v: 3 }],
        },
        { name: 'empty when nothing matches', args: [[{ date: '2024-01-01' }], '2024-02-01', '2024-02-02'], expected: [] },
        { name: 'empty input', args: [[], '2024-01-01', '2024-01-31'], expected: [] },
        { name: 'rejects a reversed range', args: [[], '2024-01-31', '2024-01-01'], throws: 'from must not be after to' },
      ],
    },
    {
      module: 'src/lib/dates.js',
      export: 'previousRange',
      cases: [
        { name: 'the week before', args: ['2024-01-08', '2024-01-14'], expected: { from: '2024-01-01', to: '2024-01-07' } },
        { name: 'the day before', args: ['2024-03-01', '2024-03-01'], expected: { from: '2024-02-29', to: '2024-02-29' } },
        { name: 'thirty days before, across a month', args: ['2024-02-01', '2024-03-01'], expected: { from: '2024-01-02', to: '2024-01-31' } },
        { name: 'rejects a reversed range', args: ['2024-01-14', '2024-01-08'], throws: 'from must not be after to' },
      ],
    },
    {
      module: 'src/lib/chart.js',
      export: 'scaleLinear',
      cases: [
        { name: 'maps the middle', args: [5, [0, 10], [0, 100]], expected: 50 },
        { name: 'inverts for SVG y', args: [25, [0, 100], [200, 0]], expected: 150 },
        { name: 'extrapolates outside the domain', args: [20, [0, 10], [0, 100]], expected: 200 },
        { name: 'flat domain maps to the middle of the range', args: [7, [7, 7], [0, 80]], expected: 40 },
      ],
    },
    {
      module: 'src/lib/chart.js',
      export: 'niceTicks',
      cases: [
        { name: 'steps of twenty', args: [0, 95, 5], expected: [0, 20, 40, 60, 80, 100] },
        { name: 'decimal steps without float noise', args: [0.1, 0.35, 5], expected: [0.1, 0.15, 0.2, 0.25, 0.3, 0.35] },
        { name: 'covers negatives', args: [-7, 12, 4], expected: [-10, -5, 0, 5, 10, 15] },
        { name: 'flat data still gets a scale', args: [0, 0, 5], expected: [0, 0.2, 0.4, 0.6, 0.8, 1] },
        { name: 'rejects min above max', args: [5, 1, 4], throws: 'min <= max' },
        { name: 'rejects a zero count', args: [0, 10, 0], throws: 'count must be a positive integer' },
      ],
    },
    {
      module: 'src/lib/chart.js',
      export: 'linePath',
      cases: [
        { name: 'three points across the box', args: [[0, 50, 100], box, [0, 100]], expected: 'M10,90L60,50L110,10' },
        { name: 'a single point is centred', args: [[5], { width: 100, height: 100, padding: 10 }, [0, 10]], expected: 'M50,50' },
        { name: 'rounds to a tenth of a pixel', args: [[1, 2, 3, 4], box, [0, 3]], expected: 'M10,63.3L43.3,36.7L76.7,10L110,-16.7' },
        { name: 'no values, no path', args: [[], box, [0, 1]], expected: '' },
      ],
    },
    {
      module: 'src/lib/chart.js',
      export: 'barRects',
      cases: [
        {
          name: 'two bars from the baseline',
          args: [[10, 20], { width: 100, height: 100, padding: 10 }, 20],
          expected: [
            { x: 14, y: 50, width: 32, height: 40 },
            { x: 54, y: 10, width: 32, height: 80 },
          ],
        },
        { name: 'negative values draw nothing', args: [[-5], box, 10], expected: [{ x: 20, y: 90, width: 80, height: 0 }] },
        { name: 'no values, no bars', args: [[], box, 10], expected: [] },
      ],
    },
    {
      module: 'src/lib/format.js',
      export: 'formatCompact',
      cases: [
        { name: 'small numbers stay plain', args: [950], expected: '950' },
        { name: 'thousands', args: [1234], expected: '1.2K' },
        { name: 'millions', args: [2500000], expected: '2.5M' },
        { name: 'rounding carries into the next unit', args: [999960], expected: '1M' },
        { name: 'negative numbers keep their sign', args: [-1500], expected: '-1.5K' },
        { name: 'zero', args: [0], expected: '0' },
      ],
    },
    {
      module: 'src/lib/format.js',
      export: 'formatPercent',
      cases: [
        { name: 'positive gets a plus sign', args: [12.34], expected: '+12.3%' },
        { name: 'negative', args: [-5], expected: '-5.0%' },
        { name: 'tiny values are unsigned zero', args: [-0.04], expected: '0.0%' },
        { name: 'null is not applicable', args: [null], expected: 'n/a' },
      ],
    },
    {
      module: 'src/lib/format.js',
      export: 'formatMoney',
      cases: [
        { name: 'separators and cents', args: [1234.5], expected: '$1,234.50' },
        { name: 'millions', args: [1234567.891], expected: '$1,234,567.89' },
        { name: 'negative amounts', args: [-42], expected: '-$42.00' },
        { name: 'another symbol', args: [0.5, '€'], expected: '€0.50' },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'charts draw for the default range, then for the last 7 days with one bar a day',
    steps: [
      { expectCount: '#line-chart path.series', count: 1 },
      { expectCount: '#line-chart path.avg', count: 1 },
      { click: '[data-range="7"]' },
      { expectText: '#range-summary', text: '7 days · 2024-02-23 → 2024-02-29' },
      { expectCount: '#bar-chart rect.bar', count: 7 },
      { select: '#metric', value: 'signups' },
      { expectText: '#line-title', text: 'Daily signups' },
    ],
  },
};
