// The survey's questions, in order: change the labels and options to your own. Types: rating (1-5), choice, text.
export const QUESTIONS = [
  { id: 'rating', type: 'rating', label: 'Overall, how happy are you with us?', required: true },
  { id: 'recommend', type: 'choice', label: 'Would you recommend us to a friend?', options: ['Yes', 'Maybe', 'No'], required: true },
  { id: 'source', type: 'choice', label: 'How did you hear about us?', options: ['A friend', 'Search', 'Social media', 'Other'], required: false },
  { id: 'comment', type: 'text', label: 'What could we do better?', required: false },
];
