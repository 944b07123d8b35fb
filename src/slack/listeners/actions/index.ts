import type { App } from '@slack/bolt';
import type { TSlackContext } from '../../context';
import { registerGoalActions } from './goals';

/** Buttons and other block actions. */
export function registerActions(app: App, ctx: TSlackContext): void {
  registerGoalActions(app, ctx);
}
