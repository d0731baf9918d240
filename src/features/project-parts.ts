/** The registry of what a project owns: one part per feature that stores something of a project. */
import { analyticsEventDeletion } from './analytics/service';
import { conversationDeletion } from './chat/deletion';
import { deploymentDeletion } from './deployments/service';
import { fileDeletion } from './files/service';
import type { ProjectPart } from './projects/parts';
import { selfHealEventDeletion } from './self-heal/events';
import { testRunDeletion } from './tests/service';

/**
 * Each part `deleteProject` deletes with the project. A feature that starts storing something of a
 * project adds its part here; projects/ itself knows none of them.
 */
export const PROJECT_PARTS: readonly ProjectPart[] = [
  fileDeletion,
  conversationDeletion,
  deploymentDeletion,
  testRunDeletion,
  selfHealEventDeletion,
  analyticsEventDeletion,
];
