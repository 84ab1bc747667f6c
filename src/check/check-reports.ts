import { escapeHtml } from '../reports/html.js';
import { printable } from '../reports/console-text.js';
import type { CheckRow } from './verdicts.js';

/** What a check did, for its reports. */
export interface CheckOutcome {
  readonly scenario: string;
  /** Where the results are. */
  readonly results: string;
  readonly rows: readonly CheckRow[];
  /** Notes for the reader: a baseline written, points skipped. */
  readonly notes: readonly string[];
}

export const failures = (rows: readonly CheckRow[]): number => rows.filter((r) => r.verdict === 'fail').length;

const actualText = (r: CheckRow): string => (r.actual === null ? '-' : r.share ? `${Math.round(r.actual * 1e6) / 1e4}%` : String(r.actual));
const verdictText = (r: CheckRow): string => r.verdict.toUpperCase();

/** The console table: point (in a sweep), metric, expected, actual, verdict, and how. */
export function checkTable(outcome: CheckOutcome): string {
  const sweep = new Set(outcome.rows.map((r) => r.point)).size > 1;
  const header = [...(sweep ? ['point'] : []), 'metric', 'expected', 'actual', 'verdict', 'how'];
  const rows = outcome.rows.map((r) => [...(sweep ? [r.point] : []), r.metric, r.expected, actualText(r), verdictText(r), r.detail].map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  const failed = failures(outcome.rows);
  const verdict = failed === 0 ? `check passed: ${outcome.rows.length} of ${outcome.rows.length} hold` : `check FAILED: ${failed} of ${outcome.rows.length} do not hold`;
  return [line(header), ...rows.map(line), ...outcome.notes.map(printable), `${verdict} (results in ${printable(outcome.results)})`].join('\n') + '\n';
}

/** XML text: escaped, and without the control characters XML 1.0 cannot hold. */
function xml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
}

/** JUnit XML: one test case per expectation or baseline comparison, per point. */
export function checkJUnit(outcome: CheckOutcome): string {
  const failed = failures(outcome.rows);
  const skipped = outcome.rows.filter((r) => r.verdict === 'skip').length;
  const cases = outcome.rows.map((r) => {
    // The name stays the same when a baseline is updated (or a limit moved): the numbers are in the message.
    const name = `${r.metric} (${r.kind})`;
    const open = `    <testcase classname="${xml(`matchsim.${outcome.scenario}.${r.point}`)}" name="${xml(name)}" time="0">`;
    const message = `${r.metric} at ${r.point}: expected ${r.expected}, got ${actualText(r)} (${r.detail})`;
    if (r.verdict === 'fail') return `${open}\n      <failure message="${xml(message)}" type="${r.kind}">${xml(message)}</failure>\n    </testcase>`;
    if (r.verdict === 'skip') return `${open}\n      <skipped message="${xml(r.detail)}"/>\n    </testcase>`;
    return `${open}\n      <system-out>${xml(message)}</system-out>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="matchsim check" tests="${outcome.rows.length}" failures="${failed}" skipped="${skipped}">`,
    `  <testsuite name="${xml(`matchsim check ${outcome.scenario}`)}" tests="${outcome.rows.length}" failures="${failed}" skipped="${skipped}" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * A Markdown table cell from text that may be a user's (a swept string, a
 * point label, a figure name): one line, HTML escaped as entities, the
 * Markdown punctuation that makes emphasis, code, links and images
 * backslash-escaped (without "[" no link or image can form), and what
 * GitHub's renderer (cmark-gfm's autolink extension) or its filters would
 * turn into a link broken up: every ":" an entity (no scheme link: http:,
 * mailto:, xmpp:), the "." after "www" an entity (no www. link), and a
 * zero-width space after "@" and "#" (no e-mail link, mention or issue
 * reference). It renders as the text it is (test/check/markdown.test.ts holds
 * it to cmark-gfm itself).
 */
export const cell = (text: string): string =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Before the entities below, which hold a "#" of their own.
    .replace(/[@#]/g, (c) => `${c}&#8203;`)
    .replace(/:/g, '&#58;')
    .replace(/(www)\./gi, '$1&#46;');

/** A cell shown as code: backslash escapes do not work inside a code span, so a backtick becomes a quote; a pipe still ends a table cell unless escaped. */
// eslint-disable-next-line no-control-regex
const codeCell = (text: string): string => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/`/g, "'").replace(/\|/g, '\\|');

/** A Markdown report fit for a pull-request comment. */
export function checkMarkdown(outcome: CheckOutcome): string {
  const failed = failures(outcome.rows);
  const icon = (r: CheckRow) => (r.verdict === 'pass' ? '✅ pass' : r.verdict === 'fail' ? '❌ **FAIL**' : '⏭️ skip');
  const head = failed === 0 ? `### ✅ matchsim check \`${outcome.scenario}\`: all ${outcome.rows.length} hold` : `### ❌ matchsim check \`${outcome.scenario}\`: ${failed} of ${outcome.rows.length} fail`;
  const lines = [
    head,
    '',
    '| point | metric | expected | actual | verdict | how |',
    '| --- | --- | --- | ---: | --- | --- |',
    ...outcome.rows.map((r) => `| ${cell(r.point)} | \`${codeCell(r.metric)}\` | ${cell(r.expected)} | ${actualText(r)} | ${icon(r)} | ${cell(r.detail)} |`),
  ];
  if (outcome.notes.length > 0) lines.push('', ...outcome.notes.map((n) => `- ${cell(n)}`));
  return lines.join('\n') + '\n';
}

/** check --json: the verdicts as data, with what was checked and the count of failures. */
export function checkJson(outcome: CheckOutcome): string {
  const failed = failures(outcome.rows);
  return JSON.stringify({ matchsim: { checkVersion: 1 }, scenario: outcome.scenario, results: outcome.results, passed: failed === 0, failures: failed, rows: outcome.rows, notes: outcome.notes }, null, 2) + '\n';
}

/** GitHub Actions workflow commands: an error annotation per failed row (https://docs.github.com/actions/reference/workflow-commands). */
export function githubAnnotations(outcome: CheckOutcome, file: string): string {
  // Workflow command data escapes %, CR and LF; properties also ':' and ','.
  const data = (t: string) => t.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (t: string) => data(t).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return outcome.rows
    .filter((r) => r.verdict === 'fail')
    .map((r) => `::error file=${property(file)},title=${property(`matchsim check: ${r.metric}`)}::${data(`${r.point}: ${r.metric} expected ${r.expected}, got ${actualText(r)} (${r.detail})`)}\n`)
    .join('');
}
