import type { TemplateMeta } from '../types';

const M = 'src/lib/rsvp.js';
const ada = { name: 'Ada', email: 'ada@example.com', answer: 'yes', guests: 1, note: '' };
const bo = { name: 'bo', email: 'bo@example.com', answer: 'maybe', guests: 0, note: '' };
const cy = { name: 'Cy', email: 'cy@example.com', answer: 'no', guests: 0, note: 'Away' };

export const meta: TemplateMeta = {
  id: 'rsvp-event',
  name: 'RSVP Event Page',
  category: 'social',
  description:
    'An event invitation page with RSVPs: the event\'s time, place, dress code and hosts with a live countdown and an add-to-calendar file; guests answer yes, maybe or no with plus-ones, answering again updates their RSVP, and everyone sees the headcount and guest list; a Worker API keeps answers in the DATA store.',
  tagline: 'Join us. Let us know if you can make it.',
  features: ['event-details', 'countdown', 'add-to-calendar', 'rsvp', 'plus-ones', 'update-answer', 'headcount', 'guest-list', 'persist-server'],
  techStack: ['html', 'css', 'javascript', 'workers', 'durable-objects'],
  keywords: [
    'rsvp', 'event', 'event page', 'invitation', 'invite', 'party', 'wedding', 'birthday', 'guest list', 'attendees', 'meetup',
    'registration', 'sign up', 'reunion', 'dinner party', 'save the date',
  ],
  steps: [
    {
      title: 'RSVP rules',
      description: 'A pure module shared by page and worker: RSVP validation, one key per email, the headcount, the public guest list, the countdown text and the calendar file.',
      files: ['src/lib/rsvp.js'],
      dependsOn: [],
      features: ['rsvp', 'plus-ones', 'headcount', 'guest-list', 'countdown', 'add-to-calendar'],
    },
    {
      title: 'Event details',
      description: 'src/event.js: when and where the event is, the dress code and the hosts.',
      files: ['src/event.js'],
      dependsOn: [],
      features: ['event-details'],
    },
    {
      title: 'RSVP API',
      description: 'worker.js: GET /api/rsvps (headcount and names only) and POST /api/rsvps (201 first answer, 200 update), GET /api/health, JSON errors.',
      files: ['worker.js'],
      dependsOn: ['RSVP rules'],
      features: ['rsvp', 'update-answer', 'headcount', 'guest-list', 'persist-server'],
    },
    {
      title: 'Page and styles',
      description: 'The invitation: hero with countdown, details, the RSVP form and who is coming.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['event-details', 'countdown', 'rsvp', 'guest-list'],
    },
    {
      title: 'Front-end wiring',
      description: 'src/main.js renders the details and countdown, offers the calendar file, sends RSVPs and shows the guest list.',
      files: ['src/main.js'],
      dependsOn: ['RSVP rules', 'Event details', 'RSVP API', 'Page and styles'],
      features: ['event-details', 'countdown', 'add-to-calendar', 'rsvp', 'plus-ones', 'update-answer', 'headcount', 'guest-list'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'validateRsvp',
      cases: [
        { name: 'trims and lowercases', args: [{ name: ' Ada ', email: ' Ada@Example.com ', answer: 'yes', guests: 1 }], expected: ada },
        { name: 'a no brings nobody', args: [{ name: 'Cy', email: 'cy@example.com', answer: 'no', guests: 3, note: ' Away ' }], expected: cy },
        { name: 'rejects an unknown answer', args: [{ name: 'Ada', email: 'ada@example.com', answer: 'perhaps' }], throws: 'answer must be yes, maybe or no' },
        { name: 'rejects six plus-ones', args: [{ name: 'Ada', email: 'ada@example.com', answer: 'yes', guests: 6 }], throws: 'guests must be a whole number from 0 to 5' },
        { name: 'rejects a bad email', args: [{ name: 'Ada', email: 'ada', answer: 'yes' }], throws: 'email must be a valid address' },
      ],
    },
    {
      module: M,
      export: 'rsvpKey',
      cases: [{ name: 'one per email, any case', args: [' Ada@Example.com'], expected: 'rsvp:ada@example.com' }],
    },
    {
      module: M,
      export: 'headcount',
      cases: [
        { name: 'answers and people attending with plus-ones', args: [[ada, bo, cy]], expected: { yes: 1, maybe: 1, no: 1, attending: 2 } },
        { name: 'nobody yet', args: [[]], expected: { yes: 0, maybe: 0, no: 0, attending: 0 } },
      ],
    },
    {
      module: M,
      export: 'guestList',
      cases: [{ name: 'names of yes and maybe, A to Z, nothing private', args: [[cy, bo, ada]], expected: [{ name: 'Ada', answer: 'yes', guests: 1 }, { name: 'bo', answer: 'maybe', guests: 0 }] }],
    },
    {
      module: M,
      export: 'timeUntil',
      cases: [
        { name: 'days and hours', args: ['2024-05-10T18:00:00Z', '2024-05-07T15:30:00Z'], expected: '3 days, 2 hours' },
        { name: 'hours and minutes', args: ['2024-05-10T18:00:00Z', '2024-05-10T16:59:00Z'], expected: '1 hour, 1 minute' },
        { name: 'minutes', args: ['2024-05-10T18:00:00Z', '2024-05-10T17:45:00Z'], expected: '15 minutes' },
        { name: 'started', args: ['2024-05-10T18:00:00Z', '2024-05-10T18:00:00Z'], expected: 'It has started' },
        { name: 'rejects garbage', args: ['soon', '2024-05-10T18:00:00Z'], throws: 'invalid time' },
      ],
    },
    {
      module: M,
      export: 'icsFile',
      cases: [
        {
          name: 'a calendar event in UTC with escaped text',
          args: [{ startsAt: '2027-06-12T17:00:00Z', endsAt: '2027-06-12T22:00:00Z', venue: 'The Garden Room', address: '12 Orchard Lane' }, 'Party; bring snacks'],
          expected: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rsvp-event//EN\r\nBEGIN:VEVENT\r\nUID:20270612T170000Z-rsvp-event\r\nDTSTAMP:20270612T170000Z\r\nDTSTART:20270612T170000Z\r\nDTEND:20270612T220000Z\r\nSUMMARY:Party\\; bring snacks\r\nLOCATION:The Garden Room\\, 12 Orchard Lane\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
        },
      ],
    },
  ],
  routes: [
    { name: 'health answers ok', method: 'GET', path: '/api/health', status: 200, json: { status: 'ok' } },
    { name: 'nobody has answered yet', method: 'GET', path: '/api/rsvps', status: 200, json: { headcount: { yes: 0, maybe: 0, no: 0, attending: 0 }, guests: [] } },
    {
      name: 'a first answer is a 201 without the email',
      method: 'POST',
      path: '/api/rsvps',
      body: { name: 'Ada', email: 'ada@example.com', answer: 'yes', guests: 2 },
      status: 201,
      json: { rsvp: { name: 'Ada', answer: 'yes', guests: 2 }, updated: false, headcount: { yes: 1, attending: 3 } },
    },
    { name: 'a maybe', method: 'POST', path: '/api/rsvps', body: { name: 'Bo', email: 'bo@example.com', answer: 'maybe' }, status: 201, json: { headcount: { yes: 1, maybe: 1, attending: 3 } } },
    {
      name: 'answering again with the same email updates (200)',
      method: 'POST',
      path: '/api/rsvps',
      body: { name: 'Ada', email: 'ADA@example.com', answer: 'yes', guests: 0 },
      status: 200,
      json: { updated: true, headcount: { yes: 1, maybe: 1, attending: 1 } },
    },
    { name: 'the guest list has names only', method: 'GET', path: '/api/rsvps', status: 200, json: { guests: [{ name: 'Ada', answer: 'yes', guests: 0 }, { name: 'Bo', answer: 'maybe', guests: 0 }] } },
    { name: 'an unknown answer is a 400', method: 'POST', path: '/api/rsvps', body: { name: 'Cy', email: 'cy@example.com', answer: 'perhaps' }, status: 400, json: { error: 'answer must be yes, maybe or no' } },
    { name: 'a body that is not JSON is a 400', method: 'POST', path: '/api/rsvps', body: 'yes', status: 400, json: { error: 'body must be a JSON object' } },
    { name: 'deleting is not allowed', method: 'DELETE', path: '/api/rsvps', status: 405, json: { error: 'method not allowed' } },
    { name: 'an unknown path is a 404', method: 'GET', path: '/api/guests', status: 404, json: { error: 'not found' } },
  ],
  smoke: {
    description: 'RSVP yes with a plus-one and see the headcount from its /api',
    steps: [
      { expectText: '#where', text: 'The Garden Room' },
      { fill: '#name', value: 'Smoke Tester' },
      { fill: '#email', value: 'smoke@example.com' },
      { select: '#guests', value: '1' },
      { click: '#rsvp-form button[type="submit"]' },
      { expectText: '#form-status', text: 'See you there, Smoke Tester!' },
      { expectText: '#headcount', text: '2 attending' },
      { expectText: '#guest-list', text: 'Smoke Tester +1' },
    ],
  },
};
