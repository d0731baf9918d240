import type { TemplateMeta } from '../types';

const M = 'src/lib/quiz.js';
const mars = { prompt: 'Which planet is known as the Red Planet?', choices: ['Venus', 'Mars', 'Jupiter', 'Saturn'], answer: 1 };
const hexagon = { prompt: 'How many sides does a hexagon have?', choices: ['5', '6', '7', '8'], answer: 1 };
const questions = [mars, hexagon];

export const meta: TemplateMeta = {
  id: 'quiz',
  name: 'Quiz',
  category: 'content',
  description:
    'A multiple-choice quiz: questions one at a time in a shuffled or written order, instant feedback with the right answer, a progress bar and score, a results page with a review and your best score, and an editor to write your own questions, kept in the browser.',
  features: ['multiple-choice', 'shuffle-questions', 'instant-feedback', 'score', 'results-review', 'best-score', 'custom-questions', 'persist-locally'],
  techStack: ['html', 'css', 'javascript', 'local-storage'],
  keywords: [
    'quiz', 'trivia', 'quiz game', 'questions', 'multiple choice', 'test yourself', 'exam', 'practice test', 'mcq', 'knowledge test',
    'pub quiz', 'questionnaire game', 'trivia night', 'self assessment',
  ],
  steps: [
    {
      title: 'Quiz rules',
      description: 'Pure functions in src/lib/quiz.js: question validation, a seeded question order, answering, scoring, the verdict and stored questions.',
      files: ['src/lib/quiz.js'],
      dependsOn: [],
      features: ['multiple-choice', 'shuffle-questions', 'score', 'custom-questions', 'persist-locally'],
    },
    {
      title: 'Starter questions',
      description: 'src/questions.js: the eight general-knowledge questions a new quiz starts with.',
      files: ['src/questions.js'],
      dependsOn: [],
      features: ['multiple-choice'],
    },
    {
      title: 'Page and styles',
      description: 'The page: intro, question with choices, feedback and progress, results with a review, and the question editor.',
      files: ['index.html', 'styles.css', 'favicon.svg'],
      dependsOn: [],
      features: ['multiple-choice', 'results-review', 'custom-questions'],
    },
    {
      title: 'Run the quiz',
      description: 'src/main.js runs a round, marks answers right or wrong, shows results and the best score, and adds or resets questions in localStorage.',
      files: ['src/main.js'],
      dependsOn: ['Quiz rules', 'Starter questions', 'Page and styles'],
      features: ['shuffle-questions', 'instant-feedback', 'score', 'results-review', 'best-score', 'custom-questions', 'persist-locally'],
    },
  ],
  logic: [
    {
      module: M,
      export: 'validateQuestion',
      cases: [
        { name: 'trims the prompt and choices, drops empty choices', args: [{ prompt: ' 2 + 2? ', choices: [' 3', '4 ', ''], answer: 1 }], expected: { prompt: '2 + 2?', choices: ['3', '4'], answer: 1 } },
        { name: 'rejects a single choice', args: [{ prompt: 'Q', choices: ['only'], answer: 0 }], throws: 'A question needs 2 to 6 choices' },
        { name: 'rejects the same choice twice', args: [{ prompt: 'Q', choices: ['Yes', 'yes'], answer: 0 }], throws: 'Choices must differ' },
        { name: 'rejects an answer outside the choices', args: [{ prompt: 'Q', choices: ['a', 'b'], answer: 2 }], throws: 'Mark which choice is right' },
        { name: 'rejects a missing prompt', args: [{ prompt: ' ', choices: ['a', 'b'], answer: 0 }], throws: 'The question needs a prompt' },
      ],
    },
    {
      module: M,
      export: 'quizOrder',
      cases: [
        { name: 'seed 0 keeps the written order', args: [3, 0], expected: [0, 1, 2] },
        { name: 'a seed shuffles the same way every time', args: [5, 42], expected: [2, 3, 4, 0, 1] },
        { name: 'another seed, another order', args: [5, 7], expected: [0, 2, 4, 3, 1] },
        { name: 'no questions', args: [0, 9], expected: [] },
      ],
    },
    {
      module: M,
      export: 'currentQuestion',
      cases: [
        { name: 'the next in the order', args: [{ order: [1, 0], answers: [{ question: 1, choice: 1, correct: true }] }], expected: 0 },
        { name: 'null when all are answered', args: [{ order: [0], answers: [{ question: 0, choice: 1, correct: true }] }], expected: null },
      ],
    },
    {
      module: M,
      export: 'answerQuestion',
      cases: [
        { name: 'a right answer', args: [{ order: [1, 0], answers: [] }, questions, 1], expected: { order: [1, 0], answers: [{ question: 1, choice: 1, correct: true }] } },
        { name: 'a wrong answer', args: [{ order: [0, 1], answers: [] }, questions, 3], expected: { order: [0, 1], answers: [{ question: 0, choice: 3, correct: false }] } },
        { name: 'rejects a choice that does not exist', args: [{ order: [0], answers: [] }, questions, 4], throws: 'No such choice' },
        { name: 'rejects answering after the end', args: [{ order: [0], answers: [{ question: 0, choice: 1, correct: true }] }, questions, 1], throws: 'The quiz is over' },
      ],
    },
    {
      module: M,
      export: 'startQuiz',
      cases: [{ name: 'no answers yet', args: [[2, 0, 1]], expected: { order: [2, 0, 1], answers: [] } }],
    },
    {
      module: M,
      export: 'scoreOf',
      cases: [
        {
          name: 'right answers of those given',
          args: [{ order: [0, 1, 2, 3, 4], answers: [{ question: 0, choice: 1, correct: true }, { question: 1, choice: 0, correct: false }, { question: 2, choice: 1, correct: true }, { question: 3, choice: 1, correct: true }] }],
          expected: { correct: 3, answered: 4, total: 5, percent: 75 },
        },
        { name: 'nothing answered yet', args: [{ order: [0, 1], answers: [] }], expected: { correct: 0, answered: 0, total: 2, percent: 0 } },
      ],
    },
    {
      module: M,
      export: 'verdict',
      cases: [
        { name: 'perfect', args: [100], expected: 'Perfect score!' },
        { name: 'great', args: [80], expected: 'Great job!' },
        { name: 'half', args: [50], expected: 'Not bad. Try again to beat it.' },
        { name: 'low', args: [20], expected: 'Keep practising!' },
      ],
    },
    {
      module: M,
      export: 'parseQuestions',
      cases: [
        { name: 'restores valid questions', args: [JSON.stringify(questions)], expected: questions },
        { name: 'skips invalid ones', args: [JSON.stringify([mars, { prompt: 'x', choices: ['a'], answer: 0 }])], expected: [mars] },
        { name: 'nothing usable is null', args: ['[]'], expected: null },
        { name: 'nothing stored is null', args: [null], expected: null },
      ],
    },
  ],
  routes: [],
  smoke: {
    description: 'start the quiz in written order and answer the first question right',
    steps: [
      { click: '#shuffle' },
      { click: '#start' },
      { expectText: '#progress', text: 'Question 1 of 8' },
      { expectText: '#prompt', text: 'Red Planet' },
      { click: '#choices [data-choice="1"]' },
      { expectText: '#feedback', text: 'Correct! Answer: Mars' },
      { expectText: '#score', text: '1' },
      { click: '#next' },
      { expectText: '#progress', text: 'Question 2 of 8' },
    ],
  },
};
