// The questions a new quiz starts with; people add their own in the page, stored in localStorage.
export const STARTER_QUESTIONS = [
  { prompt: 'Which planet is known as the Red Planet?', choices: ['Venus', 'Mars', 'Jupiter', 'Saturn'], answer: 1 },
  { prompt: 'What is the largest ocean on Earth?', choices: ['Atlantic', 'Indian', 'Pacific', 'Arctic'], answer: 2 },
  { prompt: 'How many sides does a hexagon have?', choices: ['5', '6', '7', '8'], answer: 1 },
  { prompt: 'Who painted the Mona Lisa?', choices: ['Leonardo da Vinci', 'Michelangelo', 'Raphael', 'Caravaggio'], answer: 0 },
  { prompt: 'What gas do plants take in from the air?', choices: ['Oxygen', 'Nitrogen', 'Carbon dioxide', 'Helium'], answer: 2 },
  { prompt: 'Which is the smallest prime number?', choices: ['0', '1', '2', '3'], answer: 2 },
  { prompt: 'In which continent is the Sahara desert?', choices: ['Asia', 'Africa', 'Australia', 'South America'], answer: 1 },
  { prompt: 'What is H2O better known as?', choices: ['Salt', 'Water', 'Hydrogen peroxide', 'Ozone'], answer: 1 },
];
