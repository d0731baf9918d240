/**
 * Stands in for zod's locale index in the deployed bundle (wrangler.toml `[alias]`): `z.locales`
 * would otherwise carry all 60-odd translations (about 260 KB minified) into the Worker, which
 * only ever speaks English. zod registers English itself on first use; this keeps `z.locales.en`
 * for anyone who asks for it by name.
 *
 * @example import { z } from 'zod'; z.config(z.locales.en());
 */
export { default as en } from 'zod/v4/locales/en.js';
