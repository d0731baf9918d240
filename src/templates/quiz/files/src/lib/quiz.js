// Quiz rules: checked questions, a repeatable shuffled order, answers, score and verdict, without side effects.

/** A checked question: a prompt, 2-6 distinct choices and the index of the right one. */
export function validateQuestion(input) {
  const prompt = String(input?.prompt ?? '').trim().replace(/\s+/g, ' ');
  if (!prompt) throw new Error('The question needs a prompt');
  if (prompt.length > 200) throw new Error('The prompt must be at most 200 characters');
  const choices = (Array.isArray(input.choices) ? input.choices : []).map((choice) => String(choice ?? '').trim()).filter(Boolean);
  if (choices.length < 2 || choices.length > 6) throw new Error('A question needs 2 to 6 choices');
  if (new Set(choices.map((choice) => choice.toLowerCase())).size !== choices.length) throw new Error('Choices must differ');
  const answer = Number(input.answer);
  if (!Number.isInteger(answer) || answer < 0 || answer >= choices.length) throw new Error('Mark which choice is right');
  return { prompt, choices, answer };
}

/**
 * The order to ask `count` questions in: shuffled by a seed (Fisher-Yates over a small LCG), so the
 * same seed gives the same quiz; seed 0 keeps the written order. quizOrder(3, 0) → [0, 1, 2].
 */
export function quizOrder(count, seed) {
  const order = Array.from({ length: count }, (_, index) => index);
  if (seed === 0) return order;
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = count - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** A quiz about to start: startQuiz([2, 0, 1]) → { order: [2, 0, 1], answers: [] }. */
export function startQuiz(order) {
  return { order: [...order], answers: [] };
}

/** The question index now asked, or null when every question is answered. */
export function currentQuestion(state) {
  return state.answers.length < state.order.length ? state.order[state.answers.length] : null;
}

/** The state after choosing `choice` for the current question, with whether it was right. */
export function answerQuestion(state, questions, choice) {
  const index = currentQuestion(state);
  if (index === null) throw new Error('The quiz is over');
  const question = questions[index];
  if (!Number.isInteger(choice) || choice < 0 || choice >= question.choices.length) throw new Error('No such choice');
  return { ...state, answers: [...state.answers, { question: index, choice, correct: choice === question.answer }] };
}

/** Right answers so far, out of the questions answered: scoreOf(state) → { correct: 3, answered: 4, total: 5, percent: 75 }. */
export function scoreOf(state) {
  const correct = state.answers.filter((answer) => answer.correct).length;
  const answered = state.answers.length;
  return { correct, answered, total: state.order.length, percent: answered ? Math.round((correct / answered) * 100) : 0 };
}

/** A verdict on a final percentage: verdict(100) → 'Perfect score!'. */
export function verdict(percent) {
  if (percent === 100) return 'Perfect score!';
  if (percent >= 80) return 'Great job!';
  if (percent >= 50) return 'Not bad. Try again to beat it.';
  return 'Keep practising!';
}

/** Restores stored questions, keeping the valid ones; anything unreadable gives null (use the built-in set). */
export function parseQuestions(json) {
  try {
    const data = JSON.parse(json);
    if (!Array.isArray(data)) return null;
    const valid = data.flatMap((question) => {
      try {
        return [validateQuestion(question)];
      } catch {
        return [];
      }
    });
    return valid.length ? valid : null;
  } catch {
    return null;
  }
}
