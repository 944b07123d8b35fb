import { hash } from 'node:crypto';
import type { TDb } from '../../../db/client';
import {
  activityInserter,
  hasImportedActivities,
  importedActivityRefs,
  loadDealRefs,
  type TActivityInserter,
} from '../../../db/repositories/imports';
import { touchDealActivity } from '../../../db/repositories/deals';
import { getSellingSystem } from '../../../db/repositories/workspaces';
import { attributeStagelessActivities } from '../../../db/repositories/activities';
import { shown, type TActivityCsvRow } from '../../domain/csv-rows';
import { personResolver, stageMatcher, unknownStage, type TEachRow, type TImportContext, type TImportCounts } from './context';

/**
 * Inserts activities, each with an `import_ref`: a digest of the normalised row, plus its
 * occurrence among identical rows of the file. Two identical rows are two activities; importing
 * the same file again inserts nothing. Activities are never updated: an edited row is a new one.
 *
 * The digest depends on the file alone, never on what the workspace holds at the time, so that the
 * same file gives the same refs after anything else changed (the people's zones are refreshed from
 * Slack). Its parts:
 * - the rep's Slack user id: a rep named by e-mail is the person with that e-mail, so a row naming
 *   them by e-mail and one naming them by id are the same row;
 * - `occurred_at` as written: with an offset (`Z`, `-05:00`) the instant it names; without one the
 *   wall-clock time, not the instant it resolves to in the rep's zone, which moves when their zone
 *   changes. Spellings of the same value (`09:30` and `09:30:00`, `T` or a space, `Z` or `+00:00`)
 *   are one; a local time and an instant are never the same, even when they resolve to the same one;
 * - the type (`calls` is `call`), the count (1 when empty), the deal's external id, the stage key.
 *
 * The hot path of the import (SPEC: 100,000 rows/s): one pass that validates and inserts; the
 * caller's transaction rolls everything back if any row turns out bad.
 */
export async function importActivities(db: TDb, ctx: TImportContext, each: TEachRow<TActivityCsvRow>): Promise<TImportCounts | undefined> {
  const { errors, workspaceId } = ctx;
  const resolvePerson = await personResolver(db, workspaceId);
  const system = await getSellingSystem(db, workspaceId);
  const { stages } = system;
  const stageOf = await stageMatcher(db, workspaceId, stages);
  let deals: Map<string, number> | undefined;
  const writer = await ActivityWriter.create(db, workspaceId, ctx.now.getTime());
  let rows = 0;

  await each(async (line, value) => {
    rows++;
    const found = resolvePerson(value.rep);
    const rep = typeof found === 'string' ? undefined : found;
    if (!rep) errors.add(line, `rep ${shown(value.rep)} ${found as string}`);
    const stage = value.stage ? stageOf(value.stage) : undefined;
    if (value.stage && !stage) errors.add(line, unknownStage('stage', value.stage, stages));
    let dealId: number | null = null;
    if (value.deal_id) {
      deals ??= await loadDealRefs(db, workspaceId);
      dealId = deals.get(value.deal_id) ?? null;
      if (dealId === null) errors.add(line, `deal_id ${shown(value.deal_id)} is not a deal of this workspace (import deals first)`);
    }
    // Once a row is bad nothing will be kept: keep checking the others, stop writing.
    if (!rep || errors.size > 0) return;

    const written = value.occurred_at;
    const occurredAt = ctx.resolveInstant(written, rep.tz);
    const count = value.count ?? 1;
    const stageKey = stage?.key ?? null;
    // The row's time as written, never as resolved in the rep's zone (see `importActivities`). With an
    // offset, the instant depends on the text alone; without one, the wall-clock time does.
    const when = written.offsetMinutes === null ? written.wallMs : `${occurredAt}Z`;
    const digest = hash('sha1', `${rep.slackUserId}|${value.type}|${count}|${when}|${value.deal_id ?? ''}|${stageKey ?? ''}`, 'base64url');
    // A row without a stage is seen in the selling system like a logged one (SPEC §2): without a deal, its
    // type's stage, set here; on a deal, the deal's stage then, set after the import. The digest keeps the
    // file's own value, so a later change of the map doesn't make the same file new.
    await writer.add(rep.id, value.type, count, occurredAt, dealId, stageKey ?? (dealId === null ? system.activityStages[value.type] : null), digest);
  });
  if (errors.size > 0) return undefined;
  const inserted = await writer.finish();
  // A row without a stage column is seen in the selling system like a logged one (SPEC §2).
  if (inserted > 0) await attributeStagelessActivities(db, workspaceId, system.stages, system.activityStages);
  return { inserted, updated: 0, unchanged: rows - inserted };
}

