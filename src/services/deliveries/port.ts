import type { KnownBlock } from '@slack/types';

/*
 * The port through which deliveries reach people: what a message is, the two operations a sender needs,
 * and what a failure means for the delivery. Services own it; `src/slack/deliver.ts` implements it on
 * Slack's Web API (and classifies Slack's errors into these kinds), tests implement it with fakes.
 */

/** A message as Slack renders it: fallback text and Block Kit blocks. */
export type TDeliveryMessage = { text: string; blocks: KnownBlock[] };
/** Where a posted message landed. */
export type TPosted = { channel: string; ts: string };

export type TDeliveryPort = {
  /** Posts to the recipient's DM with the app. Throws a `DeliveryFailure` when nothing (or maybe something) was posted. */
  post(input: { userId: string; deliveryId: number; kind: string; message: TDeliveryMessage }): Promise<TPosted>;
  /** The message posted for `deliveryId` in the recipient's DM since `oldest`, found by its metadata; null when there is none. */
  findDelivered(input: { userId: string; deliveryId: number; oldest: Date }): Promise<TPosted | null>;
};

/**
 * Which port reaches a workspace's people (SPEC §5: "sends them with that workspace's token"). Single-workspace
 * mode has one port for every workspace; with OAuth each workspace's port carries its own installation's token.
 */
export type TWorkspaceSenders = {
  /** The port for one workspace, or null when nothing may be sent there any more (the app was uninstalled, its token revoked). */
  forWorkspace(workspaceId: string): Promise<TDeliveryPort | null>;
};

/** One port for every workspace (single-workspace mode, tests), or the senders as given. */
export function asWorkspaceSenders(slack: TDeliveryPort | TWorkspaceSenders): TWorkspaceSenders {
  if ('forWorkspace' in slack) return slack;
  return { forWorkspace: async () => slack };
}

/** The reason recorded on a delivery that could not be sent because the app is no longer installed in its workspace. */
export const UNINSTALLED_REASON = 'skipped: Canopy is no longer installed in this workspace';

/**
 * What a failed send means for the delivery:
 * - `rate_limited`: nothing was posted; try again after `retryAfterMs`.
 * - `rejected`: refused; nothing was posted; worth retrying (an unexpected error code).
 * - `permanent`: nothing was posted and retrying cannot help (the user left, the token was revoked, the blocks are invalid).
 * - `uncertain`: 5xx, a network error or a timeout: the message may or may not have been posted; check before resending.
 */
export type TDeliveryFailureKind = 'rate_limited' | 'rejected' | 'permanent' | 'uncertain';

export class DeliveryFailure extends Error {
  constructor(
    readonly kind: TDeliveryFailureKind,
    /** The platform's error code (`user_not_found`), `http_503`, or `request_error`. */
    readonly code: string,
    readonly retryAfterMs?: number,
  ) {
    super(`Slack ${kind}: ${code}${retryAfterMs !== undefined ? ` (retry after ${retryAfterMs} ms)` : ''}`);
    this.name = 'DeliveryFailure';
  }
}

/** A port's failure as thrown, or any other error (a bug, a broken fake) as `uncertain`: it cannot prove nothing was posted. */
export function asDeliveryFailure(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailure) return error;
  return new DeliveryFailure('uncertain', error instanceof Error ? `unexpected: ${error.message}` : 'unexpected');
}
