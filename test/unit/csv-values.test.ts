import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/domain/csv-amount';
import { checkDateFormat, createDateReader } from '../../src/domain/csv-dates';
import { parseColumnMap, planColumns } from '../../src/domain/crm-presets';

const iso = (read: ReturnType<ReturnType<typeof createDateReader>>) =>
  typeof read === 'string' ? read : `${new Date(read.wallMs).toISOString().slice(0, 19)}${read.offsetMinutes === null ? '' : `@${read.offsetMinutes}`}`;

describe('parseAmount', () => {
  const scenarios: { text: string; decimalComma?: boolean; want: ReturnType<typeof parseAmount> }[] = [
    { text: '24000', want: { cents: 2_400_000, currency: null } },
    { text: '$24,000', want: { cents: 2_400_000, currency: 'USD' } },
    { text: 'USD 24,000.00', want: { cents: 2_400_000, currency: 'USD' } },
    { text: '24.000,00 €', want: { cents: 2_400_000, currency: 'EUR' } },
    { text: '€24.000,50', want: { cents: 2_400_050, currency: 'EUR' } },
    { text: '24 000,5 EUR', want: { cents: 2_400_050, currency: 'EUR' } },
    { text: "CHF 1'250.50", want: { cents: 125_050, currency: 'CHF' } },
    { text: '1,234,567.89', want: { cents: 123_456_789, currency: null } },
    { text: '1.234.567', want: { cents: 123_456_700, currency: null } },
    { text: '12,5', want: { cents: 1250, currency: null } },
    { text: 'gbp 99.9', want: { cents: 9990, currency: 'GBP' } },
    { text: '24.000', decimalComma: true, want: { cents: 2_400_000, currency: null } },
    { text: '24.000', want: 'could be read two ways (a decimal dot or a thousands dot): pass --decimal-comma if commas mark decimals in this file' },
    { text: '-500', want: 'is negative' },
    { text: '12.345,678', want: 'has more than two decimals' },
    { text: '1,23,456', want: 'is not an amount (like 12500, $12,500.00 or 12.500,00 EUR)' },
    { text: 'lots', want: 'is not an amount (like 12500, $12,500.00 or 12.500,00 EUR)' },
    { text: '99999999999999999', want: 'is too large' },
  ];
  it.each(scenarios)('$text', ({ text, decimalComma, want }) => expect(parseAmount(text, decimalComma)).toEqual(want));
});

describe('createDateReader', () => {
  const scenarios: { format?: string; text: string; want: string }[] = [
    { text: '2024-03-04', want: '2024-03-04T00:00:00' },
    { text: '2024-03-04T09:30:00-05:00', want: '2024-03-04T09:30:00@-300' },
    { text: '14/3/2024', want: '2024-03-14T00:00:00' },
    { text: '3/14/2024', want: '2024-03-14T00:00:00' },
    { text: '14.03.2024 10:30', want: '2024-03-14T10:30:00' },
    { text: '4/4/2024', want: '2024-04-04T00:00:00' },
    { text: '3/4/2024', want: 'could be April 3 or March 4: pass --date-format MM/DD/YYYY (month first, as US exports write dates) or --date-format DD/MM/YYYY' },
    { text: 'next tuesday', want: 'is not an ISO-8601 date or time (like 2024-03-15 or 2024-03-15T09:30); for another format pass --date-format, e.g. MM/DD/YYYY' },
    { format: 'MM/DD/YYYY', text: '3/4/2024', want: '2024-03-04T00:00:00' },
    { format: 'MM/DD/YYYY', text: '3/4/2024, 9:05 PM', want: '2024-03-04T21:05:00' },
    { format: 'MM/DD/YYYY', text: '12/31/24 23:59:59', want: '2024-12-31T23:59:59' },
    { format: 'MM/dd/yyyy', text: '2024-03-04', want: '2024-03-04T00:00:00' },
    { format: 'DD/MM/YYYY', text: '3/4/2024', want: '2024-04-03T00:00:00' },
    { format: 'DD.MM.YYYY', text: '31.04.2024', want: 'is not a date in the format DD.MM.YYYY (--date-format)' },
    { format: 'd MMM yyyy', text: '4 Mar 2024', want: '2024-03-04T00:00:00' },
    { format: 'd MMM yyyy', text: '4 Mar 2024 14:05', want: '2024-03-04T14:05:00' },
  ];
  it.each(scenarios)('$format $text', ({ format, text, want }) => expect(iso(createDateReader(format)(text))).toBe(want));

  it('refuses a file that writes the day first on one line and the month first on another', () => {
    const read = createDateReader();
    expect(iso(read('14/3/2024'))).toBe('2024-03-14T00:00:00');
    expect(read('3/15/2024')).toBe('reads as month first, but an earlier line reads as day first: pass --date-format');
  });

  it('checks a format names the year, month and day', () => {
    expect(checkDateFormat('MM/DD/YYYY')).toBeUndefined();
    expect(checkDateFormat('MM/YYYY')).toMatch(/must name the year, month and day/);
  });
});

describe('planColumns and parseColumnMap', () => {
  const fields = ['deal_id', 'rep', 'name', 'amount', 'currency', 'created_at', 'furthest_stage', 'outcome', 'closed_at'];
  it('reads a preset, our own names, HubSpot "Date entered" and entered_<stage> columns; --map wins', () => {
    const header = ['Record ID', 'Deal Name', 'Deal owner', 'deal_stage', 'Date entered "Closed won (Sales Pipeline)"', 'entered_demo', 'Owner Email'];
    const plan = planColumns(header, fields, { from: 'hubspot', map: new Map([['rep', 'Owner Email'], ['furthest_stage', 'deal stage']]) });
    expect(Object.fromEntries(plan.fields)).toEqual({ deal_id: [0], name: [1], rep: [6], furthest_stage: [3] });
    expect(plan.entered).toEqual([
      { at: 4, stage: 'Closed won', column: 'Date entered "Closed won (Sales Pipeline)"' },
      { at: 5, stage: 'demo', column: 'entered_demo' },
    ]);
    expect(plan.problems).toEqual([]);
  });

  it('takes Pipedrive’s won or lost time, whichever the row has', () => {
    const plan = planColumns(['Deal - ID', 'Deal - Won time', 'Deal - Lost time', 'Deal - Status'], fields, { from: 'pipedrive' });
    expect(Object.fromEntries(plan.fields)).toEqual({ deal_id: [0], closed_at: [1, 2], outcome: [3] });
  });

  const maps: { text: string; want: ReturnType<typeof parseColumnMap> }[] = [
    { text: 'deal_id=opportunity_id,rep=Sales Agent', want: { map: new Map([['deal_id', 'opportunity_id'], ['rep', 'Sales Agent']]) } },
    { text: 'Entered Demo=Demo Date', want: { map: new Map([['entered_demo', 'Demo Date']]) } },
    { text: 'owner=Sales Agent', want: { error: "--map: 'owner' is not a column of ours (deal_id, rep, name, amount, currency, created_at, furthest_stage, outcome, closed_at, or entered_<stage>)" } },
    { text: 'rep', want: { error: "--map 'rep' must be field=Column, like rep=Sales Agent" } },
  ];
  it.each(maps)('--map $text', ({ text, want }) => expect(parseColumnMap(text, fields)).toEqual(want));
});

