import type { AxeResults, Result, RunOptions } from 'axe-core';
import { readFileSync } from 'fs';
import { Page } from 'playwright-core';

// axe-core injected into the page under test. The app's CSP (`script-src 'self'`) refuses inline script tags, so the
// source goes in through the DevTools protocol (page.evaluate of a string), which the policy does not govern.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The impacts that fail a page: axe's `serious` and `critical`. */
export const BLOCKING_IMPACTS = ['serious', 'critical'];

export interface AxeCheckOptions {
  /** A CSS selector to check instead of the whole document (e.g. an open dialog). */
  include?: string;
  /** axe run options (rules to switch off, tags to run); every rule runs unless told. */
  options?: RunOptions;
}

/** Runs axe on the page as it is now and returns every violation. */
export async function axeViolations(page: Page, check: AxeCheckOptions = {}): Promise<Result[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const context = check.include ? JSON.stringify({ include: [check.include] }) : 'document';
  const options = JSON.stringify({ resultTypes: ['violations'], ...check.options });
  const results = await page.evaluate<AxeResults>(`window.axe.run(${context}, ${options})`);
  return results.violations;
}

/** The violations that fail a page (serious or critical). */
export async function blockingViolations(page: Page, check: AxeCheckOptions = {}): Promise<Result[]> {
  return (await axeViolations(page, check)).filter((violation) => BLOCKING_IMPACTS.includes(violation.impact ?? ''));
}

/** A readable summary for a failed expectation: rule, impact, help and the first nodes' selectors and messages. */
export function describeViolations(violations: Result[]): string[] {
  return violations.map((violation) => {
    const nodes = violation.nodes
      .slice(0, 3)
      .map((node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
      .join(' | ');
    return `${violation.id} (${violation.impact}): ${violation.help} — ${nodes}`;
  });
}
