/** The TIS catalog: every template's metadata, and the API's view of it (the files are static assets: ./files.ts). */
import type { Template } from '../engine/types';
import { meta as analyticsDashboard } from './analytics-dashboard/meta';
import { meta as blog } from './blog/meta';
import { meta as guestbook } from './guestbook/meta';
import { meta as landingPage } from './landing-page/meta';
import { meta as notesApi } from './notes-api/meta';
import { meta as portfolio } from './portfolio/meta';
import { meta as productCatalog } from './product-catalog/meta';
import { meta as todoList } from './todo-list/meta';
import { meta as unitConverter } from './unit-converter/meta';
import { templatePaths } from './files';
import type { TemplateMeta } from './types';
import { meta as ticTacToe } from './tic-tac-toe/meta';
import { meta as habitTracker } from './habit-tracker/meta';
import { meta as pomodoroTimer } from './pomodoro-timer/meta';
import { meta as flashcards } from './flashcards/meta';
import { meta as expenseSplitter } from './expense-splitter/meta';
import { meta as budgetTracker } from './budget-tracker/meta';
import { meta as quiz } from './quiz/meta';
import { meta as stopwatch } from './stopwatch/meta';
import { meta as memoryGame } from './memory-game/meta';
import { meta as kanbanBoard } from './kanban-board/meta';
import { meta as poll } from './poll/meta';
import { meta as booking } from './booking/meta';
import { meta as messageBoard } from './message-board/meta';
import { meta as recipeBox } from './recipe-box/meta';
import { meta as readingList } from './reading-list/meta';
import { meta as contactsCrm } from './contacts-crm/meta';
import { meta as inventory } from './inventory/meta';
import { meta as workoutLog } from './workout-log/meta';
import { meta as markdownNotes } from './markdown-notes/meta';
import { meta as rsvpEvent } from './rsvp-event/meta';
import { meta as linkInBio } from './link-in-bio/meta';
import { meta as calculator } from './calculator/meta';
import { meta as invoiceGenerator } from './invoice-generator/meta';
import { meta as leaderboard } from './leaderboard/meta';
import { meta as feedbackForm } from './feedback-form/meta';

export const CATALOG: readonly TemplateMeta[] = [
  todoList,
  blog,
  landingPage,
  productCatalog,
  analyticsDashboard,
  guestbook,
  portfolio,
  unitConverter,
  notesApi,
  ticTacToe,
  habitTracker,
  pomodoroTimer,
  flashcards,
  expenseSplitter,
  budgetTracker,
  quiz,
  stopwatch,
  memoryGame,
  kanbanBoard,
  poll,
  booking,
  messageBoard,
  recipeBox,
  readingList,
  contactsCrm,
  inventory,
  workoutLog,
  markdownNotes,
  rsvpEvent,
  linkInBio,
  calculator,
  invoiceGenerator,
  leaderboard,
  feedbackForm,
];

/** @example findTemplate('todo-list')?.name // 'Todo list' */
export function findTemplate(id: string): TemplateMeta | undefined {
  return CATALOG.find((template) => template.id === id);
}

/** The API's shape of a catalog template. */
export function toTemplate(meta: TemplateMeta): Template {
  return {
    id: meta.id,
    name: meta.name,
    category: meta.category,
    description: meta.description,
    features: meta.features,
    techStack: meta.techStack,
    files: templatePaths(meta),
  };
}
