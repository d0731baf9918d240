/** Content hashing: SHA-256 as lowercase hex, the address of blobs and the stored form of secrets. */

/** The two hex digits of each byte value, made on first use: formatting each byte anew cost every API request ~20 µs (the key's hash, the request id). */
let hexDigits: string[] | undefined;

/** @example toHex(new Uint8Array([1, 171])) // '01ab' */
export function toHex(bytes: Uint8Array): string {
  const digits = (hexDigits ??= Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0')));
  let hex = '';
  for (const byte of bytes) hex += digits[byte];
  return hex;
}

/** @example await sha256Hex(new TextEncoder().encode('abc')) // 'ba7816bf…' */
export async function sha256Hex(data: ArrayBuffer | Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}
