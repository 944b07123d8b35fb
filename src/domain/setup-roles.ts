import type { TRole } from './types';

/*
 * Roles in `/coach setup` (SPEC §2): who is a Canopy admin. Slack workspace admins and owners are always
 * admins (their flag comes from Slack, not from here); `manager` follows from having reps; everyone else is a
 * rep. Pure: the service reads the people and writes the roles this plans.
 */

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;
/** More Canopy admins than this is a typo, not a policy (the modal's picker holds as many). */
export const MAX_ADMINS = 50;

/** A person as the roles plan needs them. */
export type TRolePerson = {
  id: number;
  slackUserId: string;
  name: string;
  role: TRole;
  slackAdmin: boolean;
  isDeleted: boolean;
  isBot: boolean;
  /** Their manager's name when they are on someone's team. */
  managerName: string | null;
  /** Whether anyone reports to them (an admin made a rep again becomes a manager instead). */
  hasReps: boolean;
};

/** `U1, <@U2>, <@U3|ana>` (commas, spaces or lines) → Slack user ids, in order, each once; empty is none. */
export function parseAdmins(text: string): { ids: string[] } | string {
  const ids: string[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const id = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(part)?.[1] ?? part;
    // Echo a bad entry without the characters that make a mention, so an error never pings anyone.
    if (!SLACK_USER_ID.test(id)) return `'${part.replace(/[<>@!|]/g, '').slice(0, 30)}' is not a Slack user id (like U024BE7LH): list the admins' ids, comma-separated`;
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > MAX_ADMINS) return `at most ${MAX_ADMINS} Canopy admins`;
  return { ids };
}

export type TRolePlan = {
  /** People made admins. */
  promote: TRolePerson[];
  /** Admins no longer: each back to `manager` (they have reps) or `rep`. */
  demote: { person: TRolePerson; to: 'manager' | 'rep' }[];
  /** Canopy admins before and after, by Slack id (the audit line). */
  before: string[];
  after: string[];
};

/**
 * The role changes that make `wanted` the workspace's Canopy admins, or what is wrong. `people` is everyone the
 * workspace knows (at least every current admin and everyone wanted). At least one admin must remain, counting
 * Slack workspace admins, who stay admins whatever the list says.
 */
export function planAdminRoles(people: readonly TRolePerson[], wanted: readonly string[]): { ok: true; plan: TRolePlan } | { ok: false; error: string } {
  const bySlackId = new Map(people.map((p) => [p.slackUserId, p]));
  const active = (p: TRolePerson) => !p.isDeleted && !p.isBot;
  const promote: TRolePerson[] = [];
  for (const id of wanted) {
    const person = bySlackId.get(id);
    if (!person || person.isDeleted) return { ok: false, error: `${id} is not someone Canopy knows in this workspace (people appear once they use Canopy or are imported)` };
    if (person.isBot) return { ok: false, error: `${id} is a bot: only people can be admins` };
    if (person.role === 'admin') continue;
    if (person.managerName !== null && !person.slackAdmin) {
      return { ok: false, error: `${person.name || id} is a rep on ${person.managerName}'s team and an admin is not coached as a rep: remove them from the team first (/coach team remove)` };
    }
    promote.push(person);
  }
  const stay = new Set(wanted);
  const demote = people.filter((p) => p.role === 'admin' && !stay.has(p.slackUserId)).map((person) => ({ person, to: person.hasReps ? ('manager' as const) : ('rep' as const) }));
  const admins = people.filter((p) => active(p) && (p.slackAdmin || stay.has(p.slackUserId)));
  if (admins.length === 0) return { ok: false, error: 'at least one admin must remain: keep someone on the list (Slack workspace admins always count)' };
  const before = people.filter((p) => p.role === 'admin').map((p) => p.slackUserId);
  return { ok: true, plan: { promote, demote, before, after: [...wanted] } };
}
