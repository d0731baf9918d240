/** Webhook secrets and signatures: HMAC-SHA256 over `<timestamp>.<body>` with the hook's secret, sent as `t=<unix>,v1=<hex>`. */

const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A fresh secret: `whsec_` and 32 random bytes in hex. */
export function newWebhookSecret(): string {
  return 'whsec_' + toHex(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * The `Promptax-Signature` header of a body sent at `timestamp` (Unix seconds). The key is the whole
 * secret as UTF-8, `whsec_` included; the timestamp is signed so that a receiver can refuse replays.
 *
 * @example await signatureHeader('whsec_…', 1767225600, '{"id":…}') // 't=1767225600,v1=5f0c…'
 */
export async function signatureHeader(secret: string, timestamp: number, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  return `t=${timestamp},v1=${toHex(new Uint8Array(mac))}`;
}
