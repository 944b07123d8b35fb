import type { App } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { registerBriefActions } from './briefs';
import { registerOneOnOneActions } from './one-on-ones';
import { registerGoalActions } from './goals';
import { registerTargetActions } from './targets';
import { registerHomeActions } from './home';
import { registerNudgeActions } from './nudges';
import { registerDealQuestionActions } from './deal-questions';
import { registerTeamRequestActions } from './team-requests';
import { registerReviewRequestActions } from './review-requests';
import { registerReviewTriedActions } from './review-tried';
import { registerReviewChangeActions } from './review-change';
import { registerReviewAskActions } from './review-ask';

/** Buttons and other block actions. */
export function registerActions(app: App, ctx: TSlackContext): void {
  registerGoalActions(app, ctx);
  registerTargetActions(app, ctx);
  registerOneOnOneActions(app, ctx);
  registerBriefActions(app, ctx);
  registerHomeActions(app, ctx);
  registerNudgeActions(app, ctx);
  registerDealQuestionActions(app, ctx);
  registerTeamRequestActions(app, ctx);
  registerReviewRequestActions(app, ctx);
  registerReviewTriedActions(app, ctx);
  registerReviewChangeActions(app, ctx);
  registerReviewAskActions(app, ctx);
}
