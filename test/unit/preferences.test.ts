import { describe, expect, it } from 'vitest';
import { digestSlot, mergePreferences, readPreferences } from '../../src/domain/preferences';

describe('readPreferences', () => {
  it('fills defaults and drops what a hand-edited or older row got wrong', () => {
    const prefs = readPreferences({ workingDays: [9, 'x'], workStart: '25:00', digestDay: 0, checkins: 'hourly', nudgesOff: 'all', unknownKey: 1 });
    expect(prefs).toMatchObject({ workingDays: [1, 2, 3, 4, 5], workStart: '09:00', workEnd: '18:00', digestDay: 1, digestTime: '09:00', digestChosen: false, checkins: 'auto', nudgesOff: [] });
  });

  it('an end of day before its start falls back to the default hours', () => {
    expect(readPreferences({ workStart: '17:00', workEnd: '08:00' })).toMatchObject({ workStart: '09:00', workEnd: '18:00' });
  });

  it('mergePreferences keeps keys this version does not know', () => {
    expect(mergePreferences({ future: true, workStart: '08:00' }, { workStart: '10:00' })).toEqual({ future: true, workStart: '10:00' });
  });
});

describe('digestSlot', () => {
  const scenarios = [
    { what: 'the default, in a Mon–Fri 9–18 week', prefs: {}, want: { day: 1, time: '09:00' } },
    { what: 'the default, for someone who works Tue–Sat', prefs: { workingDays: [2, 3, 4, 5, 6] }, want: { day: 2, time: '09:00' } },
    { what: 'the default, for someone who starts at 11:00', prefs: { workStart: '11:00', workEnd: '19:00' }, want: { day: 1, time: '11:00' } },
    { what: 'the default, for a day that ends at 09:15', prefs: { workStart: '06:00', workEnd: '09:15' }, want: { day: 1, time: '08:45' } },
    { what: 'the default, for a Sun–Thu week', prefs: { workingDays: [7, 1, 2, 3, 4] }, want: { day: 1, time: '09:00' } },
    { what: 'a time the person chose, outside their hours, kept', prefs: { digestDay: 7, digestTime: '20:00', digestChosen: true }, want: { day: 7, time: '20:00' } },
    { what: 'a day and time stored but never chosen, moved into the week', prefs: { digestDay: 6, digestTime: '07:00' }, want: { day: 1, time: '09:00' } },
  ];
  it.each(scenarios)('$what', ({ prefs, want }) => {
    expect(digestSlot(readPreferences(prefs))).toEqual(want);
  });
});
