// Where the Studio keeps the API key: this tab's sessionStorage only, never a URL or a cookie, so
// it is gone when the tab closes and no request carries it unless the Studio puts it in a header.
const STORAGE_KEY = 'promptax.apiKey';

export const storedKey = (): string | null => sessionStorage.getItem(STORAGE_KEY);

export const storeKey = (key: string): void => sessionStorage.setItem(STORAGE_KEY, key);

export const forgetKey = (): void => sessionStorage.removeItem(STORAGE_KEY);

/**
 * The dev key `npm run dev` offers to a page on localhost, or null: a deployed Worker, and any
 * server not started by `npm run dev`, answers 404.
 */
export async function offeredDevKey(): Promise<string | null> {
  const response = await fetch('/studio/dev-key');
  // 204: nothing is offered here.
  if (response.status !== 200) return null;
  return ((await response.json()) as { key: string }).key;
}
