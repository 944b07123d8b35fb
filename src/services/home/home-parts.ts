import type { TDb } from '../../../db/client';
import { type TPersonRow } from '../../../db/repositories/people';
import { type TOneOnOneSpec } from '../../domain/schedule';
import type { THomeTeamRep, THomeWorkspace } from '../../slack/blocks/view-models/home';
import type { TOneOnOneSummary } from '../../slack/blocks/view-models/one-on-ones';
import { setupSummaryLines } from '../../domain/setup-text';
import { getSetup } from '../setup/get-setup';
import { getTeamView } from '../teams/get-team-view';

/** A 1:1 the viewer may change or cancel from the Home tab, with what the schedule modal is prefilled with. */
export type TManagedOneOnOne = { id: number; rep: TPersonRow; spec: TOneOnOneSpec; scheduleText: string };

export const GONE = "That 1:1 isn't scheduled any more — your Home tab has been refreshed.";

/** The manager's reps as `/coach team` counts them (grouped by tier there), with the next 1:1 of each. */
export async function teamReps(db: TDb, manager: TPersonRow, held: readonly TOneOnOneSummary[], now: Date): Promise<THomeTeamRep[]> {
  const next = new Map(held.map((s) => [s.other.slackUserId, s.nextText]));
  return (await getTeamView(db, manager, now)).reps.map((rep) => ({
    slackUserId: rep.slackUserId,
    name: rep.name,
    tier: rep.coaching?.tier ?? null,
    weekTotal: rep.weekTotal,
    trendSparkline: rep.trendSparkline,
    // The team view names the focus stage already.
    focusStageName: rep.coaching?.focusStage ?? null,
    nextOneOnOneText: next.get(rep.slackUserId) ?? null,
  }));
}

/** The admin section: the setup's zone and stages, and its other settings in plain lines (the stages line is the section's own). */
export async function workspaceOf(db: TDb, workspaceId: string): Promise<THomeWorkspace> {
  const setup = await getSetup(db, workspaceId);
  return {
    timezone: setup.timezone,
    stages: setup.stages.map((s) => ({ name: s.name, outcome: s.outcome })),
    details: setupSummaryLines(setup).filter((line) => !line.startsWith('Stages:') && !line.startsWith('Time zone:')),
  };
}
