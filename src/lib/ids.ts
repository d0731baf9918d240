/** Identifiers: time-ordered UUIDv7 for everything the API creates, so "newest first" is "id descending". */
// With its extension: the bench and scripts import this module in Node, which does not guess one.
import { toHex } from './hash.ts';

let lastMs = 0;
let sequence = 0;

/**
 * A UUIDv7 that sorts after every id made before it in this isolate, even within one
 * millisecond (Workers freeze the clock during a request): a 12-bit counter fills `rand_a`.
 *
 * @example uuidv7() // '019b0b3c-5f1e-7000-8a3d-1c2b4e5f6a7b'
 */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1;
      sequence = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    sequence = 0;
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, Math.floor(ms / 2 ** 16));
  view.setUint16(4, ms % 2 ** 16);
  view.setUint16(6, 0x7000 | sequence);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @example isUuid('not-an-id') // false */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The current time as an ISO 8601 UTC string, the format of every time the API returns. */
export function nowIso(): string {
  return new Date().toISOString();
}
