import type { TActivityType } from '../types';

/**
 * The words of the activity grammar. Every lookup key is a lowercased token with its surrounding
 * punctuation removed (see `toKey`), so "Calls," and "calls" are the same word.
 */

/**
 * How a word names an activity: a noun ("demos", plural needs a count) or a past-tense verb ("demoed");
 * `length` is how many tokens the name takes ("follow ups" is 2). `stage` is a stage word the activity
 * implies ("disco" is a call in discovery), looked up in the team's stages. A `meal` ("lunch", "coffee") is
 * a meeting only when it is with someone, not on its own ("had lunch").
 */
export type TTypeWord = {
  type: TActivityType;
  plural: boolean;
  verb: boolean;
  length: 1 | 2;
  stage: string | undefined;
  meal: boolean;
};

/** Meals with someone are meetings: "lunch with the Acme CFO", "2 client dinners". */
const MEALS = ['lunch', 'dinner', 'breakfast', 'coffee', 'drinks'];
const MEAL_PLURALS = ['lunches', 'dinners', 'breakfasts', 'coffees'];
const MEAL_WORDS: ReadonlySet<string> = new Set([...MEALS, ...MEAL_PLURALS]);

/** Nouns that imply a stage, by the stage word to look up: a "disco" is a discovery call. */
const STAGE_NOUNS: ReadonlyMap<string, string> = new Map([['disco', 'disco'], ['discos', 'disco']]);

const NOUNS: Record<TActivityType, { singular: string[]; plural: string[] }> = {
  call: {
    singular: ['call', 'dial', 'phonecall', 'vm', 'voicemail', 'callback', 'call-back', 'cold-call', 'coldcall', 'disco'],
    plural: ['calls', 'dials', 'phonecalls', 'vms', 'voicemails', 'callbacks', 'call-backs', 'cold-calls', 'coldcalls', 'discos'],
  },
  email: {
    singular: ['email', 'e-mail', 'mail', 'follow-up', 'followup'],
    plural: ['emails', 'e-mails', 'mails', 'follow-ups', 'followups'],
  },
  meeting: {
    singular: ['meeting', 'mtg', 'appt', 'appointment', 'qbr', 'ebr', 'onsite', 'on-site', 'visit', 'zoom', ...MEALS],
    plural: ['meetings', 'mtgs', 'appts', 'appointments', 'qbrs', 'ebrs', 'onsites', 'on-sites', 'visits', 'zooms', ...MEAL_PLURALS],
  },
  demo: {
    singular: ['demo', 'demonstration', 'presentation', 'walkthrough', 'walk-through'],
    plural: ['demos', 'demonstrations', 'presentations', 'walkthroughs', 'walk-throughs'],
  },
  proposal: {
    singular: ['proposal', 'quote', 'quotation', 'prop', 'contract', 'sow', 'msa'],
    plural: ['proposals', 'quotes', 'quotations', 'contracts', 'sows', 'msas'],
  },
  social: {
    singular: ['social', 'inmail', 'in-mail', 'linkedin', 'text', 'txt', 'sms', 'dm', 'whatsapp'],
    plural: ['socials', 'inmails', 'in-mails', 'texts', 'txts', 'dms', 'whatsapps'],
  },
  other: { singular: ['other'], plural: ['others'] },
};

const VERBS: Record<TActivityType, string[]> = {
  call: ['called', 'dialed', 'dialled', 'rang', 'rung', 'phoned', 'cold-called', 'ringed', 'talked', 'spoke', 'spoken', 'chatted'],
  email: ['emailed', 'e-mailed', 'mailed', 'followed-up'],
  meeting: ['met', 'visited', 'lunched', 'zoomed'],
  demo: ['demoed', "demo'd", 'demod', 'presented'],
  proposal: ['quoted', 'proposed'],
  social: [
    'inmailed', 'in-mailed', 'texted', 'txted', "txt'd", "dm'd", 'dm’d', 'dmed', 'dmd', "whatsapp'd", 'whatsapp’d',
    'whatsapped', 'messaged',
  ],
  other: [],
};

