// The API's shapes the Studio reads (DESIGN.md section 7), only the fields it uses. Fields that
// not every server sends yet (a plan's `fit`, a message's `parts`) are optional.
import type { UIMessage } from 'ai';

/** An RFC 9457 problem, the body of every error answer. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
}

export interface Session {
  user: { id: string; email: string; name: string };
  organisations: { id: string; name: string; role: string }[];
}

export type ProjectStatus = 'draft' | 'planned' | 'generating' | 'generated' | 'deployed';

export interface Project {
  id: string;
  name: string;
  description: string;
  templateId: string | null;
  status: ProjectStatus;
  updatedAt: string;
}

export type Fit = 'exact' | 'partial' | 'none';

export interface Template {
  id: string;
  name: string;
  description: string;
  features: string[];
}

export interface TemplateMatch {
  matched: boolean;
  /** `generated`: no catalog template fits, and this one was designed on the nearest. */
  source: 'catalog' | 'generated';
  score: number;
  template: Template;
  alternatives: { templateId: string; score: number }[];
  fit?: Fit;
  missingFeatures?: string[];
}

export type StepStatus = 'pending' | 'generating' | 'done' | 'failed';

export interface BuildStep {
  id: string;
  order: number;
  title: string;
  description: string;
  files: string[];
  dependsOn: string[];
  status: StepStatus;
  lastError?: string | null;
}

export interface BuildPlan {
  id: string;
  templateId: string;
  status: string;
  fit?: Fit;
  missingFeatures?: string[];
  steps: BuildStep[];
}

export interface FileEntry {
  path: string;
  size: number;
  updatedAt: string;
}

export type DeploymentStatus = 'queued' | 'building' | 'live' | 'failed' | 'superseded';

export interface Deployment {
  id: string;
  environment: 'preview' | 'production';
  status: DeploymentStatus;
  url: string | null;
  fileCount: number;
  error: string | null;
  createdAt: string;
}

export interface TestCase {
  id: string;
  name: string;
  status: 'pending' | 'passed' | 'failed' | 'error';
  durationMs: number | null;
  message: string | null;
}

export interface TestSuite {
  id: string;
  type: 'unit' | 'integration' | 'e2e';
  name: string;
  status: 'queued' | 'generating' | 'running' | 'passed' | 'failed' | 'error';
  tests: TestCase[];
  createdAt: string;
}

export interface Version {
  id: string;
  number: number;
  source: string;
  summary: string;
  files: { path: string; change: 'added' | 'modified' | 'deleted' }[];
  createdAt: string;
}

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  parts?: UIMessage['parts'];
}

/** A model of GET /api/models: what can answer now, the server's default marked. */
export interface ModelOption {
  id: string;
  default: boolean;
}

export interface AgencySession {
  id: string;
  title: string;
  messageCount: number;
  updatedAt: string;
}

export interface AgencyMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
}

export interface OrganisationUsage {
  organisationId: string;
  organisationName: string;
  budget: { day: string; tokens: number; used: number; remaining: number; resetsAt: string };
  days: { day: string; model: string; inputTokens: number; outputTokens: number; totalTokens: number; calls: number }[];
}
