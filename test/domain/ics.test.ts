// The .ics a binôme downloads: CRLF lines of at most 75 octets, TEXT escaped, and read back (unfolded, unescaped
// as RFC 5545 §3.1 and §3.3.11 say) to exactly what was written, accents and punctuation included.
import fc from 'fast-check';
import { buildIcs, escapeIcsText, type CalendarEvent } from '../../src/domain/ics';

/** A minimal RFC 5545 reader: unfolds lines, splits name and value, unescapes TEXT. */
function parseIcs(text: string): Array<Record<string, string>> {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  expect(physical.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
  const lines: string[] = [];
  for (const l of physical) {
    if (l.startsWith(' ')) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = undefined;
    } else if (current) {
      const i = line.indexOf(':');
      const value = line
        .slice(i + 1)
        .replace(/\\(\\|;|,|n|N)/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
      current[line.slice(0, i)] = value;
    }
  }
  return events;
}

describe('buildIcs', () => {
  const now = new Date('2022-06-14T08:00:00Z');

  it('writes all-day events with UID and DTSTAMP', () => {
    const ics = buildIcs(
      'Binôme 1',
      [{ uid: 'a@suivi-mes', date: '2022-06-28', summary: 'Point — GH COCHIN' }],
      now,
    );
    const [event] = parseIcs(ics);
    expect(event).toEqual({
      UID: 'a@suivi-mes',
      DTSTAMP: '20220614T080000Z',
      'DTSTART;VALUE=DATE': '20220628',
      'DTEND;VALUE=DATE': '20220629',
      SUMMARY: 'Point — GH COCHIN',
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
  });

  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeIcsText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('reads back any text exactly, folded at 75 octets without splitting a character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.string({ maxLength: 200 }),
        (summary, description) => {
          const text = (s: string) => s.replace(/\r\n|\r/g, '\n');
          const event: CalendarEvent = {
            uid: 'u@x',
            date: '2022-07-01',
            summary,
            description: description || undefined,
          };
          const [back] = parseIcs(buildIcs('Cal', [event], now));
          expect(back?.SUMMARY).toBe(text(summary));
          if (description) expect(back?.DESCRIPTION).toBe(text(description));
        },
      ),
      { numRuns: 200 },
    );
  });
});
