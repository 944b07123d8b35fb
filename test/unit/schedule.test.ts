import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORKING_HOURS,
  agendaReminderDueAt,
  briefDueAt,
  describeRecurrence,
  firstOccurrenceDate,
  formatMeetingTime,
  isWithinWorkingHours,
  nextOccurrence,
  occurrencesBetween,
  parseOneOnOneSpec,
  previousOccurrence,
  type TOneOnOneSpec,
  type TRecurrence,
  type TWeekOfMonth,
  type TWorkingHours,
  anchorDateFor,
  weekOfMonthOf,
  weekdayName,
} from '../../src/domain/schedule';

const LA = 'America/Los_Angeles';
const NY = 'America/New_York';
const LONDON = 'Europe/London';
const SYDNEY = 'Australia/Sydney';
const KOLKATA = 'Asia/Kolkata';
const KATHMANDU = 'Asia/Kathmandu';
const EXAMPLE = '/coach 1on1 @rep weekly tue 10:00';

const z = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const iso = (dt: DateTime | null) => dt && dt.toUTC().toISO({ suppressMilliseconds: true });
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone });
const weekly = (tz: string, weekday: number, localTime: string, anchorDate: string): TRecurrence => ({
  cadence: 'weekly', weekday, localTime, tz, anchorDate,
});
const biweekly = (tz: string, weekday: number, localTime: string, anchorDate: string): TRecurrence => ({
  ...weekly(tz, weekday, localTime, anchorDate), cadence: 'biweekly',
});

