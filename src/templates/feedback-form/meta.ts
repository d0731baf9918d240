import type { TemplateMeta } from '../types';

const M = 'src/lib/survey.js';
const Q = [
  { id: 'rating', type: 'rating', label: 'Rate us', required: true },
  { id: 'recommend', type: 'choice', label: 'Recommend?', options: ['Yes', 'No'], required: true },
  { id: 'comment', type: 'text', label: 'Comment', required: false },
];

export const meta: TemplateMeta = {
  id: 'feedback-form',
  name: 'Feedback Form',
  category: 'marketing',
  description:
    'A feedback form and short survey: star rating, multiple-choice and open questions defined in one file, answers checked and stored by a Worker API in the DATA store, and live results with the average rating, counts per option and the latest comments.',
  tagline: 'Tell us how we are doing. It takes a minute.',
  features: ['survey-questions', 'star-rating', 'multiple-choice', 'open-comments', 'validation', 'results-summary', 'persist-server'],
  techStack: ['html', 'css', 'javascript', 'workers', 'durable-objects'],
  keywords: [
    'feedback', 'feedback form', 'survey', 'questionnaire', 'form', 'customer feedback', 'satisfaction survey', 'nps', 'rating',
    'reviews', 'customer survey', 'typeform', 'google forms', 'suggestion box', 'user research',
  ],
  steps: [
    {
      title: 'Survey rules',
      description: 'A pure module shared by page and worker: answers checked against the questions, newest-first storage keys and the results summary.',
      files: [M],
      dependsOn: [],
      features: ['validation', 'results-summary'],
    },
    {
      title: 'Questions',
      description: 'src/questions.js: the questions, their types and options.',
      files: ['src/questions.js'],
      dependsOn: [],
      features: ['survey-questions', 'star-rating', 'multiple-choice', 'open-comments'],
    },
    {
      title: 'Feedback API',
      description: 'worker.js: POST /api/responses (201, 400 with the question at fault), GET /api/results, GET /api/questions, GET /api/health.',
      files: ['worker.js'],
      dependsOn: ['Survey rules', 'Questions'],
      features: ['validation', 'results-summary', 'persist-server'],
    },
    {
      title: 'Page and styles',
      description: 'The page: the survey form and the results with bars and comments.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['survey-questions', 'results-summary'],
    },
    {
      title: 'Front-end wiring',
      description: 'src/main.js builds the form from the questions, checks and sends answers, and renders the results.',
      files: ['src/main.js'],
      dependsOn: ['Survey rules', 'Questions', 'Feedback API', 'Page and styles'],
      features: ['survey-questions', 'star-rating', 'multiple-choice', 'open-comments', 'results-summary'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'validateResponse',
      cases: [
        { name: 'keeps the known answers, trims text', args: [Q, { rating: 4, recommend: 'Yes', comment: ' Faster please ', extra: 1 }], expected: { rating: 4, recommend: 'Yes', comment: 'Faster please' } },
        { name: 'optional answers may be missing', args: [Q, { rating: 5, recommend: 'No' }], expected: { rating: 5, recommend: 'No', comment: null } },
        { name: 'rejects a missing required answer', args: [Q, { recommend: 'Yes' }], throws: 'rating is required' },
        { name: 'rejects a rating of 6', args: [Q, { rating: 6, recommend: 'Yes' }], throws: 'rating must be a whole number from 1 to 5' },
        { name: 'rejects an unknown option', args: [Q, { rating: 3, recommend: 'Perhaps' }], throws: 'recommend must be one of: Yes, No' },
      ],
    },
    {
      module: M,
      export: 'responseKey',
      cases: [
        { name: 'the first response', args: [1], expected: 'response:999999999998' },
        { name: 'rejects zero', args: [0], throws: 'sequence must be a positive integer' },
      ],
    },
    {
      module: M,
      export: 'summarize',
      cases: [
        {
          name: 'average and spread, option counts, latest comments',
          args: [Q, [{ rating: 5, recommend: 'Yes', comment: 'Great' }, { rating: 4, recommend: 'Yes', comment: null }, { rating: 2, recommend: 'No', comment: 'Slow' }]],
          expected: {
            responses: 3,
            questions: [
              { id: 'rating', type: 'rating', count: 3, average: 3.7, spread: [0, 1, 0, 1, 1] },
              { id: 'recommend', type: 'choice', count: 3, options: [{ option: 'Yes', count: 2 }, { option: 'No', count: 1 }] },
              { id: 'comment', type: 'text', count: 2, latest: ['Great', 'Slow'] },
            ],
          },
        },
        {
          name: 'no responses',
          args: [Q, []],
          expected: { responses: 0, questions: [{ id: 'rating', type: 'rating', count: 0, average: null, spread: [0, 0, 0, 0, 0] }, { id: 'recommend', type: 'choice', count: 0, options: [{ option: 'Yes', count: 0 }, { option: 'No', count: 0 }] }, { id: 'comment', type: 'text', count: 0, latest: [] }] },
        },
      ],
    },
  ],
  routes: [
    { name: 'health answers ok', method: 'GET', path: '/api/health', status: 200, json: { status: 'ok' } },
    { name: 'the questions', method: 'GET', path: '/api/questions', status: 200, json: { questions: [{ id: 'rating' }, { id: 'recommend' }, { id: 'source' }, { id: 'comment' }] } },
    { name: 'no responses yet', method: 'GET', path: '/api/results', status: 200, json: { responses: 0 } },
    { name: 'a response is a 201', method: 'POST', path: '/api/responses', body: { rating: 5, recommend: 'Yes', comment: 'Lovely' }, status: 201, json: { thanks: true, number: 1 } },
    { name: 'another response', method: 'POST', path: '/api/responses', body: { rating: 2, recommend: 'No', source: 'Search' }, status: 201, json: { number: 2 } },
    {
      name: 'the results sum them up',
      method: 'GET',
      path: '/api/results',
      status: 200,
      json: {
        responses: 2,
        questions: [
          { id: 'rating', average: 3.5, spread: [0, 1, 0, 0, 1] },
          { id: 'recommend', options: [{ option: 'Yes', count: 1 }, { option: 'Maybe', count: 0 }, { option: 'No', count: 1 }] },
          { id: 'source', count: 1 },
          { id: 'comment', latest: ['Lovely'] },
        ],
      },
    },
    { name: 'a missing rating is a 400', method: 'POST', path: '/api/responses', body: { recommend: 'Yes' }, status: 400, json: { error: 'rating is required' } },
    { name: 'an unknown option is a 400', method: 'POST', path: '/api/responses', body: { rating: 3, recommend: 'Never' }, status: 400, json: { error: 'recommend must be one of: Yes, Maybe, No' } },
    { name: 'listing responses is not allowed', method: 'GET', path: '/api/responses', status: 405, json: { error: 'method not allowed' } },
    { name: 'an unknown path is a 404', method: 'GET', path: '/api/answers', status: 404, json: { error: 'not found' } },
  ],
  smoke: {
    description: 'answer the survey and see the result counted from its /api',
    steps: [
      { click: '.question.rating .option:nth-of-type(4) input' },
      { click: '[name="recommend"][value="Yes"]' },
      { fill: '[name="comment"]', value: 'More colours please' },
      { click: '#survey button[type="submit"]' },
      { expectText: '#status', text: 'Thank you for your feedback!' },
      { expectText: '#response-count', text: '(1)' },
      { expectText: '#results', text: 'More colours please' },
      { expectText: '#results', text: '4 / 5 average from 1' },
    ],
  },
};
