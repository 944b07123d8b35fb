/** A person as the team messages name them. */
export type TPersonRef = { slackUserId: string; name: string };

/** The reply to `/coach team add`: what happened for each person named. */
export type TTeamAddReplyView = {
  /** An admin's add: on the team now; `from` is the manager they left. */
  added: { rep: TPersonRef; from: TPersonRef | null }[];
  /** Asked in a DM, waiting for their answer. */
  asked: TPersonRef[];
  /** Asked, but their DM failed, so the request was withdrawn. */
  notReached: TPersonRef[];
  already: TPersonRef[];
  pending: TPersonRef[];
  refused: { person: TPersonRef; why: string }[];
};

export type TTeamRemovalReplyView = { removed: TPersonRef[]; notOnTeam: TPersonRef[]; withdrawn: TPersonRef[] };

/** The DM asking a rep to join a team; `from` is the manager whose team accepting would leave. */
export type TTeamRequestView = { requestId: number; asker: TPersonRef; from: TPersonRef | null };

/** What the request DM becomes once clicked. */
export type TTeamRequestOutcome =
  | { kind: 'accepted'; asker: TPersonRef; from: TPersonRef | null }
  | { kind: 'declined'; asker: TPersonRef }
  | { kind: 'closed'; why: string };
