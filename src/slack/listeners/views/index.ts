import type { App } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { registerOneOnOneViews } from './one-on-ones';
import { registerGoalViews } from './goals';
import { registerTargetViews } from './targets';
import { registerHomeViews } from './home';
import { registerLogActivityViews } from './log-activity';
import { registerForgetMeViews } from './forget-me';
import { registerSetupViews } from './setup';
import { registerReviewCallViews } from './review-call';
import { registerReviewAskViews } from './review-ask';

/** Modal submissions. */
export function registerViews(app: App, ctx: TSlackContext): void {
  registerGoalViews(app, ctx);
  registerTargetViews(app, ctx);
  registerOneOnOneViews(app, ctx);
  registerHomeViews(app, ctx);
  registerLogActivityViews(app, ctx);
  registerForgetMeViews(app, ctx);
  registerSetupViews(app, ctx);
  registerReviewCallViews(app, ctx);
  registerReviewAskViews(app, ctx);
}
