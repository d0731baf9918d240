/**
 * Stands in for `@ai-sdk/gateway` in the deployed bundle (wrangler.toml `[alias]`): `ai` imports it
 * for string model ids, and Promptax always passes a provider's model object, so the 80 KB
 * Vercel AI Gateway client would never run. Its errors are never thrown here, so no error is one.
 */
class GatewayError extends Error {
  static isInstance(_error: unknown): boolean {
    return false;
  }
}

class GatewayAuthenticationError extends GatewayError {}

function createGateway(): never {
  throw new Error('The AI Gateway provider is not bundled: pass a provider model, such as openai.chat(id).');
}

const gateway = new Proxy(createGateway, { get: () => createGateway });

export { createGateway, gateway, GatewayAuthenticationError, GatewayError };
