import { describe, expect, it } from 'vitest';
import { EventQueryError, parseSearch } from '../../../electron/core/eventlog/searchQuery';
import { csvCell, csvLine } from '../../../electron/core/eventlog/exportEvents';
import { sampleEvent } from '../../fixtures/eventlog/sampleEvents';

describe('parseSearch', () => {
  it('quotes every word so FTS5 operators in user text are plain words', () => {
    expect(parseSearch('upstream AND NEAR(x) col:val').match).toBe('"upstream"* AND "AND"* AND "NEAR(x)"* AND "col:val"*');
  });

  it('keeps phrases, prefixes and exclusions; words of three letters or more match as prefixes', () => {
    expect(parseSearch('"bind stopped" upstr* -debug').match).toBe('("bind stopped" AND "upstr"*) NOT ("debug")');
    expect(parseSearch('unreach').match).toBe('"unreach"*');
    expect(parseSearch('ok a*').match).toBe('"ok" AND "a"*');
  });

  it('escapes embedded quotes and LIKE wildcards', () => {
    const p = parseSearch('a"b 50%_off');
    expect(p.match).toBe('"a""b"* AND "50%_off"*');
    expect(p.like.must).toEqual(['%a"b%', '%50\\%\\_off%']);
  });

  it('explains malformed input instead of failing inside SQLite', () => {
    expect(() => parseSearch('"unclosed phrase')).toThrow(EventQueryError);
    expect(() => parseSearch('"unclosed phrase')).toThrow(/closing/);
    expect(() => parseSearch('*** --')).toThrow(/no words/);
    expect(() => parseSearch('-only -excluded')).toThrow(/at least one word/);
    expect(() => parseSearch('severity>=loud')).toThrow(/one of debug, info/);
    expect(() => parseSearch('server:')).toThrow(/needs a value/);
    expect(() => parseSearch('client:10.0.0.1"OR"1')).toThrow(/letters, digits/);
    expect(() => parseSearch('-server:dns-1')).toThrow(/only excludes/);
  });

  it('reads field terms out of the text', () => {
    const p = parseSearch('Server:dns-hq-2 type:bind* client:10.0.4.17 domain:example.com severity>=warning -severity:critical timeout');
    expect(p.match).toBe('"timeout"*');
    expect(p.fields).toEqual([
      { field: 'server', value: 'dns-hq-2', prefix: false, negated: false },
      { field: 'type', value: 'bind', prefix: true, negated: false },
      { field: 'client', value: '10.0.4.17', prefix: false, negated: false },
      { field: 'domain', value: 'example.com', prefix: false, negated: false },
      { field: 'severity', op: '>=', level: 'warning', negated: false },
      { field: 'severity', op: '=', level: 'critical', negated: true },
    ]);
  });

  it('reads blocked:yes/no (and true/false, any case) as the stored flag, and refuses any other value in words', () => {
    const p = parseSearch('blocked:yes -Blocked:FALSE blocked:true blocked:no');
    expect(p.match).toBeNull();
    expect(p.fields).toEqual([
      { field: 'blocked', blocked: true, negated: false },
      { field: 'blocked', blocked: false, negated: true },
      { field: 'blocked', blocked: true, negated: false },
      { field: 'blocked', blocked: false, negated: false },
    ]);
    // The bare word stays a word.
    expect(parseSearch('blocked').match).toBe('"blocked"*');
    for (const bad of ['blocked:', 'blocked:__proto__', 'blocked:constructor', 'blocked:hasOwnProperty', 'blocked:1', 'blocked:y']) {
      expect(() => parseSearch(bad), bad).toThrow(EventQueryError);
      expect(() => parseSearch(bad), bad).toThrow(/"blocked:" takes yes or no, e\.g\. blocked:yes/);
    }
  });

  it('takes a snake_case word for an event type', () => {
    const p = parseSearch('forwarder_status_change');
    expect(p.match).toBeNull();
    expect(p.fields).toEqual([{ field: 'type', value: 'forwarder_status_change', prefix: false, negated: false }]);
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
