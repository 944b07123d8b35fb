import { defaultActivityStageMap } from './activity-stage-map';
import { parseAdmins } from './setup-roles';
import { defaultStaleDays, STAGE_KEY, stageKeyOf, type TTierPolicy, type TWorkspaceSetup } from './setup';
import { ACTIVITY_TYPES, type TActivityType } from './types';

/*
 * The setup as people type it, in the `/coach setup` modal and as `setup set` flags: one text format per
 * setting, read into a change (`readSetupForm`) that `applySetupChange` lays over the current setup. Pure: the
 * service validates the result with `ZWorkspaceSetup` and checks what deals use.
 *
 * A stage is `key: Name | CRM name | CRM name` (the key optional for a new stage, made from its name); a stage
 * removed together with its deals is `key -> other_key`. Open stages one per line in the modal, separated by
 * commas on the command line.
 */

/** Every setting of the form, as the modal's fields and the CLI's flags name them. */
export const SETUP_FIELDS = [
  'stages', 'won', 'lost', 'staleDays', 'activityStages',
  'autonomousAttainment', 'focusedAttainment', 'rampingDays', 'topShare', 'bottomShare', 'dormantDays',
  'timezone', 'workingDays', 'workStart', 'workEnd', 'holidayCountry', 'holidayRegion', 'quotaKind', 'leaderboard',
  // Roles live on people, not in the setup JSON: the service plans them (`planAdminRoles`).
  'admins',
] as const;
export type TSetupField = (typeof SETUP_FIELDS)[number];
/** The form as typed: every field optional (absent: unchanged), each a line of text. */
export type TSetupForm = Partial<Record<TSetupField, string | null>>;
export type TSetupErrors = Partial<Record<TSetupField, string>>;

type TStageLine = { key: string | null; name: string; aliases: string[] };
type TNamed = { name: string; aliases: string[] };

/** A change to the setup, read from the form; absent keys stay as they are. */
export type TSetupChange = {
  openStages?: TStageLine[];
  /** Removed stage → the stage its deals, history and activities move to. */
  moves?: Record<string, string>;
  won?: TNamed;
  lost?: TNamed;
  staleDays?: Record<string, number>;
  activityStages?: Partial<Record<TActivityType, string | null>>;
  tiers?: Partial<TTierPolicy>;
  dormantDays?: number;
  timezone?: string;
  workingDays?: number[];
  workStart?: string;
  workEnd?: string;
  holidayCountry?: string | null;
  holidayRegion?: string | null;
  quotaKind?: 'deals' | 'revenue';
  leaderboard?: boolean;
  /** The Canopy admins by Slack id (Slack workspace admins are admins whatever this says). */
  admins?: string[];
};

const DAY_WORDS: Readonly<Record<string, number>> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const MOVE = /^([a-z][a-z0-9_]*)\s*(?:->|→|>)\s*([a-z][a-z0-9_]*)$/i;
const clip = (text: string) => text.trim().slice(0, 40);

/** Reads the typed form into a change of the fields that can be read, and what is wrong with each of the others. */
export function readSetupForm(form: TSetupForm): { change: TSetupChange; errors: TSetupErrors } {
  const change: TSetupChange = {};
  const errors: TSetupErrors = {};
  const read = <T>(field: TSetupField, parse: (text: string) => T | string, apply: (value: T) => void) => {
    const text = form[field];
    if (text === undefined) return;
    const value = parse((text ?? '').trim());
    if (typeof value === 'string') errors[field] = value;
    else apply(value);
  };
  read('stages', parseStages, (v) => Object.assign(change, v));
  read('won', (t) => parseNamed(t, 'won'), (v) => (change.won = v));
  read('lost', (t) => parseNamed(t, 'lost'), (v) => (change.lost = v));
  read('staleDays', (t) => parseNumbers(t, 1, 365, 'stalled thresholds are 1 to 365 days'), (v) => (change.staleDays = v.values));
  read('activityStages', parseActivityStages, (v) => (change.activityStages = v.values));
  const tier = (field: 'autonomousAttainment' | 'focusedAttainment' | 'topShare' | 'bottomShare', max: number) =>
    read(field, (t) => parsePercent(t, max), (v) => (change.tiers = { ...change.tiers, [field]: v.value }));
  tier('autonomousAttainment', 300);
  tier('focusedAttainment', 300);
  tier('topShare', 50);
  tier('bottomShare', 50);
  read('rampingDays', (t) => parseWhole(t, 0, 365, 'ramping is 0 to 365 days'), (v) => (change.tiers = { ...change.tiers, rampingDays: v.value }));
  read('dormantDays', (t) => parseWhole(t, 7, 730, 'dormant is 7 to 730 days'), (v) => (change.dormantDays = v.value));
  read('timezone', (t) => (t === '' ? 'enter a time zone like Europe/Berlin' : { value: t }), (v) => (change.timezone = v.value));
  read('workingDays', parseDays, (v) => (change.workingDays = v.days));
  read('workStart', parseTime, (v) => (change.workStart = v.value));
  read('workEnd', parseTime, (v) => (change.workEnd = v.value));
  read('holidayCountry', (t) => ({ value: t === '' || /^none$/i.test(t) ? null : t }), (v) => (change.holidayCountry = v.value));
  read('holidayRegion', (t) => ({ value: t === '' || /^none$/i.test(t) ? null : t }), (v) => (change.holidayRegion = v.value));
  read('quotaKind', (t) => (/^(deals|revenue)$/i.test(t) ? { value: t.toLowerCase() as 'deals' | 'revenue' } : 'quota kind is deals or revenue'), (v) => (change.quotaKind = v.value));
  read('leaderboard', parseSwitch, (v) => (change.leaderboard = v.value));
  read('admins', parseAdmins, (v) => (change.admins = v.ids));
  return { change, errors };
}

