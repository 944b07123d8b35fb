import { type TPersonRow } from '../../../db/repositories/people';
import { AppError } from '../../domain/errors';

export type TTeamChange = { added: TPersonRow[]; moved: TPersonRow[]; already: TPersonRow[]; refused: { person: TPersonRow; why: string }[] };

export type TTeamOverview = {
  reps: { person: TPersonRow; weekTotal: number; trendSparkline: string; lastActivityAt: Date | null }[];
};

export function notAManager(): AppError {
  return new AppError(
    'not_allowed',
    'Only managers and admins can build a team. A Slack workspace admin is a Canopy admin; an admin can import your team from a people CSV.',
  );
}
