import type { TemplateMeta } from '../types';

const M = 'src/lib/booking.js';
const day = '2099-01-05'; // a Monday
const monday = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'];
const ada = { date: day, time: '09:30', name: 'Ada Lovelace', email: 'ada@example.com', note: '' };

export const meta: TemplateMeta = {
  id: 'booking',
  name: 'Appointment Booking',
  category: 'commerce',
  description:
    'Appointment booking for a small business: visitors pick a weekday, see the free 30-minute slots, book with name and email and get a cancellation code; a Worker API keeps bookings in the DATA store, refuses double bookings and past slots, and never shows who booked.',
  features: ['opening-hours', 'free-slots', 'book-slot', 'no-double-booking', 'cancel-with-code', 'my-bookings', 'persist-server'],
  techStack: ['html', 'css', 'javascript', 'workers', 'durable-objects'],
  keywords: [
    'booking', 'bookings', 'appointment', 'appointments', 'scheduling', 'scheduler', 'calendly', 'reservation', 'reservations',
    'book a slot', 'time slots', 'salon', 'barber', 'clinic', 'consultation', 'meeting booking', 'availability',
  ],
  steps: [
    {
      title: 'Booking rules',
      description: 'A pure module shared by page and worker: the schedule, slots of a day, the next open day, past slots, booking validation, ids and storage keys.',
      files: ['src/lib/booking.js'],
      dependsOn: [],
      features: ['opening-hours', 'free-slots', 'book-slot'],
    },
    {
      title: 'Booking API',
      description: 'worker.js: GET /api/slots?date= (availability only), POST /api/bookings (409 when taken, 400 when past), DELETE /api/bookings/{id}?code=, GET /api/health.',
      files: ['worker.js'],
      dependsOn: ['Booking rules'],
      features: ['free-slots', 'book-slot', 'no-double-booking', 'cancel-with-code', 'persist-server'],
    },
    {
      title: 'Page and styles',
      description: 'The page: a day picker and slot grid, the details form, a confirmation and this device\'s bookings.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['free-slots', 'book-slot', 'my-bookings'],
    },
    {
      title: 'Front-end wiring',
      description: 'src/main.js loads slots for the chosen day, books the chosen slot, shows the code and cancels bookings kept in localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Booking rules', 'Booking API', 'Page and styles'],
      features: ['free-slots', 'book-slot', 'cancel-with-code', 'my-bookings'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'isDate',
      cases: [
        { name: 'a real day', args: ['2099-01-05'], expected: true },
        { name: 'a day that does not exist', args: ['2099-02-30'], expected: false },
        { name: 'another format', args: ['05/01/2099'], expected: false },
      ],
    },
    {
      module: M,
      export: 'daySlots',
      cases: [
        { name: 'a weekday has sixteen half hours', args: [day], expected: monday },
        { name: 'closed on Sunday', args: ['2099-01-04'], expected: [] },
        { name: 'another schedule', args: [day, { days: [1], open: '10:00', close: '12:00', slotMinutes: 45 }], expected: ['10:00', '10:45'] },
        { name: 'rejects a bad date', args: ['tomorrow'], throws: 'date must be YYYY-MM-DD' },
      ],
    },
    {
      module: M,
      export: 'isPast',
      cases: [
        { name: 'earlier the same day', args: [day, '09:00', '2099-01-05T10:15:00.000Z'], expected: true },
        { name: 'later the same day', args: [day, '11:00', '2099-01-05T10:15:00.000Z'], expected: false },
        { name: 'a slot starting now has begun', args: [day, '10:15', '2099-01-05T10:15:30.000Z'], expected: true },
      ],
    },
    {
      module: M,
      export: 'nextOpenDay',
      cases: [
        { name: 'Friday to Monday', args: ['2099-01-02'], expected: '2099-01-05' },
        { name: 'Monday to Tuesday', args: ['2099-01-05'], expected: '2099-01-06' },
      ],
    },
    {
      module: M,
      export: 'validateBooking',
      cases: [
        { name: 'trims the name and lowercases the email', args: [{ date: day, time: '09:30', name: '  Ada  Lovelace ', email: ' Ada@Example.com ' }], expected: ada },
        { name: 'rejects a time off the schedule', args: [{ ...ada, time: '09:15' }], throws: 'that time is not a bookable slot' },
        { name: 'rejects a closed day', args: [{ ...ada, date: '2099-01-04' }], throws: 'that time is not a bookable slot' },
        { name: 'rejects a bad email', args: [{ ...ada, email: 'ada@' }], throws: 'email must be a valid address' },
        { name: 'rejects a missing name', args: [{ ...ada, name: ' ' }], throws: 'name must be 1-80 characters' },
      ],
    },
    {
      module: M,
      export: 'bookingId',
      cases: [{ name: 'date and time', args: [day, '09:30'], expected: '2099-01-05-0930' }],
    },
    {
      module: M,
      export: 'parseBookingId',
      cases: [
        { name: 'back to date and time', args: ['2099-01-05-0930'], expected: { date: day, time: '09:30' } },
        { name: 'rejects garbage', args: ['../admin'], throws: 'booking id must look like 2099-01-05-0930' },
      ],
    },
    {
      module: M,
      export: 'bookingKey',
      cases: [{ name: 'grouped by day', args: [day, '09:30'], expected: 'booking:2099-01-05:09:30' }],
    },
  ],
  routes: [
    { name: 'health answers ok', method: 'GET', path: '/api/health', status: 200, json: { status: 'ok' } },
    { name: 'every slot of a weekday is free at first', method: 'GET', path: `/api/slots?date=${day}`, status: 200, json: { date: day, closed: false, slots: monday.map((time) => ({ time, available: true })) } },
    { name: 'a Sunday is closed', method: 'GET', path: '/api/slots?date=2099-01-04', status: 200, json: { closed: true, slots: [] } },
    { name: 'a bad date is a 400', method: 'GET', path: '/api/slots?date=someday', status: 400, json: { error: 'date must be YYYY-MM-DD' } },
    {
      name: 'booking a slot answers 201 without the email',
      method: 'POST',
      path: '/api/bookings',
      body: { date: day, time: '09:30', name: 'Ada Lovelace', email: 'ada@example.com' },
      status: 201,
      json: { booking: { id: '2099-01-05-0930', date: day, time: '09:30', name: 'Ada Lovelace' } },
    },
    { name: 'the same slot again is a 409', method: 'POST', path: '/api/bookings', body: { date: day, time: '09:30', name: 'Bo', email: 'bo@example.com' }, status: 409, json: { error: 'that slot is already booked' } },
    {
      name: 'the booked slot is no longer free',
      method: 'GET',
      path: `/api/slots?date=${day}`,
      status: 200,
      json: { slots: monday.map((time) => ({ time, available: time !== '09:30' })) },
    },
    { name: 'a slot in the past is a 400', method: 'POST', path: '/api/bookings', body: { date: '2001-01-01', time: '09:00', name: 'Bo', email: 'bo@example.com' }, status: 400, json: { error: 'that slot is in the past' } },
    { name: 'a time off the schedule is a 400', method: 'POST', path: '/api/bookings', body: { date: day, time: '20:00', name: 'Bo', email: 'bo@example.com' }, status: 400, json: { error: 'that time is not a bookable slot' } },
    { name: 'cancelling with a wrong code is a 403', method: 'DELETE', path: '/api/bookings/2099-01-05-0930?code=WRONG', status: 403, json: { error: 'the code does not match this booking' } },
    { name: 'cancelling an unknown booking is a 404', method: 'DELETE', path: '/api/bookings/2099-01-05-1000?code=X', status: 404, json: { error: 'booking not found' } },
    { name: 'listing bookings is not allowed', method: 'GET', path: '/api/bookings', status: 405, json: { error: 'method not allowed' } },
  ],
  smoke: {
    description: 'book the first slot of the next open day and see it taken',
    steps: [
      { click: '#slots [data-time="09:00"]' },
      { fill: '#name', value: 'Smoke Tester' },
      { fill: '#email', value: 'smoke@example.com' },
      { click: '#booking-form button[type="submit"]' },
      { expectText: '#confirm-text', text: 'for Smoke Tester' },
      { expectCount: '#slots [data-time="09:00"][disabled]', count: 1 },
      { expectText: '#mine', text: 'Smoke Tester' },
    ],
  },
};
