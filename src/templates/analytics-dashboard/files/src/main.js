/** DOM glue: loads data.json, applies the date range and renders KPI cards and SVG charts. */

import { average, bucketSums, growthPercent, movingAverage, sum } from './lib/stats.js';
import { addDays, daysInRange, filterByDateRange, previousRange } from './lib/dates.js';
import { barRects, linePath, niceTicks, scaleLinear } from './lib/chart.js';
import { formatCompact, formatMoney, formatPercent } from './lib/format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const BOX = { width: 640, height: 240, padding: 36 };
const $ = (selector) => document.querySelector(selector);

const state = { days: [], from: '', to: '', currency: '$' };

/** Creates an SVG element with attributes (never style strings, to satisfy the CSP). */
function svgElement(tag, attributes, text) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Draws horizontal grid lines with their labels, returning the y domain they span. */
function drawGrid(svg, values, fromZero) {
  const ticks = niceTicks(fromZero ? 0 : Math.min(...values), Math.max(...values), 4);
  const domain = [ticks[0], ticks[ticks.length - 1]];
  for (const tick of ticks) {
    const y = scaleLinear(tick, domain, [BOX.height - BOX.padding, BOX.padding]);
    svg.append(svgElement('line', { class: 'grid', x1: BOX.padding, x2: BOX.width - BOX.padding, y1: y, y2: y }));
    svg.append(svgElement('text', { class: 'tick', x: BOX.padding - 6, y: y + 4, 'text-anchor': 'end' }, formatCompact(tick)));
  }
  return domain;
}

/** Labels the first and last x positions with their dates. */
function drawDateLabels(svg, first, last) {
  const y = BOX.height - BOX.padding + 18;
  svg.append(svgElement('text', { class: 'tick', x: BOX.padding, y }, first));
  svg.append(svgElement('text', { class: 'tick', x: BOX.width - BOX.padding, y, 'text-anchor': 'end' }, last));
}

function renderLineChart(rows) {
  const svg = $('#line-chart');
  const select = $('#metric');
  const metric = select.value;
  svg.replaceChildren();
  if (rows.length === 0) return;
  const values = rows.map((row) => row[metric]);
  const domain = drawGrid(svg, values, false);
  svg.append(svgElement('path', { class: 'series', d: linePath(values, BOX, domain) }));
  svg.append(svgElement('path', { class: 'avg', d: linePath(movingAverage(values, 7), BOX, domain) }));
  drawDateLabels(svg, rows[0].date, rows[rows.length - 1].date);
  $('#line-title').textContent = `Daily ${select.options[select.selectedIndex].textContent.toLowerCase()}`;
}

function renderBarChart(rows) {
  const svg = $('#bar-chart');
  svg.replaceChildren();
  if (rows.length === 0) return;
  const weekly = rows.length > 14;
  const size = weekly ? 7 : 1;
  const totals = bucketSums(rows.map((row) => row.revenue), size);
  const domain = drawGrid(svg, totals, true);
  barRects(totals, BOX, domain[1]).forEach((rect, i) => {
    const bar = svgElement('rect', { class: 'bar', ...rect, rx: 3 });
    bar.append(svgElement('title', {}, `${rows[i * size].date}: ${formatMoney(totals[i], state.currency)}`));
    svg.append(bar);
  });
  drawDateLabels(svg, rows[0].date, rows[rows.length - 1].date);
  $('#bar-title').textContent = weekly ? 'Revenue per week' : 'Revenue per day';
}

function setKpi(id, value, growth) {
  $(`#${id} .kpi-value`).textContent = value;
  const badge = $(`#${id} .kpi-growth`);
  badge.textContent = `${formatPercent(growth)} vs previous period`;
  badge.classList.toggle('up', growth > 0);
  badge.classList.toggle('down', growth < 0);
}

/** Growth of a total against the previous period, or null when the data does not reach back that far. */
function growthOf(current, previousRows, total) {
  return previousRows.length === current.length ? growthPercent(total(previousRows), total(current)) : null;
}

function renderKpis(rows) {
  const { from, to } = previousRange(state.from, state.to);
  const previous = filterByDateRange(state.days, from, to);
  const totalOf = (key) => (list) => sum(list.map((row) => row[key]));
  const conversion = (list) => (totalOf('visitors')(list) ? (totalOf('signups')(list) / totalOf('visitors')(list)) * 100 : 0);
  setKpi('kpi-visitors', formatCompact(totalOf('visitors')(rows)), growthOf(rows, previous, totalOf('visitors')));
  setKpi('kpi-signups', formatCompact(totalOf('signups')(rows)), growthOf(rows, previous, totalOf('signups')));
  setKpi('kpi-revenue', formatMoney(totalOf('revenue')(rows), state.currency), growthOf(rows, previous, totalOf('revenue')));
  setKpi('kpi-conversion', `${conversion(rows).toFixed(2)}%`, growthOf(rows, previous, conversion));
  const daily = average(rows.map((row) => row.visitors));
  $('#kpi-visitors h2').textContent = `Visitors · ${formatCompact(daily)}/day`;
}

function render() {
  const error = $('#error');
  try {
    const rows = filterByDateRange(state.days, state.from, state.to);
    error.hidden = true;
    $('#range-summary').textContent = `${daysInRange(state.from, state.to)} days · ${state.from} → ${state.to}`;
    renderKpis(rows);
    renderLineChart(rows);
    renderBarChart(rows);
  } catch (failure) {
    error.textContent = failure.message;
    error.hidden = false;
  }
}

function setRange(from, to, preset) {
  Object.assign(state, { from, to });
  $('#from').value = from;
  $('#to').value = to;
  for (const button of document.querySelectorAll('[data-range]')) {
    button.setAttribute('aria-pressed', String(button.dataset.range === preset));
  }
  render();
}

function applyPreset(preset) {
  const first = state.days[0].date;
  const last = state.days[state.days.length - 1].date;
  const from = preset === 'all' ? first : addDays(last, 1 - Number(preset));
  setRange(from < first ? first : from, last, preset);
}

async function start() {
  try {
    const response = await fetch('data.json');
    if (!response.ok) throw new Error(`Could not load data (${response.status})`);
    const data = await response.json();
    state.days = data.days;
    state.currency = data.currency === 'USD' ? '$' : `${data.currency} `;
    $('#title').textContent = data.title;
  } catch (failure) {
    $('#range-summary').textContent = failure.message;
    return;
  }
  for (const input of [$('#from'), $('#to')]) {
    input.min = state.days[0].date;
    input.max = state.days[state.days.length - 1].date;
    input.addEventListener('change', () => {
      if ($('#from').value && $('#to').value) setRange($('#from').value, $('#to').value, null);
    });
  }
  for (const button of document.querySelectorAll('[data-range]')) {
    button.addEventListener('click', () => applyPreset(button.dataset.range));
  }
  $('#metric').addEventListener('change', render);
  applyPreset('30');
}

start();
