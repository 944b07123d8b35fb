import { describe, expect, it } from 'vitest';
import { holidayOn, listCountries, listRegions } from '../../src/services/settings/holidays';

describe('holidayOn', () => {
  const scenarios: { name: string; country: string | null; region: string | null; date: string; want: string | null }[] = [
    { name: 'US Thanksgiving', country: 'US', region: null, date: '2026-11-26', want: 'Thanksgiving Day' },
    { name: 'an ordinary US day', country: 'US', region: null, date: '2026-11-25', want: null },
    { name: 'a substitute day counts (4 July 2026 is a Saturday)', country: 'US', region: null, date: '2026-07-03', want: 'Independence Day (substitute day)' },
    { name: 'observances do not count (Halloween)', country: 'US', region: null, date: '2026-10-31', want: null },
    { name: 'optional days do not count (Christmas Eve)', country: 'US', region: null, date: '2026-12-24', want: null },
    { name: 'a state holiday only with the state', country: 'US', region: 'CA', date: '2026-11-27', want: 'Day after Thanksgiving Day' },
    { name: 'English bank holidays are public', country: 'GB', region: 'ENG', date: '2026-08-31', want: 'Summer bank holiday' },
    { name: 'Scotland differs from England', country: 'GB', region: 'SCT', date: '2026-11-30', want: 'St Andrew’s Day' },
    { name: 'English names for other countries', country: 'IN', region: null, date: '2026-10-02', want: 'Gandhi Jayanti' },
    { name: 'an Australian state', country: 'AU', region: 'NSW', date: '2026-10-05', want: 'Labour Day' },
    { name: 'no country set', country: null, region: null, date: '2026-12-25', want: null },
    { name: 'an unknown country', country: 'XX', region: null, date: '2026-12-25', want: null },
    { name: 'an unknown region', country: 'US', region: 'ZZ', date: '2026-12-25', want: null },
    { name: 'a malformed date', country: 'US', region: null, date: '25/12/2026', want: null },
  ];
  it.each(scenarios)('$name', ({ country, region, date, want }) => {
    expect(holidayOn(country, region, date)).toBe(want);
  });
});

describe('listCountries and listRegions', () => {
  it('lists countries by name with their codes', () => {
    const countries = listCountries();
    expect(countries.length).toBeGreaterThan(100);
    expect(countries).toContainEqual({ code: 'GB', name: 'United Kingdom' });
    expect(countries.map((c) => c.name)).toEqual([...countries.map((c) => c.name)].sort((a, b) => a.localeCompare(b, 'en')));
  });
  it.each([
    { country: 'GB', want: [{ code: 'ENG', name: 'England' }] },
    { country: 'US', want: [{ code: 'CA', name: 'California' }] },
  ])('$country has regions', ({ country, want }) => {
    expect(listRegions(country)).toEqual(expect.arrayContaining(want));
  });
  it.each(['XX', 'NOT-A-COUNTRY'])('an unknown country %s has none', (country) => {
    expect(listRegions(country)).toEqual([]);
  });
});
