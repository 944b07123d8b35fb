/** A 1:1 as one side sees it: the other person, the schedule in the manager's zone, the next meeting in the viewer's. */
export type TOneOnOneSummary = {
  id: number;
  role: 'manager' | 'rep';
  other: { slackUserId: string; name: string };
  scheduleText: string;
  managerTz: string;
  nextStart: Date;
  /** The next meeting in the viewer's own zone, e.g. 'Tue 1 Dec, 19:00'. */
  nextText: string;
};

export type TAgendaItemView = { id: number; text: string; authorName: string; mine: boolean };
export type TAgendaView = { oneOnOne: TOneOnOneSummary; items: TAgendaItemView[] };

export type TActionItemView = { id: number; text: string; owner: 'rep' | 'manager'; ownerName: string; ownerSlackUserId: string; dueDate: string | null; done: boolean };

export type TMeetingNotesView = {
  meetingId: number;
  startsText: string;
  rep: { slackUserId: string; name: string };
  manager: { slackUserId: string; name: string };
  notes: string;
  actionItems: TActionItemView[];
};
