/** One consultation with the AI consultant. Its storage and methods arrive with #4. */
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../app-env';

export class AgencySession extends DurableObject<Bindings> {}