describe('parseOneOnOneSpec', () => {
  const good: { words: string[]; want: TOneOnOneSpec }[] = [
    { words: ['weekly', 'tue', '10:00'], want: { cadence: 'weekly', weekday: 2, localTime: '10:00' } },
    { words: ['10:00', 'Tue', 'WEEKLY'], want: { cadence: 'weekly', weekday: 2, localTime: '10:00' } },
    { words: ['weekly thu 9am'], want: { cadence: 'weekly', weekday: 4, localTime: '09:00' } },
    { words: ['biweekly', 'thursday', '9:30'], want: { cadence: 'biweekly', weekday: 4, localTime: '09:30' } },
    { words: ['Fortnightly', 'fri', '09:30'], want: { cadence: 'biweekly', weekday: 5, localTime: '09:30' } },
    { words: ['bi-weekly', 'Wednesdays', '2:30pm'], want: { cadence: 'biweekly', weekday: 3, localTime: '14:30' } },
    { words: ['every-other-week', 'WEDS', '2:30', 'PM'], want: { cadence: 'biweekly', weekday: 3, localTime: '14:30' } },
    { words: ['weekly', 'mon', '10', 'am'], want: { cadence: 'weekly', weekday: 1, localTime: '10:00' } },
    { words: ['10am', 'monday', 'weekly'], want: { cadence: 'weekly', weekday: 1, localTime: '10:00' } },
    { words: ['weekly', 'tues', '10:00am'], want: { cadence: 'weekly', weekday: 2, localTime: '10:00' } },
    { words: ['tuesdays', 'weekly', '2:30', 'p.m.'], want: { cadence: 'weekly', weekday: 2, localTime: '14:30' } },
    { words: ['weekly', 'thur', '12pm'], want: { cadence: 'weekly', weekday: 4, localTime: '12:00' } },
    { words: ['weekly', 'thurs', '12am'], want: { cadence: 'weekly', weekday: 4, localTime: '00:00' } },
    { words: ['weekly', 'thu,', 'noon'], want: { cadence: 'weekly', weekday: 4, localTime: '12:00' } },
    { words: ['weekly,', 'thu,', '10:00,'], want: { cadence: 'weekly', weekday: 4, localTime: '10:00' } },
    { words: ['weekly', 'sat', '11:59pm'], want: { cadence: 'weekly', weekday: 6, localTime: '23:59' } },
    { words: ['weekly', 'Saturday', '0:00'], want: { cadence: 'weekly', weekday: 6, localTime: '00:00' } },
    { words: ['sun', '23:59', 'weekly'], want: { cadence: 'weekly', weekday: 7, localTime: '23:59' } },
    { words: ['  Sundays ', 'weekly', '1:05am'], want: { cadence: 'weekly', weekday: 7, localTime: '01:05' } },
    { words: ['weekly', 'weekly', 'tue', 'tue', '10:00', '10am'], want: { cadence: 'weekly', weekday: 2, localTime: '10:00' } },
    // Monthly: the first such weekday unless another week of the month is named.
    { words: ['monthly', 'tue', '10:00'], want: { cadence: 'monthly', weekday: 2, localTime: '10:00', weekOfMonth: 1 } },
    { words: ['Monthly', '2nd', 'tue', '10:00'], want: { cadence: 'monthly', weekday: 2, localTime: '10:00', weekOfMonth: 2 } },
    { words: ['monthly', 'third', 'Wednesday', '9am'], want: { cadence: 'monthly', weekday: 3, localTime: '09:00', weekOfMonth: 3 } },
    { words: ['monthly', '4th', 'thu', '16:00'], want: { cadence: 'monthly', weekday: 4, localTime: '16:00', weekOfMonth: 4 } },
    { words: ['monthly', 'last', 'fri', '15:00'], want: { cadence: 'monthly', weekday: 5, localTime: '15:00', weekOfMonth: 'last' } },
    { words: ['last', 'friday', '3pm'], want: { cadence: 'monthly', weekday: 5, localTime: '15:00', weekOfMonth: 'last' } },
    { words: ['first', 'mon', '9:30', 'monthly'], want: { cadence: 'monthly', weekday: 1, localTime: '09:30', weekOfMonth: 1 } },
  ];
  it.each(good)('reads $words', ({ words, want }) => {
    expect(parseOneOnOneSpec(words)).toEqual({ ok: true, spec: want });
  });

  const bad: { words: string[]; want: string }[] = [
    { words: [], want: 'Tell me how often (weekly, biweekly or monthly) and which day (e.g. tue) and what time (e.g. 10:00).' },
    { words: ['tue', '10:00'], want: 'how often (weekly, biweekly or monthly)' },
    { words: ['weekly', '10:00'], want: 'which day' },
    { words: ['weekly', 'tue'], want: 'what time' },
    { words: ['weekly', 'tue', '25:00'], want: `"25:00" isn't a time of day` },
    { words: ['weekly', 'tue', '24:00'], want: `"24:00" isn't a time of day` },
    { words: ['weekly', 'tue', '10:75'], want: `"10:75" isn't a time of day` },
    { words: ['weekly', 'tue', '10:60'], want: `"10:60" isn't a time of day` },
    { words: ['weekly', 'tue', '13pm'], want: `"13pm" isn't a time of day` },
    { words: ['weekly', 'tue', '13', 'PM'], want: `"13 PM" isn't a time of day` },
    { words: ['weekly', 'tue', '0am'], want: `"0am" isn't a time of day` },
    { words: ['weekly', 'tue', '10'], want: `"10" isn't a time of day` },
    { words: ['weekly', 'tue', '10:00', 'banana'], want: `I didn't understand "banana"` },
    { words: ['blorp', 'weekly'], want: `I didn't understand "blorp"` },
    { words: ['weekly', '2nd', 'tue', '10:00'], want: '"second" goes with monthly' },
    { words: ['monthly', '5th', 'tue', '10:00'], want: 'Not every month has a fifth one' },
    { words: ['monthly', '1st', 'last', 'tue', '10:00'], want: 'Pick one week of the month' },
    { words: ['monthly', 'weekly', 'tue', '10:00'], want: 'Pick one cadence: weekly, biweekly or monthly' },
    { words: ['weekly', 'tue', 'wed', '10:00'], want: 'Pick one day' },
    { words: ['weekly', 'biweekly', 'tue', '10:00'], want: 'Pick one cadence' },
    { words: ['weekly', 'tue', '10:00', '11:00'], want: 'Pick one time' },
    { words: ['weekly', 'q'.repeat(5000)], want: `"${'q'.repeat(40)}…"` },
    { words: ['`<!channel>&`', 'weekly'], want: `"!channel"` },
    { words: ['weekly', 'tue', '`99:99`'], want: `I didn't understand "99:99"` },
  ];
  it.each(bad)('rejects $words', ({ words, want }) => {
    const result = parseOneOnOneSpec(words);
    if (result.ok) throw new Error(`accepted ${JSON.stringify(result.spec)}`);
    expect(result.message).toContain(want);
    expect(result.message).toContain(EXAMPLE);
    expect(result.message.length).toBeLessThanOrEqual(300);
    // Only the example's own pair of backticks; nothing typed can open a code span or a <!mention>.
    expect(result.message.match(/`/g)).toHaveLength(2);
    expect(result.message).not.toMatch(/[<>&]/);
    expect(Math.max(...(result.message.match(/q+/g) ?? ['']).map((run) => run.length))).toBeLessThanOrEqual(40);
  });
});

describe('occurrencesBetween across DST and odd offsets', () => {
  const scenarios: { name: string; rec: TRecurrence; from: string; to: string; want: string[] }[] = [
    // 10:00 PST = 18:00Z, 10:00 PDT = 17:00Z.
    { name: 'LA spring forward', rec: weekly(LA, 2, '10:00', '2026-03-03'), from: '2026-03-01', to: '2026-03-18',
      want: ['2026-03-03T18:00:00Z', '2026-03-10T17:00:00Z', '2026-03-17T17:00:00Z'] },
    { name: 'LA fall back', rec: weekly(LA, 2, '10:00', '2026-03-03'), from: '2026-10-26', to: '2026-11-04',
      want: ['2026-10-27T17:00:00Z', '2026-11-03T18:00:00Z'] },
    // 02:30 does not exist on 8 March: 03:30 PDT = 10:30Z, the same instant as 02:30 PST the week before.
    { name: 'LA 02:30 on spring-forward Sunday', rec: weekly(LA, 7, '02:30', '2026-03-01'), from: '2026-03-01', to: '2026-03-16',
      want: ['2026-03-01T10:30:00Z', '2026-03-08T10:30:00Z', '2026-03-15T09:30:00Z'] },
    // 01:30 happens twice on 1 November: the first one (PDT, 08:30Z), and only once.
    { name: 'LA 01:30 on fall-back Sunday', rec: weekly(LA, 7, '01:30', '2026-10-25'), from: '2026-10-20', to: '2026-11-09',
      want: ['2026-10-25T08:30:00Z', '2026-11-01T08:30:00Z', '2026-11-08T09:30:00Z'] },
    { name: 'London spring forward', rec: weekly(LONDON, 1, '09:00', '2026-03-23'), from: '2026-03-20', to: '2026-04-01',
      want: ['2026-03-23T09:00:00Z', '2026-03-30T08:00:00Z'] },
    { name: 'London fall back', rec: weekly(LONDON, 1, '09:00', '2026-03-23'), from: '2026-10-19', to: '2026-10-27',
      want: ['2026-10-19T08:00:00Z', '2026-10-26T09:00:00Z'] },
    // London's gap is 01:00–02:00 GMT: 01:30 → 02:30 BST = 01:30Z; its overlap's first 01:30 is BST = 00:30Z.
    { name: 'London 01:30 Sundays', rec: weekly(LONDON, 7, '01:30', '2026-03-22'), from: '2026-03-22', to: '2026-03-30',
      want: ['2026-03-22T01:30:00Z', '2026-03-29T01:30:00Z'] },
    { name: 'London 01:30 fall-back Sunday', rec: weekly(LONDON, 7, '01:30', '2026-03-22'), from: '2026-10-24', to: '2026-11-02',
      want: ['2026-10-25T00:30:00Z', '2026-11-01T01:30:00Z'] },
    // Sydney: 09:00 AEDT (+11) = 22:00Z the day before, 09:00 AEST (+10) = 23:00Z the day before.
    { name: 'Sydney fall back', rec: weekly(SYDNEY, 1, '09:00', '2026-03-30'), from: '2026-03-29', to: '2026-04-07',
      want: ['2026-03-29T22:00:00Z', '2026-04-05T23:00:00Z'] },
    { name: 'Sydney spring forward', rec: weekly(SYDNEY, 1, '09:00', '2026-03-30'), from: '2026-09-27', to: '2026-10-05',
      want: ['2026-09-27T23:00:00Z', '2026-10-04T22:00:00Z'] },
    { name: 'Sydney 02:30 twice on 5 April, earlier one', rec: weekly(SYDNEY, 7, '02:30', '2026-04-05'), from: '2026-04-01', to: '2026-04-13',
      want: ['2026-04-04T15:30:00Z', '2026-04-11T16:30:00Z'] },
    { name: 'Sydney 02:30 missing on 4 October, 03:30 AEDT', rec: weekly(SYDNEY, 7, '02:30', '2026-09-27'), from: '2026-09-26', to: '2026-10-05',
      want: ['2026-09-26T16:30:00Z', '2026-10-03T16:30:00Z'] },
    { name: 'Kolkata +05:30', rec: weekly(KOLKATA, 3, '18:00', '2026-01-07'), from: '2026-01-01', to: '2026-01-15',
      want: ['2026-01-07T12:30:00Z', '2026-01-14T12:30:00Z'] },
    { name: 'Kathmandu +05:45', rec: weekly(KATHMANDU, 5, '09:15', '2026-01-02'), from: '2026-01-01', to: '2026-01-10',
      want: ['2026-01-02T03:30:00Z', '2026-01-09T03:30:00Z'] },
    // 14 calendar days from 24 Feb to 10 March are 335 hours: millisecond weeks would call it week 1 (odd).
    { name: 'biweekly parity across LA spring forward', rec: biweekly(LA, 2, '10:00', '2026-02-24'), from: '2026-02-20', to: '2026-04-01',
      want: ['2026-02-24T18:00:00Z', '2026-03-10T17:00:00Z', '2026-03-24T17:00:00Z'] },
    { name: 'biweekly parity across London fall back', rec: biweekly(LONDON, 1, '09:00', '2026-10-19'), from: '2026-10-01', to: '2026-11-10',
      want: ['2026-10-19T08:00:00Z', '2026-11-02T09:00:00Z'] },
    { name: 'biweekly across the year boundary', rec: biweekly(LONDON, 4, '10:00', '2026-12-17'), from: '2026-12-20', to: '2027-01-29',
      want: ['2026-12-31T10:00:00Z', '2027-01-14T10:00:00Z', '2027-01-28T10:00:00Z'] },
    { name: 'biweekly Sydney summer over new year', rec: biweekly(SYDNEY, 4, '10:00', '2026-12-17'), from: '2026-12-01', to: '2027-01-14',
      want: ['2026-12-16T23:00:00Z', '2026-12-30T23:00:00Z', '2027-01-13T23:00:00Z'] },
    { name: 'anchor off the weekday starts at the next match', rec: biweekly(LA, 2, '10:00', '2026-02-25'), from: '2026-02-01', to: '2026-03-20',
      want: ['2026-03-03T18:00:00Z', '2026-03-17T17:00:00Z'] },
    { name: 'nothing before the anchor', rec: weekly(LA, 2, '10:00', '2026-03-10'), from: '2026-01-01', to: '2026-03-11',
      want: ['2026-03-10T17:00:00Z'] },
    { name: 'empty range', rec: weekly(LA, 2, '10:00', '2026-03-03'), from: '2026-03-11', to: '2026-03-11', want: [] },
  ];
  it.each(scenarios)('$name', ({ rec, from, to, want }) => {
    const got = occurrencesBetween(rec, z(from), z(to));
    expect(got.map(iso)).toEqual(want);
    expect(got.every((dt) => dt.zoneName === rec.tz)).toBe(true);
  });
});

describe('nextOccurrence and previousOccurrence', () => {
  const scenarios: { name: string; rec: TRecurrence; at: string; next: string; previous: string | null }[] = [
    { name: 'exactly at a start is next, not previous', rec: weekly(LA, 2, '10:00', '2026-03-03'), at: '2026-03-10T17:00:00Z',
      next: '2026-03-10T17:00:00Z', previous: '2026-03-03T18:00:00Z' },
    { name: 'the shifted 02:30 start', rec: weekly(LA, 7, '02:30', '2026-03-01'), at: '2026-03-08T10:00:00Z',
      next: '2026-03-08T10:30:00Z', previous: '2026-03-01T10:30:00Z' },
    { name: 'just after the shifted start', rec: weekly(LA, 7, '02:30', '2026-03-01'), at: '2026-03-08T10:30:00.001Z',
      next: '2026-03-15T09:30:00Z', previous: '2026-03-08T10:30:00Z' },
    { name: 'the second 01:30 is no meeting', rec: weekly(LA, 7, '01:30', '2026-10-25'), at: '2026-11-01T09:00:00Z',
      next: '2026-11-08T09:30:00Z', previous: '2026-11-01T08:30:00Z' },
    { name: 'before the anchor', rec: weekly(LA, 7, '02:30', '2026-03-01'), at: '2026-02-01T00:00:00Z',
      next: '2026-03-01T10:30:00Z', previous: null },
    { name: 'at the anchor occurrence', rec: weekly(LA, 7, '02:30', '2026-03-01'), at: '2026-03-01T10:30:00Z',
      next: '2026-03-01T10:30:00Z', previous: null },
    { name: 'biweekly skips the off week over DST', rec: biweekly(LA, 2, '10:00', '2026-02-24'), at: '2026-03-04T00:00:00Z',
      next: '2026-03-10T17:00:00Z', previous: '2026-02-24T18:00:00Z' },
    { name: 'biweekly over new year', rec: biweekly(LONDON, 4, '10:00', '2026-12-17'), at: '2027-01-01T00:00:00Z',
      next: '2027-01-14T10:00:00Z', previous: '2026-12-31T10:00:00Z' },
    { name: 'Kathmandu, UTC date before local date', rec: weekly(KATHMANDU, 5, '02:00', '2026-01-02'), at: '2026-01-08T20:00:00Z',
      next: '2026-01-08T20:15:00Z', previous: '2026-01-01T20:15:00Z' },
    { name: 'Sydney earlier 02:30 on fall-back day', rec: weekly(SYDNEY, 7, '02:30', '2026-03-29'), at: '2026-04-04T15:45:00Z',
      next: '2026-04-11T16:30:00Z', previous: '2026-04-04T15:30:00Z' },
  ];
  it.each(scenarios)('$name', ({ rec, at, next, previous }) => {
    expect(iso(nextOccurrence(rec, z(at)))).toBe(next);
    expect(iso(previousOccurrence(rec, z(at)))).toBe(previous);
  });
});

describe('firstOccurrenceDate', () => {
  const scenarios: { spec: TOneOnOneSpec; tz: string; from: string; want: string }[] = [
    { spec: { cadence: 'weekly', weekday: 2, localTime: '10:00' }, tz: LA, from: '2026-03-03T17:59:00Z', want: '2026-03-03' },
    { spec: { cadence: 'weekly', weekday: 2, localTime: '10:00' }, tz: LA, from: '2026-03-03T18:00:00Z', want: '2026-03-10' },
    { spec: { cadence: 'biweekly', weekday: 7, localTime: '02:30' }, tz: LA, from: '2026-03-07T12:00:00Z', want: '2026-03-08' },
    { spec: { cadence: 'weekly', weekday: 1, localTime: '09:00' }, tz: KOLKATA, from: '2026-11-29T22:00:00Z', want: '2026-11-30' },
    { spec: { cadence: 'weekly', weekday: 4, localTime: '10:00' }, tz: LONDON, from: '2026-12-31T10:00:00Z', want: '2027-01-07' },
  ];
  it.each(scenarios)('$spec.weekday $spec.localTime in $tz after $from', ({ spec, tz, from, want }) => {
    expect(firstOccurrenceDate(spec, tz, z(from))).toBe(want);
  });
});

describe('describing and formatting', () => {
  it('names weekdays and recurrences, and rejects bad zones and instants', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(weekdayName)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(() => weekdayName(0)).toThrow(RangeError);
    expect(describeRecurrence({ cadence: 'weekly', weekday: 2, localTime: '10:00' })).toBe('every Tuesday at 10:00');
    expect(describeRecurrence({ cadence: 'biweekly', weekday: 2, localTime: '10:00' })).toBe('every other Tuesday at 10:00');
    expect(() => nextOccurrence(weekly('Mars/Olympus', 2, '10:00', '2026-03-03'), z('2026-03-03'))).toThrow(RangeError);
    expect(() => firstOccurrenceDate({ cadence: 'weekly', weekday: 2, localTime: '10:00' }, LA, DateTime.invalid('test'))).toThrow(RangeError);
  });

  // A manager in New York, a rep in Kolkata (+05:30, no DST): the gap is 10:30 in winter, 9:30 in summer.
  const scenarios: { meeting: string; viewerTz: string; want: string }[] = [
    { meeting: '2026-11-30T20:00', viewerTz: NY, want: 'Mon 30 Nov, 20:00' },
    { meeting: '2026-11-30T20:00', viewerTz: KOLKATA, want: 'Tue 1 Dec, 06:30' },
    { meeting: '2026-06-01T20:00', viewerTz: KOLKATA, want: 'Tue 2 Jun, 05:30' },
    { meeting: '2026-09-08T10:00', viewerTz: KOLKATA, want: 'Tue 8 Sep, 19:30' },
    { meeting: '2026-09-08T10:00', viewerTz: KATHMANDU, want: 'Tue 8 Sep, 19:45' },
  ];
  it.each(scenarios)('$meeting New York as seen in $viewerTz', ({ meeting, viewerTz, want }) => {
    expect(formatMeetingTime(local(meeting, NY), viewerTz)).toBe(want);
  });
});

describe('briefDueAt (manager in New York)', () => {
  const early: TWorkingHours = { days: [2, 3, 4, 5, 6], start: '07:00', end: '15:00' };
  const scenarios: { name: string; meeting: string; lead: number; hours?: TWorkingHours; want: string }[] = [
    { name: 'lead time inside working hours', meeting: '2026-12-01T10:00', lead: 60, want: '2026-12-01T09:00' },
    { name: '09:00 meeting: previous working evening', meeting: '2026-12-01T09:00', lead: 60, want: '2026-11-30T17:30' },
    { name: 'Monday 09:00: Friday evening', meeting: '2026-11-30T09:00', lead: 60, want: '2026-11-27T17:30' },
    { name: 'Monday 09:20: the morning is too close', meeting: '2026-11-30T09:20', lead: 60, want: '2026-11-27T17:30' },
    { name: 'Monday 09:30: the morning is exactly 30 min before', meeting: '2026-11-30T09:30', lead: 60, want: '2026-11-30T09:00' },
    { name: '120 min lead: the morning', meeting: '2026-12-01T10:00', lead: 120, want: '2026-12-01T09:00' },
    { name: 'evening meeting: end of the same day', meeting: '2026-12-01T20:00', lead: 60, want: '2026-12-01T17:30' },
    { name: 'Saturday meeting: Friday evening', meeting: '2026-12-05T10:00', lead: 60, want: '2026-12-04T17:30' },
    { name: 'lead 0 would be the meeting itself', meeting: '2026-12-01T10:00', lead: 0, want: '2026-11-30T17:30' },
    { name: 'custom hours: the morning', meeting: '2026-12-01T08:00', lead: 90, hours: early, want: '2026-12-01T07:00' },
    { name: 'custom days: Saturday evening before a Tuesday', meeting: '2026-12-01T07:15', lead: 60, hours: early, want: '2026-11-28T14:30' },
    { name: 'a 20-minute window: its start', meeting: '2026-12-01T12:00', lead: 60,
      hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '09:20' }, want: '2026-12-01T09:00' },
    { name: 'no working days: the ideal time', meeting: '2026-12-01T10:00', lead: 60,
      hours: { days: [], start: '09:00', end: '18:00' }, want: '2026-12-01T09:00' },
    { name: 'over the fall-back weekend', meeting: '2026-11-02T09:00', lead: 60, want: '2026-10-30T17:30' },
    { name: 'over the spring-forward weekend', meeting: '2026-03-09T09:00', lead: 60, want: '2026-03-06T17:30' },
  ];
  it.each(scenarios)('$name', ({ meeting, lead, hours, want }) => {
    const due = briefDueAt(local(meeting, NY), lead, NY, hours ?? DEFAULT_WORKING_HOURS);
    expect(iso(due)).toBe(iso(local(want, NY)));
    expect(due.zoneName).toBe(NY);
  });

  it('uses the manager zone, not the meeting zone', () => {
    // 09:00 in LA is 12:00 in New York, so 11:00 there is inside working hours.
    expect(iso(briefDueAt(local('2026-12-01T09:00', LA), 60, NY, DEFAULT_WORKING_HOURS))).toBe('2026-12-01T16:00:00Z');
  });
});

describe('agendaReminderDueAt', () => {
  const scenarios: { name: string; meeting: string; meetingTz: string; repTz: string; hours?: TWorkingHours; want: string | null }[] = [
    { name: 'Tuesday meeting: Monday 15:00', meeting: '2026-12-01T10:00', meetingTz: NY, repTz: NY, want: '2026-11-30T20:00:00Z' },
    { name: 'Monday meeting: Friday 15:00', meeting: '2026-11-30T10:00', meetingTz: NY, repTz: NY, want: '2026-11-27T20:00:00Z' },
    // Monday 20:00 in New York is Tuesday 06:30 in Kolkata: the rep's Monday 15:00 IST.
    { name: 'rep a day ahead in Kolkata', meeting: '2026-11-30T20:00', meetingTz: NY, repTz: KOLKATA, want: '2026-11-30T09:30:00Z' },
    { name: 'rep in Kolkata, Tuesday morning NY', meeting: '2026-12-01T10:00', meetingTz: NY, repTz: KOLKATA, want: '2026-11-30T09:30:00Z' },
    { name: 'rep over spring forward in LA', meeting: '2026-03-09T10:00', meetingTz: LA, repTz: LA, want: '2026-03-06T23:00:00Z' },
    { name: 'hours ending at 14:00: 13:30', meeting: '2026-12-01T10:00', meetingTz: NY, repTz: NY,
      hours: { days: [1, 2, 3, 4, 5], start: '07:00', end: '14:00' }, want: '2026-11-30T18:30:00Z' },
    { name: 'hours starting at 16:00: 16:00', meeting: '2026-12-01T10:00', meetingTz: NY, repTz: NY,
      hours: { days: [1, 2, 3, 4, 5], start: '16:00', end: '20:00' }, want: '2026-11-30T21:00:00Z' },
    { name: 'a 20-minute window: its start', meeting: '2026-12-01T10:00', meetingTz: NY, repTz: NY,
      hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '09:20' }, want: '2026-11-30T14:00:00Z' },
    { name: 'Sunday–Thursday week: Thursday before Sunday', meeting: '2026-12-06T10:00', meetingTz: KOLKATA, repTz: KOLKATA,
      hours: { days: [7, 1, 2, 3, 4], start: '09:00', end: '18:00' }, want: '2026-12-03T09:30:00Z' },
    { name: 'no working days', meeting: '2026-12-01T10:00', meetingTz: NY, repTz: NY,
      hours: { days: [], start: '09:00', end: '18:00' }, want: null },
  ];
  it.each(scenarios)('$name', ({ meeting, meetingTz, repTz, hours, want }) => {
    const due = agendaReminderDueAt(local(meeting, meetingTz), repTz, hours ?? DEFAULT_WORKING_HOURS);
    expect(iso(due)).toBe(want);
    if (due) expect(due.zoneName).toBe(repTz);
  });
});

describe('schedule properties', () => {
  const zones = [LA, NY, LONDON, SYDNEY, KOLKATA, KATHMANDU, 'UTC', 'Pacific/Chatham', 'Australia/Lord_Howe'];
  const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  const recurrence = fc.record({
    cadence: fc.constantFrom<TRecurrence['cadence']>('weekly', 'biweekly'),
    weekday: fc.integer({ min: 1, max: 7 }),
    localTime: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => hhmm(h, m)),
    tz: fc.constantFrom(...zones),
    anchorDate: fc.integer({ min: 0, max: 1094 }).map((d) => z('2025-01-01').plus({ days: d }).toISODate() ?? ''),
  });
  const instant = fc.integer({ min: z('2026-01-01').toMillis(), max: z('2028-01-01').toMillis() - 1 })
    .map((ms) => DateTime.fromMillis(ms, { zone: 'utc' }));
  const workingHours = fc.record({
    days: fc.subarray([1, 2, 3, 4, 5, 6, 7]),
    start: fc.integer({ min: 20, max: 48 }).map((q) => hhmm(Math.floor(q / 4), (q % 4) * 15)),
    end: fc.integer({ min: 50, max: 88 }).map((q) => hhmm(Math.floor(q / 4), (q % 4) * 15)),
  });
  const minutes = (dt: DateTime) => dt.hour * 60 + dt.minute;

  it('nextOccurrence is at or after `at`, on the right day, at the local time unless a gap moved it', () => {
    fc.assert(fc.property(recurrence, instant, (rec, at) => {
      const next = nextOccurrence(rec, at).setZone(rec.tz);
      expect(next >= at).toBe(true);
      expect(next.weekday).toBe(rec.weekday);
      const [h = 0, m = 0] = rec.localTime.split(':').map(Number);
      // In a gap the clock jumped by (offset now - offset just before); the start moved forward by as much.
      const jump = next.offset - IANAZone.create(rec.tz).offset(next.toMillis() - 3 * 3_600_000);
      expect([h * 60 + m, h * 60 + m + jump]).toContain(minutes(next));
      const days = Math.round(DateTime.fromISO(next.toISODate() ?? '', { zone: 'utc' })
        .diff(DateTime.fromISO(rec.anchorDate, { zone: 'utc' }), 'days').days);
      expect(days).toBeGreaterThanOrEqual(0);
      expect(days % (rec.cadence === 'biweekly' ? 14 : 7)).toBe((rec.weekday - DateTime.fromISO(rec.anchorDate).weekday + 7) % 7);
    }), { numRuns: 500 });
  });

  it('nothing lies between previousOccurrence and nextOccurrence', () => {
    fc.assert(fc.property(recurrence, instant, (rec, at) => {
      const previous = previousOccurrence(rec, at);
      const next = nextOccurrence(rec, at);
      if (previous) expect(previous < at).toBe(true);
      const from = previous ?? DateTime.fromISO(rec.anchorDate, { zone: 'utc' }).minus({ days: 2 });
      const between = occurrencesBetween(rec, from, next.plus({ milliseconds: 1 })).map(iso);
      expect(between).toEqual([...(previous ? [iso(previous)] : []), iso(next)]);
    }), { numRuns: 500 });
  });

  it('briefDueAt is before the meeting and within working hours, or the ideal time when there are none', () => {
    fc.assert(fc.property(recurrence, instant, workingHours, fc.integer({ min: 1, max: 600 }), fc.constantFrom(...zones),
      (rec, at, hours, lead, tz) => {
        const meeting = nextOccurrence(rec, at);
        const due = briefDueAt(meeting, lead, tz, hours);
        if (hours.days.length === 0) {
          expect(iso(due)).toBe(iso(meeting.minus({ minutes: lead })));
        } else {
          expect(due < meeting).toBe(true);
          expect(isWithinWorkingHours(due, tz, hours)).toBe(true);
        }
      }), { numRuns: 500 });
  });

  it('agendaReminderDueAt is on an earlier working day, within working hours', () => {
    fc.assert(fc.property(recurrence, instant, workingHours, fc.constantFrom(...zones), (rec, at, hours, repTz) => {
      const meeting = nextOccurrence(rec, at);
      const due = agendaReminderDueAt(meeting, repTz, hours);
      if (hours.days.length === 0 || !due) {
        expect([hours.days.length, due]).toEqual([0, null]);
        return;
      }
      expect(due < meeting).toBe(true);
      expect((due.toISODate() ?? '') < (meeting.setZone(repTz).toISODate() ?? '')).toBe(true);
      expect(isWithinWorkingHours(due, repTz, hours)).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('monthly 1:1s', () => {
  const monthly = (tz: string, weekday: number, localTime: string, anchorDate: string): TRecurrence => ({ cadence: 'monthly', weekday, localTime, tz, anchorDate });
  const scenarios: { name: string; rec: TRecurrence; from: string; to: string; want: string[] }[] = [
    // US DST 2026: 8 March – 1 November. 10:00 EST = 15:00Z, EDT = 14:00Z.
    { name: 'first Tuesday in New York through a year of DST', rec: monthly(NY, 2, '10:00', '2026-01-06'), from: '2026-01-01', to: '2027-01-01',
      want: ['2026-01-06T15:00:00Z', '2026-02-03T15:00:00Z', '2026-03-03T15:00:00Z', '2026-04-07T14:00:00Z', '2026-05-05T14:00:00Z',
        '2026-06-02T14:00:00Z', '2026-07-07T14:00:00Z', '2026-08-04T14:00:00Z', '2026-09-01T14:00:00Z', '2026-10-06T14:00:00Z',
        '2026-11-03T15:00:00Z', '2026-12-01T15:00:00Z'] },
    // UK summer time 2026: 29 March – 25 October. Fridays: four in Feb, Mar, Apr, Jun, Aug, Sep, Nov, Dec; five in Jan, May, Jul, Oct.
    { name: 'last Friday in London, four- and five-Friday months, both DST changes', rec: monthly(LONDON, 5, '15:00', '2026-01-30'), from: '2026-01-01', to: '2027-01-01',
      want: ['2026-01-30T15:00:00Z', '2026-02-27T15:00:00Z', '2026-03-27T15:00:00Z', '2026-04-24T14:00:00Z', '2026-05-29T14:00:00Z',
        '2026-06-26T14:00:00Z', '2026-07-31T14:00:00Z', '2026-08-28T14:00:00Z', '2026-09-25T14:00:00Z', '2026-10-30T15:00:00Z',
        '2026-11-27T15:00:00Z', '2026-12-25T15:00:00Z'] },
    // October 2026 has five Thursdays (1…29), November four (5…26), December five (3…31).
    { name: 'fourth Thursday stays the fourth in a five-Thursday month', rec: monthly('UTC', 4, '09:00', '2026-09-24'), from: '2026-09-01', to: '2027-01-01',
      want: ['2026-09-24T09:00:00Z', '2026-10-22T09:00:00Z', '2026-11-26T09:00:00Z', '2026-12-24T09:00:00Z'] },
    { name: 'last Thursday is the fifth when there is one', rec: monthly('UTC', 4, '09:00', '2026-10-29'), from: '2026-09-01', to: '2027-01-01',
      want: ['2026-10-29T09:00:00Z', '2026-11-26T09:00:00Z', '2026-12-31T09:00:00Z'] },
    // 8 March 2026, the second Sunday, is LA's spring-forward day: 02:30 does not exist, 03:30 PDT = 10:30Z.
    { name: 'second Sunday 02:30 in LA falls in the spring-forward gap', rec: monthly(LA, 7, '02:30', '2026-02-08'), from: '2026-02-01', to: '2026-05-01',
      want: ['2026-02-08T10:30:00Z', '2026-03-08T10:30:00Z', '2026-04-12T09:30:00Z'] },
    // 1 November 2026, the first Sunday, is New York's fall-back day: 01:30 happens twice, the earlier (EDT) counts.
    { name: 'first Sunday 01:30 in New York on the fall-back day', rec: monthly(NY, 7, '01:30', '2026-10-04'), from: '2026-10-01', to: '2027-01-01',
      want: ['2026-10-04T05:30:00Z', '2026-11-01T05:30:00Z', '2026-12-06T06:30:00Z'] },
    { name: 'nothing before the anchor', rec: monthly(NY, 2, '10:00', '2026-06-02'), from: '2026-01-01', to: '2026-08-01',
      want: ['2026-06-02T14:00:00Z', '2026-07-07T14:00:00Z'] },
  ];
  it.each(scenarios)('$name', ({ rec, from, to, want }) => {
    expect(occurrencesBetween(rec, z(from), z(to)).map(iso)).toEqual(want);
  });

  const anchors: { what: string; spec: TOneOnOneSpec; from: string; want: { anchor: string; next: string; text: string } }[] = [
    { what: 'first Tuesday, from the Tuesday before', spec: { cadence: 'monthly', weekday: 2, localTime: '10:00', weekOfMonth: 1 }, from: '2026-11-24T12:00:00Z',
      want: { anchor: '2026-12-01', next: '2026-12-01T10:00:00Z', text: 'the first Tuesday of each month at 10:00' } },
    { what: 'first Tuesday, a minute before it', spec: { cadence: 'monthly', weekday: 2, localTime: '10:00', weekOfMonth: 1 }, from: '2026-12-01T09:59:00Z',
      want: { anchor: '2026-12-01', next: '2026-12-01T10:00:00Z', text: 'the first Tuesday of each month at 10:00' } },
    { what: 'first Tuesday, as it starts: next month', spec: { cadence: 'monthly', weekday: 2, localTime: '10:00', weekOfMonth: 1 }, from: '2026-12-01T10:00:00Z',
      want: { anchor: '2027-01-05', next: '2027-01-05T10:00:00Z', text: 'the first Tuesday of each month at 10:00' } },
    { what: 'fourth Tuesday, later on the day of one', spec: { cadence: 'monthly', weekday: 2, localTime: '10:00', weekOfMonth: 4 }, from: '2026-11-24T12:00:00Z',
      want: { anchor: '2026-12-22', next: '2026-12-22T10:00:00Z', text: 'the fourth Tuesday of each month at 10:00' } },
    // November 2026's last Friday (27th) is its fourth: anchored on 30 October, the last and fifth, so it still reads as "last".
    { what: 'last Friday whose next one is a fourth', spec: { cadence: 'monthly', weekday: 5, localTime: '15:00', weekOfMonth: 'last' }, from: '2026-11-24T12:00:00Z',
      want: { anchor: '2026-10-30', next: '2026-11-27T15:00:00Z', text: 'the last Friday of each month at 15:00' } },
    { what: 'weekly is unchanged', spec: { cadence: 'weekly', weekday: 2, localTime: '10:00' }, from: '2026-11-24T12:00:00Z',
      want: { anchor: '2026-12-01', next: '2026-12-01T10:00:00Z', text: 'every Tuesday at 10:00' } },
  ];
  it.each(anchors)('anchors $what', ({ spec, from, want }) => {
    const anchorDate = anchorDateFor(spec, LONDON, z(from));
    const rec = { ...spec, tz: LONDON, anchorDate };
    expect({ anchor: anchorDate, next: iso(nextOccurrence(rec, z(from))), text: describeRecurrence(rec) }).toEqual(want);
    if (spec.cadence === 'monthly') expect(weekOfMonthOf(anchorDate)).toBe(spec.weekOfMonth);
  });

  it.each([
    ['2026-12-01', 1], ['2026-12-07', 1], ['2026-12-08', 2], ['2026-12-15', 3], ['2026-12-22', 4], ['2026-12-28', 4], ['2026-12-29', 'last'], ['2026-10-31', 'last'],
  ] as const)('reads the week of the month of %s as %s', (date, want) => {
    expect(weekOfMonthOf(date)).toBe(want);
  });

  const monthlyRec = fc.record({
    weekday: fc.integer({ min: 1, max: 7 }),
    week: fc.constantFrom<TWeekOfMonth>(1, 2, 3, 4, 'last'),
    localTime: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    tz: fc.constantFrom(LA, NY, LONDON, SYDNEY, KATHMANDU, 'UTC'),
    from: fc.integer({ min: z('2025-01-01').toMillis(), max: z('2028-01-01').toMillis() }).map((ms) => DateTime.fromMillis(ms, { zone: 'utc' })),
  });
  it('every meeting is that week of its month, one a month, and nothing lies between previous and next', () => {
    fc.assert(fc.property(monthlyRec, ({ weekday, week, localTime, tz, from }) => {
      const spec: TOneOnOneSpec = { cadence: 'monthly', weekday, localTime, weekOfMonth: week };
      const rec = { cadence: 'monthly' as const, weekday, localTime, tz, anchorDate: anchorDateFor(spec, tz, from) };
      const starts = occurrencesBetween(rec, from, from.plus({ months: 14 }));
      expect(starts.length).toBeGreaterThanOrEqual(13);
      for (const start of starts) {
        const day = start.setZone(tz);
        const sameWeekday = (d: number) => DateTime.fromObject({ year: day.year, month: day.month, day: d }, { zone: 'utc' }).weekday === weekday;
        const ordinal = Array.from({ length: day.day }, (_, i) => i + 1).filter(sameWeekday).length;
        // The date's own weekday, unless a gap pushed the start past midnight (never for real meeting times).
        if (day.weekday !== weekday) continue;
        if (week === 'last') expect(day.plus({ days: 7 }).month).not.toBe(day.month);
        else expect(ordinal).toBe(week);
      }
      const months = starts.map((s) => s.setZone(tz).toFormat('yyyy-MM'));
      expect(new Set(months).size).toBe(months.length);
      const at = from.plus({ days: 40 });
      const previous = previousOccurrence(rec, at);
      const next = nextOccurrence(rec, at);
      if (previous) expect(occurrencesBetween(rec, previous.plus({ milliseconds: 1 }), next).length).toBe(0);
    }), { numRuns: 300 });
  });
});
