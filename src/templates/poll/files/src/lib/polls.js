// Poll rules shared by the page and the worker: checked polls and votes, storage keys, tallies, without side effects.

/** Key prefix of stored polls; keys sort newest first. */
export const POLL_PREFIX = 'poll:';

const MAX_SEQUENCE = 999999999999;
const VOTER = /^[A-Za-z0-9_-]{8,64}$/;

/** A checked poll from untrusted input: validatePoll({ question: ' Lunch? ', options: ['Pizza', ' Sushi '] }) → { question: 'Lunch?', options: ['Pizza', 'Sushi'] }. */
export function validatePoll(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('body must be a JSON object');
  const question = typeof input.question === 'string' ? input.question.trim().replace(/\s+/g, ' ') : '';
  if (question.length < 1 || question.length > 200) throw new Error('question must be 1-200 characters');
  const options = (Array.isArray(input.options) ? input.options : [])
    .map((option) => (typeof option === 'string' ? option.trim().replace(/\s+/g, ' ') : ''))
    .filter(Boolean);
  if (options.length < 2 || options.length > 8) throw new Error('a poll needs 2-8 options');
  if (options.some((option) => option.length > 80)) throw new Error('an option must be at most 80 characters');
  if (new Set(options.map((option) => option.toLowerCase())).size !== options.length) throw new Error('options must differ');
  return { question, options };
}

/** A checked vote for a poll with `optionCount` options: { option: index, voter: a token the browser keeps }. */
export function validateVote(input, optionCount) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('body must be a JSON object');
  if (!Number.isInteger(input.option) || input.option < 0 || input.option >= optionCount) throw new Error(`option must be an integer from 0 to ${optionCount - 1}`);
  if (typeof input.voter !== 'string' || !VOTER.test(input.voter)) throw new Error('voter must be 8-64 letters, digits, - or _');
  return { option: input.option, voter: input.voter };
}

/** Storage key of the n-th poll, reversed so newer polls list first: pollKey(1) → 'poll:999999999998'. */
export function pollKey(id) {
  const sequence = Number(id);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= MAX_SEQUENCE || String(sequence) !== String(id)) throw new Error('poll id must be a positive integer');
  return POLL_PREFIX + String(MAX_SEQUENCE - sequence).padStart(12, '0');
}

/** Storage key that remembers one voter's vote in one poll. */
export function voteKey(id, voter) {
  return `vote:${id}:${voter}`;
}

/** The poll with one more vote for `option`. */
export function castVote(poll, option) {
  return { ...poll, votes: poll.votes.map((count, index) => (index === option ? count + 1 : count)) };
}

/**
 * What people see of a poll: each option with its votes and whole percent, the total and the leading
 * options (all tied leaders; none before the first vote).
 */
export function tally(poll) {
  const totalVotes = poll.votes.reduce((sum, count) => sum + count, 0);
  const top = Math.max(...poll.votes);
  return {
    id: poll.id,
    question: poll.question,
    createdAt: poll.createdAt,
    totalVotes,
    options: poll.options.map((text, index) => ({ text, votes: poll.votes[index], percent: totalVotes ? Math.round((poll.votes[index] / totalVotes) * 100) : 0 })),
    leaders: totalVotes ? poll.options.filter((_, index) => poll.votes[index] === top) : [],
  };
}

/** The vote count in words: votesLabel(1) → '1 vote'. */
export function votesLabel(count) {
  return `${count} vote${count === 1 ? '' : 's'}`;
}
