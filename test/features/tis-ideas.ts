// The ideas TIS is calibrated on: what people type into an app builder, in their words (paraphrases,
// typos, other wordings), each with the template that should build it, or `none` when no template
// has the core of the idea. Rows alternate between the tuning half (even positions) and the
// held-out half (odd positions): tune keywords and the matcher on the first, report the second.
// When the hit rate drops, fix the matcher or the templates' keywords, never an expectation.

/** [expected template id or 'none', the idea, requested features?] */
export type Idea = [expected: string, idea: string, features?: string[]];

export const IDEAS: Idea[] = [
  ['todo-list', 'I keep forgetting my chores, I want somewhere to jot them down and cross them off when done'],
  ['todo-list', 'to do list for my daily errands that remembers them after I close the browser'],
  ['todo-list', "task tracker where I can mark things finished and see what's still open"],
  ['todo-list', 'a checklist for packing before trips', ['check off items', 'clear finished ones']],

  ['blog', 'a place to publish my essays and thoughts, written in markdown'],
  ['blog', 'personal blog where readers can browse my articles by topic'],
  ['blog', 'travel diary with posts about each trip, tagged by country'],
  ['blog', 'My Blog: weekly write-ups about gardening'],

  ['landing-page', 'a launch page for my startup with pricing plans and a way to join the waitlist'],
  ['landing-page', 'marketing homepage for our SaaS product with a FAQ section'],
  ['landing-page', 'coming soon page that collects emails of interested people'],
  ['landing-page', 'one-pager to sell my mobile app, showing its benefits and monthly vs annual plans', ['pricing table', 'newsletter signup']],

  ['product-catalog', 'an online store for my handmade candles with a shopping basket'],
  ['product-catalog', 'sell t-shirts online: browse items, filter by size, add to cart, apply coupon codes'],
  ['product-catalog', 'a shop for handmade mugs'],
  ['product-catalog', 'ecommerce site for vintage records', ['cart', 'discount code', 'sort by price']],

  ['analytics-dashboard', 'a dashboard showing our website traffic and sales over time with charts'],
  ['analytics-dashboard', 'admin panel with key metrics and graphs for the last 30 days'],
  ['analytics-dashboard', 'visualize monthly revenue and signups as bar and line charts'],
  ['analytics-dashboard', 'reporting screen for my team with KPIs and trends, filterable by date range'],

  ['guestbook', 'a guest book for our wedding website where guests leave wishes'],
  ['guestbook', 'a page where visitors can sign and leave a short note for everyone to see'],
  ['guestbook', 'guestbok for my personal homepage'],
  ['guestbook', 'let visitors of my site sign a public guest book, with bad words filtered'],

  ['portfolio', 'a site to showcase my design work and get contacted by clients'],
  ['portfolio', 'online resume / CV for a software developer with my projects and an about me'],
  ['portfolio', 'photographer portfolio with a gallery of my work and a dark mode switch'],
  ['portfolio', 'personal website for a freelance illustrator', ['contact form', 'project filters']],

  ['unit-converter', 'convert between miles and kilometers, pounds and kilograms'],
  ['unit-converter', 'a tool to change celsius to fahrenheit and back'],
  ['unit-converter', 'kitchen helper that converts cups to liters and ounces to grams'],
  ['unit-converter', 'unit convertor for length and weight'],

  ['notes-api', 'a backend service with REST endpoints to create, read, update and delete notes'],
  ['notes-api', 'JSON API for storing memos that my mobile app can call'],
  ['notes-api', 'server-side note storage with tagging and search over HTTP, plus docs'],
  ['notes-api', 'a CRUD web service for notes', ['api documentation', 'validation']],

  ['habit-tracker', 'a habit tracker'],
  ['habit-tracker', 'track my daily habits like drinking water and reading, with streaks'],
  ['habit-tracker', "don't break the chain: tick off each day I meditate"],
  ['habit-tracker', 'habbit tracker for my new year resolutions'],

  ['pomodoro-timer', 'a pomodoro timer with stats'],
  ['pomodoro-timer', 'a focus timer: 25 minutes of work then a 5 minute break, and how many sessions I did today'],
  ['pomodoro-timer', 'pomodorro app for studying'],
  ['pomodoro-timer', 'a tomato timer to help me concentrate on deep work'],

  ['stopwatch', 'a stopwatch with laps'],
  ['stopwatch', 'countdown timer for my presentation'],
  ['stopwatch', 'stop watch that records lap times for my runs'],
  ['stopwatch', 'a simple count down clock to an event in ten minutes'],

  ['expense-splitter', 'an expense splitter for a trip'],
  ['expense-splitter', 'split the bills with my roommates and see who owes whom'],
  ['expense-splitter', 'we went on holiday as a group, I want to share costs fairly between friends'],
  ['expense-splitter', 'splitwise clone to settle up shared expenses'],

  ['budget-tracker', 'a budget tracker for my monthly spending'],
  ['budget-tracker', 'track income and expenses by category and see how much I have left this month'],
  ['budget-tracker', 'personal finance app to manage my money'],
  ['budget-tracker', 'budgetting tool with spending categories and a monthly limit'],

  ['flashcards', 'flashcards with spaced repetition'],
  ['flashcards', 'help me memorise spanish vocabulary with cards I flip'],
  ['flashcards', 'flash cards to study for my biology exam, using leitner boxes'],
  ['flashcards', 'anki-like app for learning words'],

  ['quiz', 'a quiz app'],
  ['quiz', 'multiple choice trivia questions with a score at the end'],
  ['quiz', 'a pub quiz about geography with right and wrong answers'],
  ['quiz', 'test my knowledge with a short questionnaire and show my result'],

  ['tic-tac-toe', 'Multiplayer tic-tac-toe'],
  ['tic-tac-toe', 'noughts and crosses game for two players'],
  ['tic-tac-toe', 'tic tac toe against the computer'],
  ['tic-tac-toe', 'a tictactoe board where X and O take turns'],

  ['memory-game', 'a memory game'],
  ['memory-game', 'flip cards and find matching pairs'],
  ['memory-game', 'concentration card matching game for kids'],
  ['memory-game', 'memroy pairs game with emoji'],

  ['recipe-box', 'a recipe box'],
  ['recipe-box', 'save my favourite recipes with ingredients and cooking steps'],
  ['recipe-box', 'a family cookbook where we collect our grandmother’s dishes'],
  ['recipe-box', 'recipie collection searchable by ingredient'],

  ['reading-list', 'a reading list of books I want to read'],
  ['reading-list', 'track the books I read this year with ratings'],
  ['reading-list', 'bookmark manager for articles to read later'],
  ['reading-list', 'my book shelf: to read, reading, finished'],

  ['kanban-board', 'a kanban board'],
  ['kanban-board', 'trello-like board with columns to do, doing and done, and cards I can move'],
  ['kanban-board', 'project board for my team with tasks in swimlanes'],
  ['kanban-board', 'kanban for my side projects with drag and drop'],

  ['booking', 'book appointments at my hair salon'],
  ['booking', 'booking system where clients pick a free time slot'],
  ['booking', 'reservation page for my restaurant tables'],
  ['booking', 'let patients schedule an appointment with the dentist'],

  ['poll', 'a poll where people vote on where to have lunch'],
  ['poll', 'create a voting page with options and live results'],
  ['poll', 'quick survey vote: which date works best for everyone'],
  ['poll', 'online pole for our club to choose a new logo'],

  ['rsvp-event', 'an rsvp page for my birthday party'],
  ['rsvp-event', 'event page where guests say if they are coming and how many people they bring'],
  ['rsvp-event', 'wedding invitation site with rsvp'],
  ['rsvp-event', 'invite friends to a barbecue and collect who attends'],

  ['markdown-notes', 'markdown notes with tags'],
  ['markdown-notes', 'a note taking app where I write in markdown and see a preview'],
  ['markdown-notes', 'notebook for my ideas, organised with tags and searchable'],
  ['markdown-notes', 'personal wiki of notes'],

  ['contacts-crm', 'a mini CRM for my freelance clients'],
  ['contacts-crm', 'address book of my contacts with phone numbers and emails'],
  ['contacts-crm', 'keep track of sales leads and when I last talked to each customer'],
  ['contacts-crm', 'contact manager for our small business'],

  ['inventory', 'inventory for my small warehouse'],
  ['inventory', 'track stock levels of items and warn me when they run low'],
  ['inventory', 'keep count of what is in my pantry'],
  ['inventory', 'invetory management for the parts in our workshop'],

  ['invoice-generator', 'an invoice generator for freelancers'],
  ['invoice-generator', 'create invoices with line items, tax and a total, then print them'],
  ['invoice-generator', 'billing tool to make a PDF-like invoice for my clients'],
  ['invoice-generator', 'make a quote / invoice with VAT for my plumbing jobs'],

  ['workout-log', 'a workout log'],
  ['workout-log', 'log my gym sessions: exercises, sets, reps and weights'],
  ['workout-log', 'fitness tracker that records my runs and training'],
  ['workout-log', 'exercise journal to follow my progress lifting'],

  ['link-in-bio', 'a link in bio page'],
  ['link-in-bio', 'one page with all my social links for my instagram profile'],
  ['link-in-bio', 'linktree alternative'],
  ['link-in-bio', 'a page with my links to youtube, tiktok and my shop'],

  ['feedback-form', 'a feedback form'],
  ['feedback-form', 'customer satisfaction survey with ratings and comments'],
  ['feedback-form', 'collect feedback from workshop attendees'],
  ['feedback-form', 'a questionaire for users to rate our service and suggest improvements'],

  ['message-board', 'a chat room for my friends'],
  ['message-board', 'message board where members post and reply to topics'],
  ['message-board', 'a simple forum for our community'],
  ['message-board', 'group chat where everyone sees the latest messages'],

  ['leaderboard', 'a leaderboard for our office ping pong games'],
  ['leaderboard', 'high score table for my game'],
  ['leaderboard', 'ranking of players with points, sorted best first'],
  ['leaderboard', 'scoreboard for the pub league'],

  ['calculator', 'a tip calculator'],
  ['calculator', 'loan calculator with monthly payments and interest'],
  ['calculator', 'percentage calculator'],
  ['calculator', 'mortgage calculator to work out my repayments'],

  ['none', 'xqzv plork wibble frumious'],
  ['none', 'a multiplayer chess game with elo ratings and timers'],
  ['none', 'weather forecast for my city with hourly temperatures'],
  ['none', 'video chat with friends and screen sharing'],
  ['none', 'a ride sharing app like uber with drivers on a map'],
  ['none', 'a music player for my mp3 collection with playlists'],
  ['none', 'a photo editor with filters and cropping'],
  ['none', 'a 3d racing game'],
  ['none', 'a dating app that matches people by interests'],
  ['none', 'translate text between english and japanese'],
  ['none', 'a stock trading bot'],
  ['none', 'a drawing app with brushes and layers'],
];

/** The tuning half: even positions. */
export const TUNING = IDEAS.filter((_, index) => index % 2 === 0);
/** The held-out half: odd positions. */
export const HELD_OUT = IDEAS.filter((_, index) => index % 2 === 1);
