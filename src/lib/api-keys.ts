/** API key secrets: made, recognised and hashed. The secret is shown once; only its SHA-256 is kept. */
// scripts/key.mjs imports this module under Node's type stripping, hence the `.ts` extension.
import { sha256Hex } from './hash.ts';

const SECRET_PREFIX = 'ptx_';
const SECRET_PATTERN = /^ptx_[A-Za-z0-9_-]{43}$/;
/** How much of the secret is kept in clear, to tell keys apart in a list. */
const VISIBLE_LENGTH = 12;

export interface NewKeySecret {
  secret: string;
  prefix: string;
  hash: string;
}

/**
 * A fresh key: `ptx_` and 32 random bytes in base64url (43 characters).
 *
 * @example const { secret, prefix, hash } = await newKeySecret(); // secret 'ptx_Xb3…', prefix 'ptx_Xb3kQ9aZ'
 */
export async function newKeySecret(): Promise<NewKeySecret> {
  const random = crypto.getRandomValues(new Uint8Array(32));
  const secret = SECRET_PREFIX + base64url(random);
  return { secret, prefix: secret.slice(0, VISIBLE_LENGTH), hash: await hashSecret(secret) };
}

/** True when the string has the shape of a key; lets a malformed header fail without a database read. */
export function looksLikeKeySecret(value: string): boolean {
  return SECRET_PATTERN.test(value);
}

/** Hex SHA-256 of a secret, the form keys are stored and looked up in. */
export async function hashSecret(secret: string): Promise<string> {
  return sha256Hex(secret);
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