/**
 * Writes activities 64k at a time, each batch in the order of the rows' import refs: SQLite runs faster in
 * a tight loop than interleaved with parsing, and far faster walking the unique index forward than
 * at random (the raw insert of 1M rows goes from about 86k to 140k rows/s). The sort is stable, so identical
 * rows keep their order in the file and are numbered the same way on every import.
 */
class ActivityWriter {
  private static readonly BATCH = 65536;
  // Into a workspace that never imported activities, a taken ref can only be an identical row earlier
  // in this file: the unique index tells, and `repeats` remembers how many there were, so each
  // repeated row costs one lookup however many repeat (exports with one row per call and a date-only
  // time repeat a lot) while the common unique row costs nothing extra.
  private readonly repeats = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  private readonly lastOnDeal = new Map<number, number>();
  private readonly pending: Parameters<ActivityWriter['add']>[] = [];
  private inserted = 0;

  private constructor(
    private readonly db: TDb,
    private readonly workspaceId: string,
    private readonly insert: TActivityInserter,
    private readonly fresh: boolean,
  ) {}

  static async create(db: TDb, workspaceId: string, createdAt: number): Promise<ActivityWriter> {
    return new ActivityWriter(db, workspaceId, await activityInserter(db, workspaceId, createdAt), !(await hasImportedActivities(db, workspaceId)));
  }

  async add(repId: number, type: string, count: number, occurredAt: number, dealId: number | null, stage: string | null, digest: string): Promise<void> {
    this.pending.push([repId, type, count, occurredAt, dealId, stage, digest]);
    if (this.pending.length >= ActivityWriter.BATCH) await this.flush();
  }

  /** Writes what is pending, moves deals' last activity forward, and returns how many rows were new. */
  async finish(): Promise<number> {
    await this.flush();
    for (const [dealId, at] of this.lastOnDeal) await touchDealActivity(this.db, dealId, new Date(at));
    return this.inserted;
  }

  private async flush(): Promise<void> {
    // In ref order, the unique index is walked forward instead of at random (a stable sort: identical rows
    // keep their order in the file, and so their numbers).
    if (this.fresh) this.pending.sort((a, b) => (a[6] < b[6] ? -1 : a[6] > b[6] ? 1 : 0));
    // Into a workspace that imported before: the batch's refs, and which of them are stored already (one lookup).
    const refs = this.fresh ? [] : this.pending.map(([, , , , , , digest]) => {
      const n = (this.seen.get(digest) ?? 0) + 1;
      this.seen.set(digest, n);
      return importRef(digest, n);
    });
    const stored = this.fresh ? undefined : await importedActivityRefs(this.db, this.workspaceId, refs);
    for (const [i, [repId, type, count, occurredAt, dealId, stage, digest]] of this.pending.entries()) {
      if (this.fresh) {
        const earlier = this.repeats.get(digest);
        if (earlier !== undefined) {
          this.repeats.set(digest, earlier + 1);
          this.insert(repId, type, count, occurredAt, dealId, stage, importRef(digest, earlier + 1));
        } else if (!this.insert(repId, type, count, occurredAt, dealId, stage, importRef(digest, 1))) {
          this.repeats.set(digest, 2);
          this.insert(repId, type, count, occurredAt, dealId, stage, importRef(digest, 2));
        }
      } else {
        const ref = refs[i]!;
        if (stored!.has(ref)) continue;
        this.insert(repId, type, count, occurredAt, dealId, stage, ref);
      }
      this.inserted++;
      if (dealId !== null) this.lastOnDeal.set(dealId, Math.max(this.lastOnDeal.get(dealId) ?? 0, occurredAt));
    }
    this.pending.length = 0;
    // PostgreSQL keeps the rows until here and writes them in batches (SQLite wrote each one already).
    await this.insert.flush();
  }
}

/** The ref of the n-th of identical rows. (A top-level function: a closure made per row costs more than the rest of the row.) */
function importRef(digest: string, n: number): string {
  return n === 1 ? `csv:${digest}` : `csv:${digest}#${n}`;
}
