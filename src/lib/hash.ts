/** Content hashing: SHA-256 as lowercase hex, the address of blobs and the stored form of secrets. */

/** @example await sha256Hex(new TextEncoder().encode('abc')) // 'ba7816bf…' */
export async function sha256Hex(data: ArrayBuffer | Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
