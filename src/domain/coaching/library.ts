import type { TTier } from './tiers';

/** A stage's coaching: one thing to try, and questions a manager can ask that guide rather than tell. */
export type TStageCoaching = { tip: string; questions: string[] };

/** The curated library for the default selling system's open stages. */
export const STAGE_COACHING: Readonly<Record<string, TStageCoaching>> = {
  prospecting: {
    tip: 'Open with a specific reason to talk now (a trigger event or a peer result) rather than a product pitch.',
    questions: [
      'Which of this week\'s conversations felt most alive, and what was different about it?',
      'What made you pick these accounts over others?',
      'What did you say in the first 30 seconds, and how did they react?',
      'Who else in that company feels the problem, and have you reached them?',
      'What would make a prospect glad they took your call?',
    ],
  },
  discovery: {
    tip: 'Before moving on, get the buyer to put a cost on the problem in their own words.',
    questions: [
      'What did the buyer say the cost of doing nothing is?',
      'Who else will weigh in on this decision, and what do they care about?',
      'What made them take the meeting now rather than next quarter?',
      'What did you learn that surprised you?',
      'What do they need to see in a demo to believe it would work for them?',
    ],
  },
  demo: {
    tip: 'Show the two or three moments that solve the pains from discovery, and agree the next step before the call ends.',
    questions: [
      'Which part of the demo got the strongest reaction, and why do you think it landed?',
      'How did the demo connect to the problems they described in discovery?',
      'What next step did the buyer agree to, and who owns it?',
      'Who was missing from the demo who will influence the decision?',
      'What question did they ask that you would like to answer better next time?',
    ],
  },
  proposal: {
    tip: 'Walk the buyer through the proposal live instead of emailing it, and tie the price to the value they named.',
    questions: [
      'How does the proposal tie back to the value the buyer put on the problem?',
      'Who will read this proposal that you have not spoken with yet?',
      'What happens on their side between receiving it and signing?',
      'What option could make it easier for them to say yes?',
      'What would the buyer say is the riskiest part of choosing us?',
    ],
  },
  negotiation: {
    tip: 'Trade rather than concede: tie any give on price to something of value in return, such as term, scope or timing.',
    questions: [
      'What is driving their ask, and what do they need to bring back internally?',
      'What could we ask for in return if we move on this point?',
      'What is their paper process, and who signs?',
      'What would happen for them if this slipped a month?',
      'Where do you feel you have the most room, and where the least?',
    ],
  },
};

/** Used for custom stages the library does not know. */
export const GENERIC_COACHING: TStageCoaching = {
  tip: 'Agree a clear next step with a date at the end of every conversation in this stage.',
  questions: [
    'What has to be true for deals to move out of this stage?',
    'Which recent deal moved through this stage well, and what did you do differently there?',
    'What is the buyer\'s next step, and when did they commit to it?',
    'Where do deals most often get stuck here, in your view?',
    'What help would make the biggest difference at this stage?',
  ],
};

/** For a rep with no focus area: about their deals as a whole, never "this stage". */
export const NO_FOCUS_QUESTIONS: readonly string[] = [
  'Which deal are you most confident about this month, and what is its next step?',
  'Where did a deal get stuck lately, and what would have moved it on?',
  'What would make the biggest difference to your quarter from here?',
];

/** How the bot talks to each tier: autonomous reps hear about deals and growth, never activity counts. */
export const TIER_TONE: Readonly<Record<TTier, string>> = {
  autonomous: 'Talk deals, strategy and growth, not activity counts: outcome goals only, and the freedom to work their way.',
  guided: 'Share weekly expectations and progress as information, celebrate streaks, and keep nudges light (at most two a week).',
  focused: 'Work on one stage at a time with daily expectations and short check-ins; recognise every step forward.',
  ramping: 'Help them learn the selling system: weekly expectations as a guide, no tier judgement, plenty of examples.',
};

/** The tip and coaching questions for a stage, with a generic fallback for custom stages. */
export function coachingFor(stageKey: string): TStageCoaching {
  const key = stageKey.trim().toLowerCase();
  // hasOwn: a custom stage called 'constructor' must not find Object.prototype's.
  const coaching = Object.hasOwn(STAGE_COACHING, key) ? STAGE_COACHING[key]! : GENERIC_COACHING;
  return { tip: coaching.tip, questions: [...coaching.questions] };
}