/** Open stages (`key: Name | CRM name`), one per line or comma; `key -> other` removes a stage and moves its deals. */
export function parseStages(text: string): { openStages: TStageLine[]; moves: Record<string, string> } | string {
  // One stage a line in the modal (a CRM name may then hold a comma); commas or semicolons on the command line.
  const items = text.split(text.includes('\n') ? '\n' : /[,;]/).map((p) => p.trim()).filter(Boolean);
  const openStages: TStageLine[] = [];
  const moves: Record<string, string> = {};
  for (const item of items) {
    const move = MOVE.exec(item);
    if (move) {
      moves[move[1]!.toLowerCase()] = move[2]!.toLowerCase();
      continue;
    }
    const colon = item.indexOf(':');
    const head = colon > 0 ? item.slice(0, colon).trim() : '';
    const key = STAGE_KEY.test(head) ? head : null;
    const named = parseNamed(key ? item.slice(colon + 1) : item, 'stage');
    if (typeof named === 'string') return named;
    openStages.push({ key, ...named });
  }
  if (openStages.length === 0) return 'list at least one open stage, like `prospecting: Prospecting | Lead`';
  return { openStages, moves };
}

function parseNamed(text: string, what: string): TNamed | string {
  const [name = '', ...aliases] = text.split('|').map((p) => p.trim());
  if (name === '') return `the ${what} stage needs a name`;
  if (name.length > 40) return `'${clip(name)}…' is longer than 40 characters`;
  const long = aliases.find((a) => a.length > 60);
  if (long) return `the CRM name '${clip(long)}…' is longer than 60 characters`;
  return { name, aliases: [...new Set(aliases.filter(Boolean))] };
}

/** `demo=10, proposal=10` (or `demo 10`): numbers per name. */
function parseNumbers(text: string, min: number, max: number, range: string): { values: Record<string, number> } | string {
  const values: Record<string, number> = {};
  for (const part of text.split(/[,\n;]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[=: ]\s*(\d+)$/.exec(part);
    if (!m) return `write each as stage=days, like demo=10 (not '${clip(part)}')`;
    const n = Number(m[2]);
    if (n < min || n > max) return range;
    values[m[1]!.trim().toLowerCase()] = n;
  }
  return { values };
}

function parseActivityStages(text: string): { values: Partial<Record<TActivityType, string | null>> } | string {
  const values: Partial<Record<TActivityType, string | null>> = {};
  for (const part of text.split(/[,\n;]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\w+)\s*[=:]\s*(.+)$/.exec(part);
    if (!m) return `write each as type=stage, like call=prospecting (not '${clip(part)}')`;
    const type = m[1]!.toLowerCase();
    if (!(ACTIVITY_TYPES as readonly string[]).includes(type)) return `'${clip(type)}' is not an activity type: ${ACTIVITY_TYPES.join(', ')}`;
    const stage = m[2]!.trim();
    values[type as TActivityType] = /^(none|-)$/i.test(stage) ? null : stage;
  }
  return { values };
}

/** '95', '95%' → 0.95. */
function parsePercent(text: string, max: number): { value: number } | string {
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isFinite(n) || n > max) return `a percentage from 0 to ${max}, like ${Math.min(95, Math.round(max / 2))}`;
  return { value: Math.round(n * 10) / 1000 };
}

