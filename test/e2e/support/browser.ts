import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

/**
 * Shared pieces for the real-browser tests: Debian's Chromium (never a downloaded browser), an
 * axe-core WCAG 2.1 A/AA check, and a collector for console errors and CSP violations.
 */
export const CHROMIUM_PATH = process.env.MEND_CHROMIUM_PATH ?? '/usr/bin/chromium';

const REQUIRED = process.env.CI === 'true' || process.env.MEND_REQUIRE_BROWSER === '1';

let skipChecked: string | false | null = null;

/**
 * Why the browser suites are skipped, or false to run them. In CI, or with MEND_REQUIRE_BROWSER=1,
 * a missing Chromium throws instead, so a broken runner cannot pass silently.
 */
export function browserSkipReason(): string | false {
  if (skipChecked !== null) return skipChecked;
  if (fs.existsSync(CHROMIUM_PATH)) {
    skipChecked = false;
    return false;
  }
  if (REQUIRED) {
    throw new Error(
      `Chromium is required (CI or MEND_REQUIRE_BROWSER=1) but was not found at ${CHROMIUM_PATH}. Install Debian's "chromium" package.`,
    );
  }
  const reason = `Chromium not found at ${CHROMIUM_PATH}; install Debian's "chromium" package (or set MEND_CHROMIUM_PATH) to run the browser tests`;
  process.stderr.write(`SKIPPED: ${reason}\n`);
  skipChecked = reason;
  return reason;
}

/**
 * `backForwardCache`: keep Chromium's back-forward cache on, as in everyday use (Playwright turns
 * it off by default), for tests of what the Back button shows.
 */
export async function launchBrowser(options: { backForwardCache?: boolean } = {}): Promise<Browser> {
  const skip = browserSkipReason();
  if (skip) throw new Error(skip);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    ...(options.backForwardCache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core on the page as it is now; throws a readable list of every violation. */
export async function checkA11y(page: Page, label: string): Promise<void> {
  // axe.run in the page itself ("legacy mode"), not runPartial per frame and then finishRun in a
  // blank page of the same profile, opened, given axe-core's half megabyte again, and closed at every
  // check. The two differ only for frames from another origin, and Mend's CSP allows no frames at
  // all (default-src 'none'): same rules, same results, less CPU and no page start per check.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode().analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.flatMap((v) => [
    `- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`,
    `  ${v.helpUrl}`,
    ...v.nodes.map(
      (n) => `    at ${n.target.map(String).join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
    ),
  ]);
  throw new Error(`Accessibility violations on ${label} (${page.url()}):\n${lines.join('\n')}`);
}

export interface ConsoleProblems {
  /** Every console error, page error and CSP violation seen so far, with the page it came from. */
  readonly list: string[];
  /**
   * Statuses a page is expected to answer with (a form with errors answers 400); Chromium logs a
   * "Failed to load resource" error for those, which is not a problem.
   */
  expectStatus(url: string | RegExp, status: number): void;
  /** Throws when anything was collected, then starts afresh. */
  assertNone(label: string): void;
}

/**
 * Collects console errors, uncaught exceptions and Content-Security-Policy violations. Chromium
 * reports a blocked script or style as a console error ("Refused to …"); a listener for
 * `securitypolicyviolation` catches the rest (reports the console might word differently).
 */
export async function collectConsoleProblems(page: Page, options: { javaScript?: boolean } = {}): Promise<ConsoleProblems> {
  const list: string[] = [];
  const expected: Array<{ url: string | RegExp; status: number }> = [];
  const isExpected = (message: ConsoleMessage): boolean => {
    const match = /the server responded with a status of (\d{3})/.exec(message.text());
    if (!match) return false;
    const url = message.location().url || page.url();
    return expected.some((e) => String(e.status) === match[1] && (typeof e.url === 'string' ? url === e.url : e.url.test(url)));
  };
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    const text = message.text();
    const csp = /content security policy/i.test(text);
    if (message.type() === 'warning' && !csp) return;
    if (isExpected(message)) return;
    list.push(
      `${csp ? 'CSP violation' : 'console error'} on ${page.url()}: ${text}${message.location().url ? ` (${message.location().url})` : ''}`,
    );
  });
  page.on('pageerror', (error) => list.push(`uncaught error on ${page.url()}: ${error.message}`));
  // Runs in the page's isolated init context, so it is not itself subject to the page's CSP.
  // Without JavaScript nothing runs that a policy could block, and nothing could report it.
  if (options.javaScript !== false)
    await page.exposeBinding('__mendReportCsp', (_source, text: string) => void list.push(`CSP violation on ${page.url()}: ${text}`));
  if (options.javaScript !== false)
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __mendReportCsp?: (text: string) => void }).__mendReportCsp;
        report?.(
          `${event.violatedDirective} blocked ${event.blockedURI || 'inline code'} (${event.sourceFile || 'page'}:${event.lineNumber})`,
        );
      });
    });
  return {
    list,
    expectStatus(url, status) {
      expected.push({ url, status });
    },
    assertNone(label) {
      if (list.length === 0) return;
      const found = list.splice(0, list.length);
      throw new Error(`Console problems ${label}:\n${found.map((f) => `- ${f}`).join('\n')}`);
    },
  };
}
