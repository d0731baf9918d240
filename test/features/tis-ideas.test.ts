// TIS's calibration table: how often the matcher names the template an idea needs, or says that
// none fits, on the tuning half and on the held-out half of test/features/tis-ideas.ts.
import { describe, expect, it } from 'vitest';
import { matchTemplate } from '../../src/features/tis/matcher';
import { findTemplate } from '../../src/templates/catalog';
import { HELD_OUT, IDEAS, TUNING } from './tis-ideas';
import type { Idea } from './tis-ideas';

/** What TIS answers for an idea: the best template when it fits, `none` when no template does. */
function answerFor([, idea, features]: Idea): string {
  const { best, fits } = matchTemplate({ description: idea, features });
  return fits ? best.template.id : 'none';
}

/** The hit rate of a half, with every wrong answer printed; ideas whose template is not in the catalog yet are listed apart. */
function evaluate(name: string, ideas: Idea[]) {
  const pending = ideas.filter(([expected]) => expected !== 'none' && !findTemplate(expected));
  const judged = ideas.filter((idea) => !pending.includes(idea));
  const wrong = judged.filter((idea) => answerFor(idea) !== idea[0]);
  const rate = (judged.length - wrong.length) / judged.length;
  console.log(`TIS ${name}: ${judged.length - wrong.length}/${judged.length} (${(rate * 100).toFixed(1)}%)`);
  for (const idea of wrong) {
    const { best } = matchTemplate({ description: idea[1], features: idea[2] });
    console.log(`  wrong: "${idea[1]}" → ${answerFor(idea)} (best ${best.template.id} ${best.score}${best.core ? '' : ', not its core'}), expected ${idea[0]}`);
  }
  if (pending.length > 0) console.log(`  not judged, template not in the catalog: ${[...new Set(pending.map(([id]) => id))].join(', ')}`);
  return rate;
}

describe('TIS calibration table', () => {
  it('has at least 120 ideas, some of which no template fits', () => {
    expect(IDEAS.length).toBeGreaterThanOrEqual(120);
    expect(IDEAS.filter(([expected]) => expected === 'none').length).toBeGreaterThanOrEqual(10);
  });

  it('answers at least 95% of the held-out ideas right, and reports the tuning half', () => {
    evaluate('tuning half', TUNING);
    expect(evaluate('held-out half', HELD_OUT)).toBeGreaterThanOrEqual(0.95);
  });

  it('never answers the analytics dashboard for a pomodoro timer', () => {
    for (const idea of ['a pomodoro timer', 'a pomodoro timer with stats', 'pomodoro focus timer with daily statistics and charts']) {
      expect(matchTemplate({ description: idea }).best.template.id).not.toBe('analytics-dashboard');
    }
  });

  it('matches "Multiplayer tic-tac-toe" to tic-tac-toe', () => {
    expect(answerFor(['tic-tac-toe', 'Multiplayer tic-tac-toe'])).toBe('tic-tac-toe');
  });
});