function parseWhole(text: string, min: number, max: number, range: string): { value: number } | string {
  if (!/^\d+$/.test(text)) return `a whole number of days (${min} to ${max})`;
  const n = Number(text);
  return n < min || n > max ? range : { value: n };
}

/** `mon-fri`, `mon,tue,thu`, `1,2,3,4,5`. */
export function parseDays(text: string): { days: number[] } | string {
  const days = new Set<number>();
  for (const part of text.toLowerCase().split(/[,\s]+/).filter(Boolean)) {
    const range = /^(\w+)-(\w+)$/.exec(part);
    const [from, to] = range ? [dayOf(range[1]!), dayOf(range[2]!)] : [dayOf(part), dayOf(part)];
    if (from === null || to === null) return `'${clip(part)}' is not a day: use mon … sun (or 1 … 7), like mon-fri`;
    for (let d = from; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === to) break;
    }
  }
  if (days.size === 0) return 'pick at least one working day';
  return { days: [...days].sort((a, b) => a - b) };
}

function dayOf(word: string): number | null {
  if (/^[1-7]$/.test(word)) return Number(word);
  return DAY_WORDS[word.slice(0, 3)] ?? null;
}

function parseTime(text: string): { value: string } | string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return 'a time is HH:MM, like 09:00';
  return { value: `${m[1]!.padStart(2, '0')}:${m[2]}` };
}

function parseSwitch(text: string): { value: boolean } | string {
  if (/^(on|yes|true|1)$/i.test(text)) return { value: true };
  if (/^(off|no|false|0)$/i.test(text)) return { value: false };
  return 'on or off';
}

/**
 * The change laid over the current setup, as a candidate for `ZWorkspaceSetup` (which has the last word). A stage
 * line without a key keeps the key of the stage it names (by name or CRM name), else gets one from its name;
 * stalled thresholds and the map name stages by key or name. Problems that need the current setup to see come
 * back per field.
 */
