import { describe, expect, it } from 'vitest';
import { checkJUnit, checkMarkdown, checkTable, githubAnnotations, type CheckOutcome } from '../../src/check/check-reports.js';

const outcome: CheckOutcome = {
  scenario: 'seed',
  results: 'results/seed',
  notes: [],
  rows: [
    { point: 'run', metric: 'wait.p95', kind: 'expectation', expected: '<= 30', actual: 12.5, verdict: 'pass', detail: 'one run' },
    { point: 'run', metric: 'spread.mean', kind: 'baseline', expected: '<= 90 (baseline 90 + 0%)', actual: 95, baseline: 90, verdict: 'fail', detail: 'single runs: no test; worse by 5 <&> "100%" a|b' },
    { point: 'run', metric: 'wait.p50', kind: 'baseline', expected: 'within 0%', actual: null, baseline: null, verdict: 'skip', detail: 'point not in the baseline' },
  ],
};

describe('check reports', () => {
  it('the table lists every row and the verdict', () => {
    const text = checkTable(outcome);
    expect(text).toMatch(/^metric +expected +actual +verdict +how$/m);
    expect(text).toMatch(/^spread\.mean +<= 90 \(baseline 90 \+ 0%\) +95 +FAIL/m);
    expect(text).toMatch(/check FAILED: 1 of 3 do not hold \(results in results\/seed\)\n$/);
  });

  it('JUnit: one test case per row, failures and skips marked, text escaped', () => {
    const xml = checkJUnit(outcome);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="matchsim check" tests="3" failures="1" skipped="1">')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml.match(/<skipped /g)).toHaveLength(1);
    expect(xml).toContain('worse by 5 &lt;&amp;&gt; &quot;100%&quot;');
    expect(xml).not.toMatch(/<&>/);
  });

  it('Markdown: a table fit for a pull-request comment, pipes escaped', () => {
    const md = checkMarkdown(outcome);
    expect(md.split('\n')[0]).toBe('### ❌ matchsim check `seed`: 1 of 3 fail');
    expect(md).toContain('| point | metric | expected | actual | verdict | how |');
    expect(md).toContain('a\\|b');
    expect(md.split('\n').filter((l) => l.startsWith('| run |'))).toHaveLength(3);
  });

  it('Markdown: a hostile label renders as its text, never as HTML, an image, a link or a mention', () => {
    const label = 'matcher.algorithm=<img src=x onerror=alert(1)> ![t](http://x/p.png) [l](http://x) @everyone `x` | y\nz';
    const md = checkMarkdown({ ...outcome, rows: [{ ...outcome.rows[0], point: label, detail: '<script>x</script>' }] });
    const row = md.split('\n').find((l) => l.startsWith('| matcher')) as string;
    expect(row).toBeDefined();
    expect(row).not.toMatch(/<img|<script|[^\\]\[|[^\\]\]|@everyone/);
    expect(row).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(row).toContain('!\\[t\\](http&#58;//x/p.png)');
    expect(row).toContain('@&#8203;everyone');
    expect(row).toContain('\\| y z');
    expect(md.split('\n').filter((l) => l.startsWith('|'))).toHaveLength(3);
  });

  it('GitHub annotations: one error per failure, with the workflow-command escapes', () => {
    const text = githubAnnotations(outcome, 'scenarios/seed.json');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toMatch(/^::error file=scenarios\/seed\.json,title=matchsim check%3A spread\.mean::run: spread\.mean expected <= 90 \(baseline 90 \+ 0%25\), got 95/);
  });
});
