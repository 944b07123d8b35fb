import type { App } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { registerGoalViews } from './goals';

/** Modal submissions. */
export function registerViews(app: App, ctx: TSlackContext): void {
  registerGoalViews(app, ctx);
}