/** Two-word names, looked up as "first second" when the first word starts one (see TYPE_INDEX). */
const PHRASES: [string, TActivityType, boolean, boolean][] = [
  ['follow up', 'email', false, false],
  ['follow ups', 'email', true, false],
  ['followed up', 'email', false, true],
  ['e mail', 'email', false, false],
  ['e mails', 'email', true, false],
  ...['message', 'msg', 'touch', 'connect', 'request', 'dm', 'post', 'comment', 'inmail', 'note'].flatMap(
    (w): [string, TActivityType, boolean, boolean][] => [
      [`linkedin ${w}`, 'social', false, false],
      [`linkedin ${w === 'touch' ? 'touches' : `${w}s`}`, 'social', true, false],
    ],
  ),
  ...['message', 'msg', 'dm', 'inmail', 'connect', 'request', 'note', 'touch'].flatMap(
    (w): [string, TActivityType, boolean, boolean][] => [
      [`li ${w}`, 'social', false, false],
      [`li ${w === 'touch' ? 'touches' : `${w}s`}`, 'social', true, false],
    ],
  ),
  ['text message', 'social', false, false],
  ['text messages', 'social', true, false],
  ['site visit', 'meeting', false, false],
  ['site visits', 'meeting', true, false],
  ['social touch', 'social', false, false],
  ['social touches', 'social', true, false],
  ['social post', 'social', false, false],
  ['social posts', 'social', true, false],
  ['social message', 'social', false, false],
  ['social messages', 'social', true, false],
  ['other activity', 'other', false, false],
  ['other activities', 'other', true, false],
  ['other task', 'other', false, false],
  ['other tasks', 'other', true, false],
  ['other touch', 'other', false, false],
  ['other touches', 'other', true, false],
];

function typeWord(w: string, type: TActivityType, plural: boolean, verb: boolean, length: 1 | 2): TTypeWord {
  // Every entry has the same fields, so that reading them stays monomorphic.
  return { type, plural, verb, length, stage: STAGE_NOUNS.get(w), meal: MEAL_WORDS.has(w) };
}

function buildTypeWords(): Map<string, TTypeWord> {
  const map = new Map<string, TTypeWord>();
  for (const [type, words] of Object.entries(NOUNS) as [TActivityType, (typeof NOUNS)[TActivityType]][]) {
    for (const w of words.singular) map.set(w, typeWord(w, type, false, false, 1));
    for (const w of words.plural) map.set(w, typeWord(w, type, true, false, 1));
  }
  for (const [type, words] of Object.entries(VERBS) as [TActivityType, string[]][]) {
    for (const w of words) map.set(w, typeWord(w, type, false, true, 1));
  }
  return map;
}

export const TYPE_PHRASES: ReadonlyMap<string, TTypeWord> = new Map(
  PHRASES.map(([phrase, type, plural, verb]) => [phrase, typeWord(phrase, type, plural, verb, 2)]),
);

/** What a word says about activities: its own meaning, and whether a two-word name may start with it. */
export type TTypeEntry = { word: TTypeWord | undefined; startsPhrase: boolean };

function buildTypeIndex(): Map<string, TTypeEntry> {
  const index = new Map<string, TTypeEntry>();
  for (const [key, word] of buildTypeWords()) index.set(key, { word, startsPhrase: false });
  for (const [phrase] of PHRASES) {
    const head = phrase.split(' ')[0] ?? '';
    const entry = index.get(head);
    if (entry) entry.startsPhrase = true;
    else index.set(head, { word: undefined, startsPhrase: true });
  }
  return index;
}

/** Every activity word and phrase head, so that a word that is neither costs one lookup. */
export const TYPE_INDEX: ReadonlyMap<string, TTypeEntry> = buildTypeIndex();

/** Opening words that carry no meaning of their own: "I made 20 calls", "sent proposal to Globex". */
export const FILLERS: ReadonlySet<string> = new Set([
  'i', 'we', 'just', 'also', 'then', 'plus', 'and', 'had', 'did', 'made', 'sent', 'booked', 'held', 'ran',
  'gave', 'logged', 'completed', 'finished', 'got', 'took', 'left', 'set', 'scheduled', 'delivered', 'finally',
  'have', 'has', 'ive', "i've", 'done', 'another', 'hit', 'placed', 'crushed', 'smashed', 'knocked', 'cranked',
  'banged', 'fired', 'pounded', 'pumped', 'churned', 'wrapped', 'squeezed', 'managed', 'tried', 'attempted', 'out',
  'off', 'in', 'log', 'logging', 'add', 'please', 'pls',
]);

/**
 * Words before the activity that only describe it ("3 quick intro calls"). Other words there are a deal
 * when they look like a name: capitalised or followed by a colon ("Acme demo", "acme: 2 calls").
 */
export const ADJECTIVES: ReadonlySet<string> = new Set([
  'quick', 'short', 'long', 'brief', 'great', 'good', 'nice', 'productive', 'awesome', 'solid', 'bad', 'rough',
  'intro', 'introductory', 'initial', 'first', 'second', 'third', 'final', 'last', 'cold', 'warm', 'hot',
  'outbound', 'inbound', 'phone', 'sales', 'video', 'zoom', 'teams', 'virtual', 'onsite', 'on-site',
  'in-person', 'live', 'product', 'team', 'client', 'customer', 'prospect', 'prospecting', 'more', 'successful', 'new',
  'personal', 'personalized', 'personalised', 'manual', 'kickoff', 'kick-off', 'check-in', 'technical', 'tech',
  'exec', 'executive', 'extra', 'additional', 'total', 'connected', 'follow', 'formal', 'informal', 'coffee',
  'lunch', 'f2f', 'face-to-face', 'hour-long', 'detailed', 'custom', 'revised', 'updated', 'signed', 'pricing',
  'renewal', 'upsell', 'qbr', 'of', 'the', 'my', 'our',
]);

