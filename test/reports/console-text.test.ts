import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consoleSafe, printable } from '../../src/reports/console-text.js';

describe('labels on the console', () => {
  it('printable: one line, control characters escaped, no workflow command at its start', () => {
    expect(printable('::error::x')).toBe('\\u003a:error::x');
    expect(printable('  ::set-output name=x::y')).toBe('  \\u003a:set-output name=x::y');
    expect(printable('##[error]x')).toBe('\\u0023#[error]x');
    expect(printable('##vso[task.setvariable]x')).toBe('\\u0023#vso[task.setvariable]x');
    expect(printable('a\nb\tc\u001b[31m')).toBe('a\\u000ab\\u0009c\\u001b[31m');
    expect(printable('matcher.windowGrowth=25, tick=0.5')).toBe('matcher.windowGrowth=25, tick=0.5');
    expect(printable('a::b')).toBe('a::b');
  });

  it('consoleSafe: whatever the text, no line it prints starts a workflow command, and lines stay lines', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('::', '##', ' ', '\t', ':', '#', 'x', '\n', 'error'), fc.string({ maxLength: 4 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const safe = consoleSafe(text);
        expect(safe.split('\n')).toHaveLength(text.split('\n').length);
        for (const line of safe.split('\n')) expect(line).not.toMatch(/^\s*(::|##)/);
      }),
    );
  });
});