export function applySetupChange(current: TWorkspaceSetup, change: TSetupChange): { ok: true; setup: TWorkspaceSetup; moves: Record<string, string> } | { ok: false; errors: TSetupErrors } {
  const errors: TSetupErrors = {};
  const byName = new Map<string, string>();
  for (const s of current.stages) for (const n of [s.key, s.name, ...s.aliases]) byName.set(n.toLowerCase(), s.key);
  const previous = new Map(current.stages.map((s) => [s.key, s]));

  const open = (change.openStages ?? current.stages.filter((s) => !s.outcome)).map((line) => {
    const key = line.key ?? byName.get(line.name.toLowerCase()) ?? stageKeyOf(line.name);
    const before = previous.get(key);
    return { key, name: line.name, aliases: line.aliases, outcome: null, staleDays: before && !before.outcome ? before.staleDays : defaultStaleDays(key) };
  });
  const closed = current.stages
    .filter((s) => s.outcome)
    .map((s) => {
      const named = s.outcome === 'won' ? change.won : change.lost;
      return named ? { ...s, name: named.name, aliases: named.aliases } : s;
    });
  const stages = [...open, ...closed];
  const openByName = new Map<string, string>();
  for (const s of open) for (const n of [s.key, s.name, ...s.aliases]) openByName.set(n.toLowerCase(), s.key);

  for (const [name, days] of Object.entries(change.staleDays ?? {})) {
    const key = openByName.get(name);
    const stage = open.find((s) => s.key === key);
    if (!stage) errors.staleDays = `'${clip(name)}' is not an open stage`;
    else stage.staleDays = days;
  }

  const moves = change.moves ?? {};
  // A removed stage's name and CRM names go to the stage its deals move to: exports that still say "Demo" import.
  for (const [from, to] of Object.entries(moves)) {
    const gone = previous.get(from);
    const target = open.find((s) => s.key === to || s.name.toLowerCase() === to.toLowerCase());
    if (!gone || !target || open.some((s) => s.key === from)) continue;
    const have = new Set([target.name, ...target.aliases].map((n) => n.toLowerCase()));
    for (const name of [gone.name, ...gone.aliases]) {
      if (have.has(name.toLowerCase())) continue;
      have.add(name.toLowerCase());
      target.aliases = [...target.aliases, name];
    }
  }
  const activityStages = { ...current.activityStages };
  const defaults = defaultActivityStageMap(stages.map((s, i) => ({ ...s, position: i + 1 })));
  for (const type of ACTIVITY_TYPES) {
    const stage = activityStages[type];
    // A type whose stage went follows its deals, or the default.
    if (stage !== null && !openByName.has(stage)) activityStages[type] = moves[stage] && openByName.has(moves[stage]) ? moves[stage] : defaults[type];
  }
  for (const [type, name] of Object.entries(change.activityStages ?? {}) as [TActivityType, string | null][]) {
    if (name === null) activityStages[type] = null;
    else if (openByName.has(name.toLowerCase())) activityStages[type] = openByName.get(name.toLowerCase())!;
    else errors.activityStages = `'${clip(name)}' is not an open stage (use a stage's key or name, or none)`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const { openStages: _o, moves: _m, won: _w, lost: _l, staleDays: _s, activityStages: _a, admins: _r, tiers, ...rest } = change;
  const setup: TWorkspaceSetup = { ...current, ...rest, stages, activityStages, tiers: { ...current.tiers, ...tiers } };
  return { ok: true, setup, moves };
}

/** The field a validation problem of `ZWorkspaceSetup` belongs on. */
export function fieldOfIssue(path: readonly PropertyKey[], setup: Pick<TWorkspaceSetup, 'stages'> | null): TSetupField {
  const [top, second, third] = path;
  if (top === 'tiers' && typeof second === 'string' && (SETUP_FIELDS as readonly string[]).includes(second)) return second as TSetupField;
  if (top === 'stages') {
    const stage = typeof second === 'number' ? setup?.stages[second] : undefined;
    if (third === 'staleDays') return 'staleDays';
    if (stage?.outcome === 'won') return 'won';
    if (stage?.outcome === 'lost') return 'lost';
    return 'stages';
  }
  if (typeof top === 'string' && (SETUP_FIELDS as readonly string[]).includes(top)) return top as TSetupField;
  return 'stages';
}

/** The setup as the form shows it: the text each field starts with (`admins`: the Canopy admins' Slack ids). */
export function setupFormOf(setup: TWorkspaceSetup, admins: readonly string[] = []): Required<Record<TSetupField, string>> {
  const open = setup.stages.filter((s) => !s.outcome);
  const named = (s: { name: string; aliases: string[] }) => [s.name, ...s.aliases].join(' | ');
  const won = setup.stages.find((s) => s.outcome === 'won');
  const lost = setup.stages.find((s) => s.outcome === 'lost');
  const pct = (rate: number) => String(Math.round(rate * 1000) / 10);
  return {
    stages: open.map((s) => `${s.key}: ${named(s)}`).join('\n'),
    won: won ? named(won) : '',
    lost: lost ? named(lost) : '',
    staleDays: open.map((s) => `${s.key}=${s.staleDays}`).join(', '),
    activityStages: ACTIVITY_TYPES.map((t) => `${t}=${setup.activityStages[t] ?? 'none'}`).join(', '),
    autonomousAttainment: pct(setup.tiers.autonomousAttainment),
    focusedAttainment: pct(setup.tiers.focusedAttainment),
    rampingDays: String(setup.tiers.rampingDays),
    topShare: pct(setup.tiers.topShare),
    bottomShare: pct(setup.tiers.bottomShare),
    dormantDays: String(setup.dormantDays),
    timezone: setup.timezone,
    workingDays: daysText(setup.workingDays),
    workStart: setup.workStart,
    workEnd: setup.workEnd,
    holidayCountry: setup.holidayCountry ?? '',
    holidayRegion: setup.holidayRegion ?? '',
    quotaKind: setup.quotaKind,
    leaderboard: setup.leaderboard ? 'on' : 'off',
    admins: admins.join(','),
  };
}

/** 'mon-fri', 'mon, wed, fri'. */
export function daysText(days: readonly number[]): string {
  const names = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const sorted = [...days].sort((a, b) => a - b);
  const contiguous = sorted.length > 2 && sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (contiguous) return `${names[sorted[0]! - 1]}-${names[sorted.at(-1)! - 1]}`;
  return sorted.map((d) => names[d - 1]).join(', ');
}

/** The setup in plain lines, for `setup show` and the Home tab's admin section. */
export function setupSummaryLines(setup: TWorkspaceSetup): string[] {
  const form = setupFormOf(setup);
  const stageText = (s: TWorkspaceSetup['stages'][number]) => `${s.name}${s.aliases.length ? ` (CRM: ${s.aliases.join(', ')})` : ''}`;
  const open = setup.stages.filter((s) => !s.outcome);
  const closed = setup.stages.filter((s) => s.outcome);
  return [
    `Stages: ${open.map(stageText).join(' → ')} → ${closed.map(stageText).join(' | ')}`,
    `Stalled after (days): ${open.map((s) => `${s.name} ${s.staleDays}`).join(', ')}; dormant after ${setup.dormantDays} days`,
    `Activity feeds: ${ACTIVITY_TYPES.map((t) => `${t} → ${setup.stages.find((s) => s.key === setup.activityStages[t])?.name ?? 'none'}`).join(', ')}`,
    `Tiers: autonomous at ${form.autonomousAttainment}% of goal pace, focused below ${form.focusedAttainment}%; ramping for the first ${setup.tiers.rampingDays} days; without a goal or quota: top ${form.topShare}% autonomous, bottom ${form.bottomShare}% focused`,
    `Time zone: ${setup.timezone} (the nightly recompute runs at 02:00 there)`,
    `Default working week: ${form.workingDays} ${setup.workStart}–${setup.workEnd}; public holidays: ${setup.holidayCountry ? `${setup.holidayCountry}${setup.holidayRegion ? `-${setup.holidayRegion}` : ''}` : 'none'}`,
    `Quota: ${setup.quotaKind === 'revenue' ? 'revenue per quarter' : 'deals won per quarter'}`,
    `Leaderboard: ${setup.leaderboard ? 'on' : 'off'}`,
  ];
}

/**
 * SPEC §6 `setup set --alias "CRM name=stage,…"`: adds CRM names to stages of the setup form (the modal's
 * text: open stages one a line, `key: Name | CRM name`; won and lost `Name | CRM name`), the stage named by
 * its key or name. An unknown stage or a malformed pair is an error naming it.
 */
export function addStageAliases(
  form: { stages: string; won: string; lost: string },
  spec: string,
): { stages: string; won: string; lost: string } | string {
  const lines = form.stages.split('\n');
  let won = form.won;
  let lost = form.lost;
  const norm = (text: string) => text.trim().toLowerCase();
  for (const pair of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    const alias = at > 0 ? pair.slice(0, at).trim() : '';
    const stage = at > 0 ? norm(pair.slice(at + 1)) : '';
    if (!alias || !stage || /[|\n:]/.test(alias)) return `'${pair}' is not "CRM name=stage" (a CRM name has no | or :)`;
    const wonName = norm(won.split('|')[0] ?? '');
    const lostName = norm(lost.split('|')[0] ?? '');
    if (stage === 'won' || stage === wonName) {
      won = `${won} | ${alias}`;
      continue;
    }
    if (stage === 'lost' || stage === lostName) {
      lost = `${lost} | ${alias}`;
      continue;
    }
    const i = lines.findIndex((line) => {
      const colon = line.indexOf(':');
      const key = colon > 0 ? norm(line.slice(0, colon)) : '';
      const name = norm((colon > 0 ? line.slice(colon + 1) : line).split('|')[0] ?? '');
      return key === stage || name === stage;
    });
    if (i === -1) return `'${pair.slice(at + 1).trim()}' is not a stage of this workspace`;
    lines[i] = `${lines[i]} | ${alias}`;
  }
  return { stages: lines.join('\n'), won, lost };
}

/**
 * `setup set --stages` written without CRM names ("discovery:Discovery") keeps the names the stage already
 * has: a terminal user re-ordering stages should not lose the aliases their imports rely on. A line that
 * gives CRM names (`|`) sets them; `key:Name|` (an empty one) clears them.
 */
export function keepStageAliases(stagesFlag: string, current: Pick<TWorkspaceSetup, 'stages'>): string {
  return stagesFlag
    .split(',')
    .map((item) => {
      const text = item.trim();
      if (text === '' || text.includes('|') || text.includes('->')) return item;
      const colon = text.indexOf(':');
      const key = (colon > 0 ? text.slice(0, colon) : text).trim().toLowerCase();
      const name = (colon > 0 ? text.slice(colon + 1) : text).trim().toLowerCase();
      const stage = current.stages.find((s) => !s.outcome && (s.key === key || s.name.toLowerCase() === name));
      return stage && stage.aliases.length > 0 ? `${text}|${stage.aliases.join('|')}` : item;
    })
    .join(',');
}
