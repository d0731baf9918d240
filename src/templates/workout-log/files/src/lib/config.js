// The workout log: its fields, filters, sorts, totals and example sessions, for the shared collection module.
import { totals, validateRecord } from './collection.js';

const T = '2024-01-01T00:00:00.000Z';

export const CONFIG = {
  storageKey: 'workout-log.sets',
  item: 'exercise',
  items: 'exercises',
  accent: '#be123c',
  titleField: 'exercise',
  fields: [
    { name: 'exercise', label: 'Exercise', type: 'text', required: true, max: 80, placeholder: 'Squat' },
    { name: 'date', label: 'Date', type: 'date', required: true },
    { name: 'kind', label: 'Type', type: 'select', options: ['Strength', 'Cardio', 'Mobility', 'Sport'] },
    { name: 'sets', label: 'Sets', type: 'number', min: 1, max: 100, suffix: ' sets' },
    { name: 'reps', label: 'Reps', type: 'number', min: 1, max: 1000, suffix: ' reps' },
    { name: 'weight', label: 'Weight (kg)', type: 'number', min: 0, max: 1000, suffix: ' kg' },
    { name: 'minutes', label: 'Minutes', type: 'number', min: 1, max: 1440, suffix: ' min' },
    { name: 'notes', label: 'Notes', type: 'textarea', max: 1000, rows: 2 },
    { name: 'tags', label: 'Tags', type: 'tags' },
  ],
  summary: ['date', 'kind', 'sets', 'reps', 'weight', 'minutes'],
  filters: ['kind'],
  sorts: [
    { label: 'Latest', field: 'date', direction: 'desc' },
    { label: 'Exercise A–Z', field: 'exercise', direction: 'asc' },
    { label: 'Heaviest', field: 'weight', direction: 'desc' },
  ],
  totals: [
    { kind: 'count', label: 'Entries' },
    { kind: 'sumProduct', fields: ['sets', 'reps', 'weight'], label: 'Volume lifted', suffix: ' kg' },
    { kind: 'sum', field: 'minutes', label: 'Active time', suffix: ' min' },
    { kind: 'countWhere', field: 'kind', value: 'Cardio', label: 'Cardio sessions' },
  ],
  seed: [
    { id: 'seed-1', exercise: 'Back squat', date: '2024-01-08', kind: 'Strength', sets: 5, reps: 5, weight: 80, minutes: null, notes: 'Felt strong.', tags: ['legs'], createdAt: T },
    { id: 'seed-2', exercise: 'Bench press', date: '2024-01-08', kind: 'Strength', sets: 3, reps: 8, weight: 60, minutes: null, notes: '', tags: ['push'], createdAt: T },
    { id: 'seed-3', exercise: 'Easy run', date: '2024-01-09', kind: 'Cardio', sets: null, reps: null, weight: null, minutes: 35, notes: '5.6 km', tags: ['zone-2'], createdAt: T },
  ],
};

/** An entry checked against the workout fields. */
export function validate(input) {
  return validateRecord(CONFIG.fields, input);
}

/** The workout log's totals for these entries. */
export function summarize(records) {
  return totals(records, CONFIG.totals);
}
