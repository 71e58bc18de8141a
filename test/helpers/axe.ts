// Accessibility checks in the UI tests: axe-core's own source is injected into the page (no
// network, no wrapper package) and run on the whole document or on one dialog.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.x A/AA and best practices) and returns the violations, each with the offending nodes' selectors. */
export async function axeViolations(page: Page, context = 'html'): Promise<AxeViolation[]> {
  // Evaluated through the debugging protocol: the app's CSP (no inline script) stays as it is.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (ctx) => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document.querySelector(ctx) ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`) }));
  }, context);
}

/** A readable one-line-per-node report, so a failing assertion says what to fix. */
export const describeViolations = (v: AxeViolation[]): string => v.map((x) => `${x.id} (${x.impact}): ${x.help}\n  ${x.nodes.join('\n  ')}`).join('\n');
