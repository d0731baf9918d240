import { collectionMeta } from '../collection/meta';

const M = 'src/lib/config.js';
const T = '2024-01-01T00:00:00.000Z';
const entry = (id: string, kind: string, sets: number | null, reps: number | null, weight: number | null, minutes: number | null) =>
  ({ id, exercise: `Exercise ${id}`, date: '2024-01-08', kind, sets, reps, weight, minutes, notes: '', tags: [], createdAt: T });

export const meta = collectionMeta({
  id: 'workout-log',
  name: 'Workout Log',
  category: 'productivity',
  description:
    'A workout log: exercises by date with type, sets, reps, weight or minutes, notes and tags; search, filter by type or tag, sort by date or weight, and see entries, total volume lifted, active minutes and cardio sessions, kept in the browser.',
  tagline: 'Every set and session, adding up.',
  features: ['exercise-entries', 'sets-reps-weight', 'training-volume', 'active-minutes', 'type-filter'],
  keywords: [
    'workout', 'workouts', 'workout log', 'workout tracker', 'fitness', 'fitness tracker', 'gym', 'gym log', 'exercise', 'training log',
    'lifting', 'weightlifting', 'sets and reps', 'running log', 'strength training', 'exercise journal',
  ],
  item: 'exercise',
  logic: [
    {
      module: M,
      export: 'validate',
      cases: [
        {
          name: 'a strength entry',
          args: [{ exercise: ' Deadlift ', date: '2024-01-10', kind: 'Strength', sets: '3', reps: '5', weight: '100' }],
          expected: { exercise: 'Deadlift', date: '2024-01-10', kind: 'Strength', sets: 3, reps: 5, weight: 100, minutes: null, notes: '', tags: [] },
        },
        { name: 'the date is required', args: [{ exercise: 'Run' }], throws: 'Date is required' },
        { name: 'rejects zero reps', args: [{ exercise: 'Squat', date: '2024-01-10', reps: '0' }], throws: 'Reps must be from 1 to 1000' },
      ],
    },
    {
      module: M,
      export: 'summarize',
      cases: [
        {
          name: 'entries, volume, minutes and cardio',
          args: [[entry('1', 'Strength', 5, 5, 80, null), entry('2', 'Strength', 3, 8, 60, null), entry('3', 'Cardio', null, null, null, 35)]],
          expected: [{ label: 'Entries', value: 3 }, { label: 'Volume lifted', value: 3440 }, { label: 'Active time', value: 35 }, { label: 'Cardio sessions', value: 1 }],
        },
      ],
    },
  ],
  smoke: {
    description: 'log a lift and see the volume lifted grow',
    steps: [
      { expectText: '#totals', text: '3440 kg' },
      { fill: '#field-exercise', value: 'Deadlift' },
      { fill: '#field-date', value: '2024-01-10' },
      { select: '#field-kind', value: 'Strength' },
      { fill: '#field-sets', value: '3' },
      { fill: '#field-reps', value: '5' },
      { fill: '#field-weight', value: '100' },
      { click: '#save' },
      { expectText: '#totals', text: '4940 kg' },
      { expectText: '#records .record:first-child', text: 'Deadlift' },
    ],
  },
});
