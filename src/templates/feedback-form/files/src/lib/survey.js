// Survey rules shared by the page and the worker: answers checked against the questions, storage keys and the results summary.

/** Key prefix of stored responses; keys sort newest first. */
export const RESPONSE_PREFIX = 'response:';

const MAX_SEQUENCE = 999999999999;

/**
 * Answers checked against the questions (rating 1-5, one of a choice's options, text up to 1000 characters);
 * unknown keys are dropped, unanswered optional questions are null.
 */
export function validateResponse(questions, input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('body must be a JSON object');
  return Object.fromEntries(questions.map((question) => {
    const raw = input[question.id];
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (question.required) throw new Error(`${question.id} is required`);
      return [question.id, null];
    }
    if (question.type === 'rating') {
      if (!Number.isInteger(raw) || raw < 1 || raw > 5) throw new Error(`${question.id} must be a whole number from 1 to 5`);
      return [question.id, raw];
    }
    if (question.type === 'choice') {
      if (!question.options.includes(raw)) throw new Error(`${question.id} must be one of: ${question.options.join(', ')}`);
      return [question.id, raw];
    }
    const text = String(raw).trim();
    if (text.length > 1000) throw new Error(`${question.id} must be at most 1000 characters`);
    return [question.id, text];
  }));
}

/** Storage key of the n-th response, reversed so the newest list first: responseKey(1) → 'response:999999999998'. */
export function responseKey(sequence) {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= MAX_SEQUENCE) throw new Error('sequence must be a positive integer');
  return RESPONSE_PREFIX + String(MAX_SEQUENCE - sequence).padStart(12, '0');
}

/**
 * The results per question, for responses newest first: ratings get their count, average and spread over 1-5,
 * choices their counts per option, text the latest five answers.
 */
export function summarize(questions, responses) {
  return {
    responses: responses.length,
    questions: questions.map((question) => {
      const answers = responses.map((response) => response[question.id]).filter((answer) => answer !== null && answer !== undefined);
      if (question.type === 'rating') {
        const average = answers.length ? Math.round((answers.reduce((sum, n) => sum + n, 0) / answers.length) * 10) / 10 : null;
        return { id: question.id, type: 'rating', count: answers.length, average, spread: [1, 2, 3, 4, 5].map((n) => answers.filter((a) => a === n).length) };
      }
      if (question.type === 'choice') {
        return { id: question.id, type: 'choice', count: answers.length, options: question.options.map((option) => ({ option, count: answers.filter((a) => a === option).length })) };
      }
      return { id: question.id, type: 'text', count: answers.length, latest: answers.slice(0, 5) };
    }),
  };
}
