// DOM glue for the event page: shows the details and a countdown, sends RSVPs to /api and shows who is coming.
import { EVENT } from './event.js';
import { icsFile, timeUntil, validateRsvp } from './lib/rsvp.js';

const $ = (selector) => document.querySelector(selector);
const title = document.querySelector('h1').textContent;

function setStatus(text, kind = '') {
  $('#form-status').textContent = text;
  $('#form-status').className = `status ${kind}`;
}

function renderGuests({ headcount, guests }) {
  $('#headcount').textContent = `${headcount.attending} attending · ${headcount.maybe} maybe · ${headcount.no} can't come`;
  $('#guest-list').replaceChildren(...(guests.length ? guests.map((guest) => {
    const item = document.createElement('li');
    item.dataset.answer = guest.answer;
    item.textContent = `${guest.name}${guest.guests ? ` +${guest.guests}` : ''}${guest.answer === 'maybe' ? ' (maybe)' : ''}`;
    return item;
  }) : [Object.assign(document.createElement('li'), { className: 'muted', textContent: 'No answers yet. Be the first!' })]));
}

async function loadGuests() {
  try {
    const response = await fetch('/api/rsvps');
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
    renderGuests(body);
  } catch (error) {
    $('#headcount').textContent = `Could not load the guest list: ${error.message}`;
  }
}

function renderDetails() {
  const start = new Date(EVENT.startsAt);
  const end = new Date(EVENT.endsAt);
  $('#when').textContent = `${start.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}, ${start.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}–${end.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  $('#where').textContent = `${EVENT.venue}, ${EVENT.address}`;
  $('#dress').textContent = EVENT.dressCode;
  $('#host').textContent = EVENT.host;
  $('#calendar').href = URL.createObjectURL(new Blob([icsFile(EVENT, title)], { type: 'text/calendar' }));
  const tick = () => {
    $('#countdown').textContent = timeUntil(EVENT.startsAt, new Date().toISOString()).replace(/^(\d)/, 'In $1');
  };
  tick();
  setInterval(tick, 30_000);
}

$('#rsvp-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  let fields;
  try {
    fields = validateRsvp({
      name: $('#name').value,
      email: $('#email').value,
      answer: document.querySelector('input[name="answer"]:checked').value,
      guests: Number($('#guests').value),
      note: $('#note').value,
    });
  } catch (error) {
    setStatus(error.message[0].toUpperCase() + error.message.slice(1) + '.', 'error');
    return;
  }
  const button = event.currentTarget.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const response = await fetch('/api/rsvps', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
    const thanks = { yes: 'See you there', maybe: 'Hope you can make it', no: "Sorry you can't come" }[fields.answer];
    setStatus(`${body.updated ? 'Answer updated. ' : ''}${thanks}, ${body.rsvp.name}!`, 'ok');
    renderGuests(body);
  } catch (error) {
    setStatus(`Could not send: ${error.message}`, 'error');
  } finally {
    button.disabled = false;
  }
});

document.querySelector('.answers').addEventListener('change', () => {
  $('#guests').disabled = document.querySelector('input[name="answer"]:checked').value === 'no';
});

renderDetails();
loadGuests();
