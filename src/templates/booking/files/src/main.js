// DOM glue for booking: shows a day's free slots from /api, books one, keeps this device's bookings (with their codes) to cancel.
import { isDate, nextOpenDay, validateBooking } from './lib/booking.js';

const MINE_KEY = 'booking.mine';
const $ = (selector) => document.querySelector(selector);

let chosen = null;
let mine = loadMine();

function loadMine() {
  try {
    const data = JSON.parse(localStorage.getItem(MINE_KEY));
    return Array.isArray(data) ? data.filter((b) => b && typeof b.id === 'string' && typeof b.code === 'string') : [];
  } catch {
    return [];
  }
}

function saveMine() {
  try {
    localStorage.setItem(MINE_KEY, JSON.stringify(mine));
  } catch {
    // storage full or blocked: the booking stands, only this list is lost
  }
}

function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

async function api(path, init) {
  const response = await fetch(path, init);
  if (response.status === 204) return null;
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `Request failed (${response.status})`);
  return body;
}

function setStatus(text, kind = '') {
  $('#form-status').textContent = text;
  $('#form-status').className = `status ${kind}`;
}

async function loadSlots() {
  const date = $('#date').value;
  chosen = null;
  $('#chosen').textContent = 'No time chosen yet.';
  if (!isDate(date)) return;
  try {
    const { slots, closed } = await api(`/api/slots?date=${date}`);
    $('#slots').replaceChildren(...slots.map((slot) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.time = slot.time;
      button.textContent = slot.time;
      button.disabled = !slot.available;
      button.setAttribute('aria-pressed', 'false');
      if (!slot.available) button.setAttribute('aria-label', `${slot.time} (taken)`);
      return button;
    }));
    const free = slots.filter((slot) => slot.available).length;
    $('#slots-note').textContent = closed ? 'Closed that day. Pick a weekday.' : `${free} of ${slots.length} times free.`;
  } catch (error) {
    $('#slots-note').textContent = `Could not load times: ${error.message}`;
  }
}

function renderMine() {
  $('#mine').replaceChildren(...(mine.length ? mine.map((booking) => {
    const item = document.createElement('li');
    item.dataset.id = booking.id;
    const text = document.createElement('span');
    text.textContent = `${booking.date} at ${booking.time} · ${booking.name} · code ${booking.code}`;
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'link';
    cancel.dataset.action = 'cancel';
    cancel.textContent = 'Cancel';
    item.append(text, cancel);
    return item;
  }) : [Object.assign(document.createElement('li'), { className: 'muted', textContent: 'None yet.' })]));
}

$('#slots').addEventListener('click', (event) => {
  const button = event.target.closest('[data-time]');
  if (!button || button.disabled) return;
  chosen = button.dataset.time;
  for (const other of document.querySelectorAll('#slots button')) other.setAttribute('aria-pressed', String(other === button));
  $('#chosen').textContent = `${$('#date').value} at ${chosen}`;
  $('#name').focus();
});

$('#booking-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  let fields;
  try {
    if (!chosen) throw new Error('pick a time first');
    fields = validateBooking({ date: $('#date').value, time: chosen, name: $('#name').value, email: $('#email').value, note: $('#note').value });
  } catch (error) {
    setStatus(error.message[0].toUpperCase() + error.message.slice(1) + '.', 'error');
    return;
  }
  setStatus('Booking…');
  try {
    const { booking } = await api('/api/bookings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
    mine = [...mine, { id: booking.id, date: booking.date, time: booking.time, name: booking.name, code: booking.code }];
    saveMine();
    renderMine();
    setStatus('');
    $('#confirmation').hidden = false;
    $('#confirm-text').textContent = `Booked ${booking.date} at ${booking.time} for ${booking.name}. Your cancellation code is ${booking.code}.`;
    $('#note').value = '';
    await loadSlots();
  } catch (error) {
    setStatus(`Could not book: ${error.message}`, 'error');
    await loadSlots();
  }
});

$('#mine').addEventListener('click', async (event) => {
  const button = event.target.closest('[data-action="cancel"]');
  if (!button) return;
  const booking = mine.find((b) => b.id === button.closest('li').dataset.id);
  try {
    await api(`/api/bookings/${booking.id}?code=${encodeURIComponent(booking.code)}`, { method: 'DELETE' });
  } catch (error) {
    // Already gone on the server: drop it here too; anything else is shown.
    if (!/not found/.test(error.message)) return setStatus(`Could not cancel: ${error.message}`, 'error');
  }
  mine = mine.filter((b) => b.id !== booking.id);
  saveMine();
  renderMine();
  setStatus(`Cancelled ${booking.date} at ${booking.time}.`, 'ok');
  await loadSlots();
});

$('#date').min = today();
$('#date').value = nextOpenDay(today());
$('#date').addEventListener('change', loadSlots);
renderMine();
loadSlots();
