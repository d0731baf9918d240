// Runs a template's smoke interaction (the steps its metadata declares) on a page.
import type { Locator, Page } from 'playwright-core';
import type { SmokeStep } from '../../src/templates/types';

/**
 * How long one step may wait for its element or its condition. Four templates run at once on two
 * cores, and a page starved of CPU can take seconds to become editable (a fresh-clone CI run saw a
 * plain input still not ready after 5 s); a step that never succeeds still fails.
 */
const STEP_TIMEOUT_MS = 15_000;

/** Polls `read` until `done` holds for what it read, or fails with `describe` of the last value. */
async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, describe: (value: T) => string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const value = await read();
    if (done(value)) return;
    if (Date.now() > deadline) throw new Error(describe(value));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The text a person sees in the element (innerText, so hidden parts do not count). */
const visibleText = (locator: Locator) => locator.innerText({ timeout: STEP_TIMEOUT_MS });

async function runStep(page: Page, step: SmokeStep): Promise<void> {
  const timeout = STEP_TIMEOUT_MS;
  if ('fill' in step) return page.locator(step.fill).fill(step.value, { timeout });
  if ('click' in step) return page.locator(step.click).click({ timeout });
  if ('press' in step) return page.locator(step.press).press(step.key, { timeout });
  if ('select' in step) {
    await page.locator(step.select).selectOption(step.value, { timeout });
    return;
  }
  if ('expectText' in step) {
    const locator = page.locator(step.expectText);
    return waitUntil(
      () => visibleText(locator),
      (text) => text.includes(step.text),
      (text) => `the text of ${step.expectText} does not contain ${JSON.stringify(step.text)}: ${JSON.stringify(text.slice(0, 300))}`,
    );
  }
  const locator = page.locator(step.expectCount);
  return waitUntil(
    () => locator.count(),
    (count) => count === step.count,
    (count) => `${step.expectCount} matches ${count} elements, not ${step.count}`,
  );
}

/** Runs the steps in order; a failure names the step (1-based) and what it found. */
export async function runSmoke(page: Page, steps: readonly SmokeStep[]): Promise<void> {
  for (const [index, step] of steps.entries()) {
    try {
      await runStep(page, step);
    } catch (error) {
      throw new Error(`smoke step ${index + 1} ${JSON.stringify(step)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
