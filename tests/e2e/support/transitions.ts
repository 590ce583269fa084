import type { Page } from '@playwright/test';

/**
 * Waits until no CSS transition is running (a drawer sliding in, a dialog fading in), so what a test
 * measures or pictures is what the user reads; endless animations such as a loader are not waited for.
 */
export async function transitionsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'));
}