/** Words that introduce a deal after the activity: "demo with Acme", "proposal to Globex". */
export const PREPOSITIONS: ReadonlySet<string> = new Set(['with', 'w/', 'w', 'to', 'for', 'at', '@', 're', 'wth']);

/**
 * Words that end a deal name: "called Acme about pricing" is about Acme, "demo for Acme tomorrow went
 * great" about Acme. Days and times are never part of a name.
 */
export const DEAL_STOPS: ReadonlySet<string> = new Set([
  'about', 're', 'regarding', 'to', 'on', 'for', 'because', 'but', 'which', 'that', 'so', 'who', 'discuss',
  'discussing', 'review', 'reviewing', 'went', 'was', 'were', 'is', 'are', 'and', 'again', 'today', 'this',
  'via', 'over', 'by', 'using', '-', '–', '—', 'x', 'times', 'once', 'twice', 'thrice', 'did', 'left',
  'tomorrow', 'tmrw', 'tmr', 'tonight', 'yesterday', 'yday', 'tdy', 'next', 'last', 'earlier', 'later', 'not',
  'instead', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues',
  'thu', 'thur', 'thurs', 'fri', 'go', 'goes', 'going', 'has', 'had', 'have', 'will', 'ago',
]);

/**
 * Words that end a deal name but may start one: "demo with Acme sat well", "demo with Sun Microsystems",
 * "call with Good Eggs".
 */
export const LATE_DEAL_STOPS: ReadonlySet<string> = new Set([
  'great', 'good', 'well', 'fine', 'ok', 'okay', 'awesome', 'badly', 'poorly', 'nicely', 'sat', 'sun', 'wed',
  'morning', 'afternoon', 'evening', 'am', 'pm',
]);

/**
 * Times of day and day words: never the start nor the end of a deal name ("demo at noon with Aperture",
 * "call this morning with Acme", "demo with Acme tomorrow"). Clock times ("3pm", "10:30") are read by shape.
 */
export const TIME_WORDS: ReadonlySet<string> = new Set([
  'noon', 'midday', 'midnight', 'tonight', 'morning', 'afternoon', 'evening', 'am', 'pm', 'a.m', 'p.m', 'eod', 'lunchtime',
  'today', 'tdy', 'yesterday', 'yday', 'tomorrow', 'tmrw', 'tmr', 'this', 'earlier', 'later',
]);

/** Company suffixes: after a comma ("Aperture, Inc.") they belong to the deal before, never a deal themselves. */
export const COMPANY_SUFFIXES: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'llc', 'l.l.c', 'ltd', 'limited', 'corp', 'corporation', 'gmbh', 'plc', 'co', 'ag', 'sa', 's.a',
  'bv', 'b.v', 'nv', 'pty', 'llp', 'lp', 'srl', 'sarl', 'oy', 'kk',
]);

/** Words that restart a deal name: "called Bob at Acme" is about Acme. */
export const DEAL_ANCHORS: ReadonlySet<string> = new Set(['at', '@', 'from']);

/**
 * Trailing words of a deal name that are not part of it: "won the Acme deal", "lunch with the Acme CFO".
 * A title alone ("call with the CFO") is a person, not a deal.
 */
export const DEAL_TAILS: ReadonlySet<string> = new Set([
  'deal', 'account', 'opp', 'opportunity', 'too', 'again', 'cfo', 'ceo', 'cto', 'coo', 'cro', 'cmo', 'cio', 'ciso',
  'cpo', 'vp', 'svp', 'evp', 'avp', 'director', 'directors', 'champion', 'champions', 'buyer', 'buyers', 'team',
  'teams', 'folks', 'people', 'guys', 'founder', 'founders', 'cofounder', 'co-founder', 'owner', 'owners', 'exec',
  'execs', 'executive', 'executives', 'procurement', 'legal', 'board', 'stakeholders', 'stakeholder',
  'decision-maker', 'contact', 'contacts', 'gm', 'head', 'lead', 'leads', 'staff', 'crew',
]);

/** Words before a name that are not part of it: "the Acme CFO", "our Globex champion". */
export const DEAL_HEADS: ReadonlySet<string> = new Set(['the', 'our', 'their', 'my']);

