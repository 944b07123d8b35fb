import { retryWhenBusy, type TDb, writeTransaction } from '../../../db/client';
import { findDeliveryById, type TDeliveryRow, type TDeliveryStatus, updateDelivery } from '../../../db/repositories/deliveries';
import { findPersonById } from '../../../db/repositories/people';
import { recordUninstall } from '../installations/record-uninstall';
import { noteWorkspace } from '../../observability/request-context';
import { asDeliveryFailure, asWorkspaceSenders, type TDeliveryPort, type TPosted, type TWorkspaceSenders, UNINSTALLED_REASON } from './port';
import { composeDelivery, type TComposed } from './compose-delivery';

/*
 * Sending one planned delivery, exactly once (SPEC §5: "a crash mid-job never sends twice nor loses one").
 *
 * The row is the source of truth: a sender claims it (pending → sending, in a write transaction), posts, and
 * records `sent` with Slack's channel and ts before it reports success. Whoever finds a row `sending` whose
 * claim is stale, or that an earlier attempt released with an unknown outcome (a timeout or 5xx after the
 * request left), first asks Slack whether the message is there — every delivery carries its id in the
 * message metadata — and only posts when it is not.
 */

/** How long a claim protects a send in progress. Far above the Slack request timeout (10 s), so a live sender never loses it. */
export const DEFAULT_CLAIM_LEASE_MS = 2 * 60_000;
/** Sends tried before a delivery is recorded as failed (rate-limit waits don't count). */
export const MAX_SEND_ATTEMPTS = 12;
/** Slack's clock and ours may differ; look a little further back than the delivery's creation for its message. */
const HISTORY_MARGIN_MS = 10 * 60_000;
const UNKNOWN = 'outcome unknown: ';
const GONE = 'skipped: the recipient no longer exists';

/** Slack said 429: nothing was posted; try again after `retryAfterMs` (the row is back to pending, or still to be checked). */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`Slack rate limited the delivery; retry after ${retryAfterMs} ms`);
    this.name = 'RateLimitedError';
  }
}

/** Another sender holds a fresh claim on the delivery: try again at `retryAt`, when it has either finished or gone stale. */
export class DeliveryBusyError extends Error {
  constructor(readonly retryAt: Date) {
    super(`Another sender is delivering it; retry at ${retryAt.toISOString()}`);
    this.name = 'DeliveryBusyError';
  }
}

/** A failure worth retrying with backoff (5xx, network, timeout, an unexpected Slack error); the row says what is known. */
export class RetryableDeliveryError extends Error {
  constructor(readonly code: string) {
    super(`Delivery failed, will retry: ${code}`);
    this.name = 'RetryableDeliveryError';
  }
}

export type TSendResult =
  | { outcome: 'sent'; deliveryId: number; channel: string; ts: string }
  /** An earlier attempt had posted it (found by its metadata); now recorded. */
  | { outcome: 'recovered'; deliveryId: number; channel: string; ts: string }
  | { outcome: 'already_done'; deliveryId: number; status: TDeliveryStatus }
  | { outcome: 'skipped'; deliveryId: number; reason: string }
  /** A permanent Slack error: recorded as failed, never retried. */
  | { outcome: 'failed'; deliveryId: number; error: string }
  | { outcome: 'missing'; deliveryId: number };

/** What one send decided for a delivery, for whoever counts them (the worker's metrics). */
export type TDeliveryOutcome = { kind: TDeliveryRow['kind']; workspaceId: string; outcome: 'sent' | 'skipped' | 'failed' };

export type TSendOptions = {
  claimLeaseMs?: number;
  /** Told what the send decided (sent — recovered included —, skipped, failed); not told of retries, waits, or rows already done. */
  onOutcome?: (outcome: TDeliveryOutcome) => void;
};

type TClaim =
  | { kind: 'missing' }
  | { kind: 'done'; status: TDeliveryStatus }
  | { kind: 'busy'; retryAt: Date }
  /** `verify`: an earlier attempt may have posted it; look in Slack first. */
  | { kind: 'claimed'; row: TDeliveryRow; verify: boolean };

/** Sends the delivery if it is still to be sent. Throws RateLimitedError, DeliveryBusyError or RetryableDeliveryError for the caller to retry. */
export async function sendDelivery(db: TDb, senders: TDeliveryPort | TWorkspaceSenders, deliveryId: number, now: Date, options: TSendOptions = {}): Promise<TSendResult> {
  const claimed: { row?: TDeliveryRow } = {};
  const result = await sendOnce(db, senders, deliveryId, now, options, claimed);
  if (options.onOutcome && claimed.row) reportOutcome(claimed.row, result, options.onOutcome);
  return result;
}

