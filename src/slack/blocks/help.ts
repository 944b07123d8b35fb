import type { KnownBlock } from '@slack/types';
import { codeSpan } from './escape';
import { context, divider, header, section } from './format';
import { fitFallbackText, fitMessage } from './limits';

export type THelpView = { isManager: boolean; isAdmin?: boolean; unknownVerb?: string };

// SPEC §4 grammar, as people type it.
const LOG_EXAMPLES = [
  '4 calls, 2 emails',
  '3 dials + 1 mtg',
  'demo with Acme',
  '2 demos w/ Acme Corp',
  'sent proposal to Globex $24k',
  'moved Initech to negotiation',
  'won Acme $12,500',
  'lost Hooli',
  'yesterday: 5 calls',
  'mon 3 calls',
  'called Acme twice',
  '4 calls yesterday and 2 today',
  'mon-wed 30 calls',
  '2 demos (Acme, Globex)',
  'QBR with Hooli',
  'texted 3 prospects',
  'Initech pushed to Q1',
  'oops, that was 3 calls not 4',
];

const PERIODS = 'today|yesterday|week|last week|month|last month|quarter|last quarter|ytd|7d|30d|90d';

/** What Canopy can do today (`/coach help`, an empty or unknown verb): only the commands that work. */
export function renderHelp(view: THelpView): { blocks: KnownBlock[]; text: string } {
  const verb = view.unknownVerb?.trim();
  const intro = verb
      ? `I don't know ${codeSpan(verb, 60)} yet — here's what I can do:`
      : "Hi! I keep count of your sales activity so you can see your own numbers any time. Here's what I can do:";
  const blocks: KnownBlock[] = [
    header('Canopy — what I can do'),
    section(intro),
    section(
      [
        // `<text>` would be read by Slack as a link token: written escaped.
        '*Log activity* — `/log &lt;text&gt;`',
        LOG_EXAMPLES.map((example) => `\`${example}\``).join(' · '),
        'You can also just DM me, reply in a check-in thread I started, or use *Log as activity* in the ⋮ menu of one of your own messages. ' +
          'Edit or delete that message and the logged activity follows.',
        'A deal name finds your own deal (`Acme` finds _Acme Corporation_); when two fit I ask which, and I start a new deal only when you clearly name one — with an Undo.',
      ].join('\n'),
    ),
    section(
      [
        `*See your numbers* — \`/stats [${PERIODS}] [deals]\``,
        'This week by default: activity by type and by stage, your targets and goal, open pipeline by stage, deals closed and the last 8 weeks.',
        '`/stats deals` — your open deals by stage: amount, days in the stage, last activity and what was logged on each',
        'Examples: `/stats` · `/stats yesterday` · `/stats last month` · `/stats ytd` · `/stats deals`',
      ].join('\n'),
    ),
    section(
      [
        '*Coaching*',
        '`/coach focus` — the one stage where coaching would help most, with the evidence, what to try and recordings from the team',
        '`/coach goals` — your goals this quarter · `/coach goals 8 deals` or `/coach goals $120k` proposes one to your manager',
        '`/coach targets` — your weekly activity targets and how each was found · `/coach targets 25 calls 10 emails` proposes your own (up to three; `2 proposals a month` for rarer ones) to your manager',
        '`/coach review request &lt;link&gt; [note]` — ask your manager for feedback on one of your call recordings (or *Review this call* in the ⋮ menu of your own message with the link); they see it on their Home tab and in the brief before your next 1:1 · `/coach review request cancel [&lt;link&gt;]` takes it back',
      ].join('\n'),
    ),
    section(
      [
        '*1:1s*',
        '`/coach agenda &lt;text&gt;` — add a topic to your next 1:1 · `/coach agenda` shows its agenda',
        '`/coach 1on1` — your 1:1s and when the next one is, in your time zone',
        'Your Home tab (the app\'s *Home*) shows your next 1:1, its agenda and your open action items.',
      ].join('\n'),
    ),
    ...(view.isManager
      ? []
      : [
          section(
            [
              '*Your team*',
              'Your numbers are seen by you, your manager and workspace admins — your Home tab names them. When someone asks to add you to their team, you get a DM with what they would see, to accept or decline.',
              '`/coach team add @rep …` — starting a team of your own? Ask reps to join: each gets that DM, and you hear their answer',
            ].join('\n'),
          ),
        ]),
    section(
      [
        '*Your settings and quiet time*',
        '`/coach settings` — ' +
          (view.isManager
            ? 'your working days and hours, public holidays (country and region), and how long before a 1:1 your brief arrives'
            : 'your working days and hours, public holidays (country and region), your weekly digest\'s day and time, and check-ins'),
        '`/coach pause 1w` — hold everything I send on my own (`3d`, `2 weeks`, `1 month`; up to 90 days)' +
          (view.isManager ? '; briefs for your 1:1s still arrive' : '') +
          ' · `/coach resume` to start again',
        "While your Slack status says you're away (out of office, vacation, sick), I hold them too.",
      ].join('\n'),
    ),
    section(
      [
        '*Your data*',
        '`/coach export` — everything I store about you or that you wrote, as files in our DM (JSON, and your activities as CSV)',
        '`/coach forget-me` — delete all of it, for good (I show what goes and ask you to confirm first)',
      ].join('\n'),
    ),
  ];
  if (view.isManager) {
    blocks.push(
      divider(),
      section(
        [
          '*For managers*',
          '`/stats @rep [period]` — a rep’s numbers (your own reps; admins see everyone) · `/stats @rep deals` — their open deals and what was done on each',
          '`/coach team` — your team by tier, with each tier\'s reason, changes and new focus areas',
          '`/coach focus @rep` — a rep’s focus area and the evidence behind it',
          '`/coach goals @rep 8 deals` — set a rep’s goal (they are told); their proposals reach you with Agree / Adjust',
          '`/coach targets @rep 20 calls` — set a rep’s activity targets (they are told); their proposals reach you with Agree / Adjust · `/coach targets @rep` shows theirs',
          '`/coach exemplar add &lt;stage&gt; &lt;link&gt; &lt;title&gt;` — add a good call or demo recording to the team library',
          '`/coach review @rep &lt;link&gt; [deal] [stage]` — feedback on a rep’s call recording: what went well and one thing to work on (or *Review this call* on a message with the link); they get it as a DM in their working hours (or with their next check-in or digest when their weekly messages are used up) and on their Home tab',
          'Edit or delete a review you shared from the confirmation or your brief (the ⋯ menu on its line)',
          view.isAdmin
            ? '`/coach team add @rep …` — add reps to your team at once (several: `/coach team add @rep1 @rep2`); see *For admins* below'
            : '`/coach team add @rep …` — ask reps to join your team (several at once: `/coach team add @rep1 @rep2`); each gets a DM with what you would see, to accept or decline, and you hear their answer',
          '`/coach team remove @rep` — take a rep off your team (or withdraw an unanswered request)',
          '`/coach 1on1 @rep weekly tue 10:00` — a recurring 1:1 (`biweekly`, `monthly` — the first Tuesday of each month, or `monthly 2nd tue`, `monthly last fri 15:00` — any weekday, `10am` works too; your time zone); again to change it · `/coach 1on1 cancel @rep`',
          '`/brief @rep` — the brief for your next 1:1 with a rep (it also arrives by DM before each 1:1); *Log notes* on it records notes and action items',
          '`/coach agenda @rep &lt;text&gt;` — add your own topic to a rep’s next 1:1',
        ].join('\n'),
      ),
    );
  }
  if (view.isAdmin) {
    blocks.push(
      divider(),
      section(
        [
          '*For admins* (Slack workspace admins and owners are Canopy admins)',
          '`/coach setup` — the workspace\'s setup: stages in order with their CRM names, won and lost names, which stage each activity type feeds, tier policy, stalled and dormant thresholds, the time zone, the default working week and public holidays, quota kind and the team leaderboard (also *Edit setup* on your Home tab)',
          '`/coach team add @rep …` — takes effect at once: the rep joins your team (moved from another manager’s if need be) and gets a DM saying who added them and what you see',
          '`/stats @rep`, `/stats @rep deals`, `/coach focus @rep`, `/brief @rep` — any rep’s numbers, not only your team’s',
          '`/coach goals @rep 8 deals`, `/coach targets @rep 20 calls` — set any rep’s goal or targets (they are told)',
          'From a terminal where Canopy runs: `npm run cli -- import people people.csv --workspace T…` (then `deals` and `activities`) bulk-imports your team and history from CSV; `npm run cli -- run recompute --workspace T…` recomputes tiers and focus areas now; `npm run cli -- preview home U…` shows anyone’s Home tab as text.',
        ].join('\n'),
      ),
    );
  }
  blocks.push(context('`/coach help` shows this again · your numbers are visible to you, your manager and admins only'));
  const text = verb ? intro : 'Canopy help: /log &lt;text&gt;, /stats [period], /coach help';
  return { blocks: fitMessage(blocks), text: fitFallbackText(text) };
}