/** People a meal is not a meeting with: "lunch with mom". */
export const PERSONAL: ReadonlySet<string> = new Set([
  'mom', 'mum', 'dad', 'mother', 'father', 'wife', 'husband', 'kids', 'kid', 'family', 'friends', 'friend', 'partner',
  'girlfriend', 'boyfriend', 'grandma', 'grandpa', 'parents', 'son', 'daughter', 'brother', 'sister', 'fam', 'bf',
  'gf', 'spouse', 'myself', 'roommate',
]);

/** Words after the activity that lead to its deal and say nothing else: "proposal out to Globex". */
export const ACTIVITY_PARTICLES: ReadonlySet<string> = new Set(['out', 'over', 'across', 'off', 'through', 'along']);

/** Words that start a stage move with the deal after them: "moved Initech to negotiation". */
export const MOVE_VERBS: ReadonlySet<string> = new Set([
  'moved', 'move', 'moving', 'advanced', 'advance', 'pushed', 'push', 'bumped', 'bump', 'progressed', 'promoted',
  'took', 'put', 'set', 'updated', 'update', 'changed', 'change', 'shifted', 'brought', 'got',
]);

/** Words between the deal and the stage of a move: "moved Acme to negotiation", "put Acme in discovery". */
export const MOVE_TARGETS: ReadonlySet<string> = new Set(['to', 'into', 'in', '->', '→', '=>', '⇒', '>', '-->']);

/** Arrows between a deal and its new stage: "Acme -> demo". */
export const ARROWS: ReadonlySet<string> = new Set(['->', '→', '=>', '⇒', '>', '-->', '—>', '–>']);

/**
 * Words after a deal that announce its stage: "Acme now in discovery" (explicit: an unknown stage is a
 * problem) or "Acme to proposal" (only a move when the stage is known).
 */
export const STATE_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['now', true], ['moved', true], ['advanced', true], ['progressed', true], ['went', true], ['entered', true],
  ['pushed', true], ['slipped', true], ['slid', true], ['delayed', true], ['is', false], ['to', false], ['in', false], ['into', false],
]);

/** Words around a stage name that are not part of it: "moved Acme back to the proposal stage". */
export const STAGE_FILLERS: ReadonlySet<string> = new Set([
  'the', 'stage', 'phase', 'step', 'status', 'to', 'into', 'in', 'at', 'now', 'is', 'moved', 'back', 'forward',
  'up', 'down', 'officially', 'finally', 'just',
]);

/** Leading words of a sentence about a won or lost deal: "we finally won Acme". */
export const OUTCOME_LEADS: ReadonlySet<string> = new Set(['i', 'we', 'just', 'finally', 'officially', 'also', 'and']);

/** Opening words of an outcome: "won Acme $12k", "closed-lost Hooli", "signed Initech". */
export const OUTCOME_WORDS: ReadonlyMap<string, 'won' | 'lost'> = new Map([
  ['won', 'won'], ['closed-won', 'won'], ['closedwon', 'won'], ['closed_won', 'won'], ['signed', 'won'],
  ['lost', 'lost'], ['closed-lost', 'lost'], ['closedlost', 'lost'], ['closed_lost', 'lost'],
]);

/** Words that say an activity did not happen: "cancelled demo with Acme" logs nothing. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', "didn't", 'didnt', "can't", 'cant', 'cannot', "won't", 'wont', 'never', 'cancelled', 'canceled',
  'missed', 'rescheduled', 'postponed', 'skipped', 'no-show', 'noshow', 'declined', 'bailed', 'pushed',
]);

/**
 * Words that are never a deal, alone or together: "called them twice" is not about a deal named "them",
 * "call with new prospects" nor "meeting with the decision maker" about any deal.
 */
export const NON_DEALS: ReadonlySet<string> = new Set([
  'them', 'him', 'her', 'it', 'us', 'me', 'you', 'everyone', 'someone', 'somebody', 'people', 'prospects',
  'leads', 'clients', 'customers', 'folks', 'the', 'a', 'an', 'back', 'team', 'boss', 'manager', 'myself',
  'prospect', 'lead', 'client', 'customer', 'anyone', 'everybody', 'all', 'new', 'contact', 'contacts', 'buyer',
  'buyers', 'decision', 'maker', 'makers', 'decision-maker', 'decision-makers', 'person', 'persons', 'guy', 'guys',
  'potential', 'prospective', 'existing', 'current', 'old', 'another', 'other', 'some', 'few', 'couple', 'of', 'my',
  'our', 'their', 'inbound', 'outbound', 'warm', 'cold', 'hot', 'qualified', 'key', 'partner', 'partners', 'vendor',
  'vendors', 'user', 'users', 'stakeholder', 'stakeholders', 'one', 'two', 'three', 'more', 'this', 'that', 'these', 'those',
]);
