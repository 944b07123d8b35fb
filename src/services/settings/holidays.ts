import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/*
 * Public holidays by country and region (SPEC §2: nothing unsolicited "on their public holidays
 * (country/region setting)"), from date-holidays' bundled data: no network, no clock.
 *
 * Only type 'public' counts (bank, school, optional and observance days are ordinary working days for most
 * people), substitute days included (a Saturday holiday observed on Friday is a day off on Friday). Our
 * "region" is date-holidays' state level (ISO 3166-2 subdivision: US 'CA', DE 'BY', GB 'SCT').
 *
 * Building a Holidays instance parses its country's rules, and a year's holidays are computed once, so both
 * are memoised: the planner asks for every person on every run.
 */

const instances = new Map<string, Holidays | null>();
const years = new Map<string, ReadonlyMap<string, string>>();
// Names in English, whatever the country's language, because reasons and settings are in English.
const OPTIONS = { languages: ['en'], types: ['public' as const] };

/** The public holiday's name on a local date (yyyy-MM-dd) for the country and optional region, or null; null too for an unknown country or region. */
export function holidayOn(country: string | null, region: string | null, localDate: string): string | null {
  if (country === null || country === '') return null;
  const date = DateTime.fromFormat(localDate, 'yyyy-MM-dd', { zone: 'utc' });
  if (!date.isValid) return null;
  return holidaysOfYear(country, region, date.year)?.get(localDate) ?? null;
}

/** Countries for a settings menu, by name. */
export function listCountries(): { code: string; name: string }[] {
  return sortedEntries(new Holidays().getCountries('en'));
}

/** A country's regions (states, provinces…) for a settings menu, by name; empty for an unknown country or one without regions. */
export function listRegions(country: string): { code: string; name: string }[] {
  try {
    return sortedEntries(new Holidays().getStates(country, 'en') ?? {});
  } catch {
    return [];
  }
}

function sortedEntries(map: Record<string, string>): { code: string; name: string }[] {
  return Object.entries(map)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

function holidaysOfYear(country: string, region: string | null, year: number): ReadonlyMap<string, string> | null {
  const key = `${country}/${region ?? ''}`;
  const cached = years.get(`${key}/${year}`);
  if (cached) return cached;
  const instance = instanceFor(country, region, key);
  if (!instance) return null;
  const byDate = new Map<string, string>();
  try {
    for (const holiday of instance.getHolidays(year, 'en')) {
      if (holiday.type !== 'public') continue;
      for (const day of datesCovered(holiday, instance)) {
        // Two holidays on one day: name both, the way a calendar would.
        const other = byDate.get(day);
        byDate.set(day, other && other !== holiday.name ? `${other} / ${holiday.name}` : holiday.name);
      }
    }
  } catch {
    return null;
  }
  years.set(`${key}/${year}`, byDate);
  return byDate;
}

function instanceFor(country: string, region: string | null, key: string): Holidays | null {
  if (instances.has(key)) return instances.get(key) ?? null;
  let instance: Holidays | null = null;
  try {
    const candidate = region ? new Holidays(country, region, OPTIONS) : new Holidays(country, OPTIONS);
    // An unknown country or region gives an instance without rules rather than an error: check it took.
    const known = region ? candidate.getStates(country)?.[region] !== undefined : candidate.getCountries()[country] !== undefined;
    instance = known ? candidate : null;
  } catch {
    instance = null;
  }
  instances.set(key, instance);
  return instance;
}

/**
 * The local dates a holiday covers: from its start date up to the day its end falls in (exclusive when it
 * ends at midnight). Most are one day; some span several, and a few start at noon (still that day).
 */
function datesCovered(holiday: { date: string; end: Date }, instance: Holidays): string[] {
  const first = holiday.date.slice(0, 10);
  const tz = instance.getTimezones()[0];
  const end = tz ? DateTime.fromJSDate(holiday.end, { zone: tz }) : null;
  if (!end || !end.isValid) return [first];
  const last = (end.hour === 0 && end.minute === 0 ? end.minus({ days: 1 }) : end).toISODate() ?? first;
  const dates: string[] = [];
  for (let day = DateTime.fromISO(first, { zone: 'utc' }); (day.toISODate() ?? '') <= last && dates.length < 31; day = day.plus({ days: 1 })) {
    dates.push(day.toISODate() ?? first);
  }
  return dates.length > 0 ? dates : [first];
}
