import { DelayedError, type Job, RateLimitError } from 'bullmq';
import type { TMetrics } from '../src/observability/metrics';
import { runInContext } from '../src/observability/request-context';
import type { TPlanResult } from '../src/services/deliveries/plan-deliveries';
import type { TDeliveryOutcome } from '../src/services/deliveries/send-delivery';

type TProcessor<R> = (job: Job, token?: string) => Promise<R>;

/**
 * Runs each job inside a log context (its workspace when the payload names one, the job id as request id,
 * the queue and job name), and times each attempt by how it ended. `delayed` and `rate_limited` are not
 * failures: the job was put back on purpose (another sender's claim, Slack's Retry-After).
 */
export function observeJobs<R>(queue: string, processor: TProcessor<R>, metrics?: TMetrics): TProcessor<R> {
  return (job, token) => {
    return runInContext(jobLogFields(queue, job), async () => {
      const started = performance.now();
      let status = 'failed';
      try {
        const result = await processor(job, token);
        status = 'completed';
        return result;
      } catch (error) {
        status = error instanceof DelayedError ? 'delayed' : error instanceof RateLimitError ? 'rate_limited' : 'failed';
        throw error;
      } finally {
        const seconds = (performance.now() - started) / 1000;
        metrics?.jobSeconds.observe({ queue, status }, seconds);
      }
    });
  };
}

/**
 * The fields every line about a job carries. BullMQ's `completed` and `failed` events fire outside the job's log
 * context, so their handlers add these themselves.
 */
export function jobLogFields(queue: string, job: Pick<Job, 'id' | 'name' | 'data'> | undefined): { requestId: string; queue: string; kind: string; workspace?: string } {
  const workspace = (job?.data as { workspaceId?: unknown } | undefined)?.workspaceId;
  return { requestId: String(job?.id ?? ''), queue, kind: job?.name ?? '', ...(typeof workspace === 'string' ? { workspace } : {}) };
}

/** What a plan run decided not to send, by kind: held back by the no-nagging policy, or too late to be useful. */
export function countPlanned(metrics: TMetrics | undefined, plan: Pick<TPlanResult, 'skipped' | 'suppressed'>): void {
  if (!metrics) return;
  for (const item of plan.suppressed) metrics.deliveries.inc({ kind: item.kind, outcome: 'suppressed' });
  for (const item of plan.skipped) metrics.deliveries.inc({ kind: item.kind, outcome: 'skipped' });
}

/** What a send decided: sent (recovered ones included), skipped, failed. */
export function countSent(metrics: TMetrics | undefined): ((outcome: TDeliveryOutcome) => void) | undefined {
  return metrics ? (o) => metrics.deliveries.inc({ kind: o.kind, outcome: o.outcome }) : undefined;
}