const DECIDED: Partial<Record<TSendResult['outcome'], TDeliveryOutcome['outcome']>> = { sent: 'sent', recovered: 'sent', skipped: 'skipped', failed: 'failed' };

function reportOutcome(row: TDeliveryRow, result: TSendResult, onOutcome: (outcome: TDeliveryOutcome) => void): void {
  const outcome = DECIDED[result.outcome];
  if (!outcome) return;
  try {
    onOutcome({ kind: row.kind, workspaceId: row.workspaceId, outcome });
  } catch {
    // Counting must never turn a recorded send into a failed job (and a retry that would post again).
  }
}

/** `claimed.row` is set once the delivery is claimed: whoever counts outcomes reads its kind and workspace there. */
async function sendOnce(db: TDb, senders: TDeliveryPort | TWorkspaceSenders, deliveryId: number, now: Date, options: TSendOptions, claimed: { row?: TDeliveryRow }): Promise<TSendResult> {
  const lease = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const claim = await retryWhenBusy(() => writeTransaction(db, (tx) => claimDelivery(tx, deliveryId, now, lease)));
  if (claim.kind === 'missing') return { outcome: 'missing', deliveryId };
  if (claim.kind === 'done') return { outcome: 'already_done', deliveryId, status: claim.status };
  if (claim.kind === 'busy') throw new DeliveryBusyError(claim.retryAt);

  const { row } = claim;
  claimed.row = row;
  // The job's payload names only the delivery: from here on its log lines say whose workspace it is.
  noteWorkspace(row.workspaceId);
  const recipient = await findPersonById(db, row.recipientId);
  if (!recipient) return settle(db, row, { status: 'skipped', reason: GONE }, { outcome: 'skipped', deliveryId, reason: GONE });
  let slack: TDeliveryPort | null;
  try {
    slack = await asWorkspaceSenders(senders).forWorkspace(row.workspaceId);
  } catch (error) {
    // No token to send with right now (a refresh failed on a network error): nothing was posted, try again later.
    await release(db, row, { status: claim.verify ? 'sending' : 'pending', error: claim.verify ? (row.error ?? UNKNOWN) : `no token: ${error instanceof Error ? error.message : String(error)}` });
    throw new RetryableDeliveryError('no_token');
  }
  if (!slack) return settle(db, row, { status: 'skipped', reason: UNINSTALLED_REASON }, { outcome: 'skipped', deliveryId, reason: UNINSTALLED_REASON });

  if (claim.verify) {
    let found: TPosted | null;
    try {
      found = await slack.findDelivered({ userId: recipient.slackUserId, deliveryId, oldest: new Date(row.createdAt.getTime() - HISTORY_MARGIN_MS) });
    } catch (error) {
      return failWhileUnknown(db, row, error);
    }
    if (found) {
      await retryWhenBusy(() => updateDelivery(db, row.id, ['sending'], { status: 'sent', slackChannel: found.channel, slackTs: found.ts, sentAt: now, error: null }));
      return { outcome: 'recovered', deliveryId, ...found };
    }
  }
  // From here on nothing of this delivery is in Slack.

  let composed: TComposed;
  try {
    composed = await composeDelivery(db, row, now);
  } catch (error) {
    await release(db, row, { status: 'pending', error: `compose failed: ${error instanceof Error ? error.message : String(error)}` });
    throw error;
  }
  if (composed.action === 'skip') return settle(db, row, { status: 'skipped', reason: composed.reason }, { outcome: 'skipped', deliveryId, reason: composed.reason });

  let posted: TPosted;
  try {
    posted = await slack.post({ userId: composed.recipient.slackUserId, deliveryId, kind: row.kind, message: composed.message });
  } catch (error) {
    const failure = asDeliveryFailure(error);
    if (failure.kind === 'uncertain') {
      await release(db, row, { status: 'sending', error: `${UNKNOWN}${failure.code}` });
      throw new RetryableDeliveryError(failure.code);
    }
    if (failure.kind === 'permanent') {
      // Slack revoked the token and the event saying so never reached us: stop sending there as that event would.
      if (failure.code === 'token_revoked') await stopWorkspace(db, row.workspaceId, now);
      return settle(db, row, { status: 'failed', error: failure.code }, { outcome: 'failed', deliveryId, error: failure.code });
    }
    // Waiting out a rate limit is not a failed attempt.
    await release(db, row, { status: 'pending', error: failure.code, ...(failure.kind === 'rate_limited' ? { attempts: row.attempts - 1 } : {}) });
    if (failure.kind === 'rate_limited') throw new RateLimitedError(failure.retryAfterMs ?? 1000);
    throw new RetryableDeliveryError(failure.code);
  }
  // Record before reporting success: a crash between the post and this line leaves a claim that goes stale,
  // and whoever takes it over finds the message by its metadata instead of posting again.
  await retryWhenBusy(() => updateDelivery(db, row.id, ['sending'], { status: 'sent', slackChannel: posted.channel, slackTs: posted.ts, sentAt: now, error: null }));
  return { outcome: 'sent', deliveryId, ...posted };
}

