/** One project's conversation: its history and one turn at a time. Its storage and methods arrive with #4. */
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../app-env';

export class ChatSession extends DurableObject<Bindings> {}
