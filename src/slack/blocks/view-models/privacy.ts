/** How many rows of each kind forgetting a person deletes (the privacy services' counts, as the renderer needs them). */
export type TForgetCounts = {
  logEntries: number;
  activities: number;
  deals: number;
  dealNotes: number;
  goals: number;
  activityTargets: number;
  coachingSnapshots: number;
  meetings: number;
  agendaItems: number;
  actionItems: number;
  deliveries: number;
  teamRequests: number;
  /** Reviews of their calls and their requests for one. */
  callReviews: number;
  /** Comments they wrote in review threads, and everyone's in the threads of reviews about them. */
  reviewComments: number;
};

export type TForgetPersonRef = { slackUserId: string; name: string; isTheirManager: boolean; reportsToThem: boolean; hasOneOnOne: boolean };

/** The `/coach forget-me` confirmation: what will be deleted and whom it touches. */
export type TForgetModalView = { slackUserId: string; counts: TForgetCounts; counterparts: TForgetPersonRef[] };

/** The DM to someone a forgotten person leaves behind: their manager, a rep of theirs, the other side of a 1:1. */
export type TForgottenNoticeView = {
  forgottenName: string;
  /** `slack`: they asked (`/coach forget-me`); `cli`: an admin deleted their data (departed staff). */
  via: 'slack' | 'cli';
  recipient: TForgetPersonRef;
};