/** What `tokens_revoked` would have done: the workspace's tokens deleted and its deliveries stopped (idempotent). */
async function stopWorkspace(db: TDb, workspaceId: string, now: Date): Promise<void> {
  try {
    // Slack answered just now (the wall clock), whatever instant the run acts as of: never "older than the install".
    await recordUninstall(db, { teamId: workspaceId, isEnterpriseInstall: false, eventTime: new Date(), at: now });
  } catch {
    // The delivery's own outcome is recorded either way; the next one tries again.
  }
}

/**
 * Takes the delivery for this sender: a pending row, a stale claim (its sender died, or hung past the lease),
 * or a row an earlier attempt released with an unknown outcome. A fresh claim is left to its holder.
 */
export async function claimDelivery(tx: TDb, id: number, now: Date, leaseMs: number): Promise<TClaim> {
  const row = await findDeliveryById(tx, id);
  if (!row) return { kind: 'missing' };
  if (row.status !== 'pending' && row.status !== 'sending') return { kind: 'done', status: row.status };
  const released = row.status === 'sending' && row.error?.startsWith(UNKNOWN) === true;
  if (row.status === 'sending' && !released && row.claimedAt && now.getTime() - row.claimedAt.getTime() < leaseMs) {
    return { kind: 'busy', retryAt: new Date(row.claimedAt.getTime() + leaseMs) };
  }
  // An error Slack keeps giving (an unexpected code, a broken message) would otherwise be retried every time
  // the planner re-arms the job, until the delivery is too late: give up, keeping the last error for the audit.
  if (row.attempts >= MAX_SEND_ATTEMPTS && !released) {
    await updateDelivery(tx, id, [row.status], { status: 'failed', error: `gave up after ${row.attempts} attempts; last error: ${row.error ?? 'unknown'}` });
    return { kind: 'done', status: 'failed' };
  }
  // The last error stays until a send succeeds.
  const claimed = { status: 'sending' as const, claimedAt: now, attempts: row.attempts + 1, error: row.error };
  await updateDelivery(tx, id, [row.status], claimed);
  return { kind: 'claimed', row: { ...row, ...claimed }, verify: row.status === 'sending' };
}

/** Gives the claim up: `pending` when nothing was posted, `sending` (with an "outcome unknown" error) when it may have been. */
function release(db: TDb, row: TDeliveryRow, next: { status: 'pending' | 'sending'; error: string; attempts?: number }): Promise<boolean> {
  const attempts = next.attempts === undefined ? {} : { attempts: next.attempts };
  return retryWhenBusy(() => updateDelivery(db, row.id, ['sending'], { status: next.status, error: next.error, claimedAt: next.status === 'pending' ? null : row.claimedAt, ...attempts }));
}

async function settle<T extends TSendResult>(db: TDb, row: TDeliveryRow, set: { status: 'skipped' | 'failed'; reason?: string; error?: string }, result: T): Promise<T> {
  await retryWhenBusy(() => updateDelivery(db, row.id, ['sending'], set));
  return result;
}

/** Slack could not tell us whether an earlier attempt posted it: leave it "unknown" for the next attempt to check again. */
async function failWhileUnknown(db: TDb, row: TDeliveryRow, error: unknown): Promise<TSendResult> {
  const failure = asDeliveryFailure(error);
  if (failure.kind === 'permanent') {
    // The recipient or our token is gone: it can be neither checked nor sent.
    const message = `could not check for an earlier post: ${failure.code}`;
    return settle(db, row, { status: 'failed', error: message }, { outcome: 'failed', deliveryId: row.id, error: message });
  }
  await release(db, row, { status: 'sending', error: `${UNKNOWN}${failure.code}` });
  if (failure.kind === 'rate_limited') throw new RateLimitedError(failure.retryAfterMs ?? 1000);
  throw new RetryableDeliveryError(failure.code);
}
