/** The key-value store a generated app's worker.js keeps its data in, one per project and environment. Its methods arrive with #5. */
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../app-env';

export class AppData extends DurableObject<Bindings> {}
