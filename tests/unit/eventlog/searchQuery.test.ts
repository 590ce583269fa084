import { describe, expect, it } from 'vitest';
import { EventQueryError, parseSearch } from '../../../electron/core/eventlog/searchQuery';
import { csvCell, csvLine } from '../../../electron/core/eventlog/exportEvents';
import { sampleEvent } from '../../fixtures/eventlog/sampleEvents';

describe('parseSearch', () => {
  it('quotes every word so FTS5 operators in user text are plain words', () => {
    expect(parseSearch('upstream AND NEAR(x) col:val').match).toBe('"upstream" AND "AND" AND "NEAR(x)" AND "col:val"');
  });

  it('keeps phrases, prefixes and exclusions', () => {
    expect(parseSearch('"bind stopped" upstr* -debug').match).toBe('("bind stopped" AND "upstr"*) NOT ("debug")');
  });

  it('escapes embedded quotes and LIKE wildcards', () => {
    const p = parseSearch('a"b 50%_off');
    expect(p.match).toBe('"a""b" AND "50%_off"');
    expect(p.like.must).toEqual(['%a"b%', '%50\\%\\_off%']);
  });

  it('explains malformed input instead of failing inside SQLite', () => {
    expect(() => parseSearch('"unclosed phrase')).toThrow(EventQueryError);
    expect(() => parseSearch('"unclosed phrase')).toThrow(/closing/);
    expect(() => parseSearch('*** --')).toThrow(/no words/);
    expect(() => parseSearch('-only -excluded')).toThrow(/at least one word/);
  });
});

describe('CSV cells', () => {
  it('quotes per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('neutralises spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const lead of ['+', '-', '@']) expect(csvCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
  });

  it('writes one CRLF-terminated record per event', () => {
    const line = csvLine({ ...sampleEvent(1), title: '=cmd|calc', summary: 'x, "y"' });
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line).toContain(`'=cmd|calc`);
    expect(line).toContain('"x, ""y"""');
  });
});
