import type { TActivityByStage } from '../../domain/activity-by-stage';
import { escapeText, truncate } from './escape';

/** A stage name this long is a typo in setup, not a name: cut so the line stays one line on a phone. */
const STAGE_NAME_MAX = 40;

/**
 * Where a period's activity went in the selling system, on one line: 'Prospecting 42 · Discovery 6 · Demo 3 ·
 * 3 not tied to a stage'. Stages in order, what fed none said plainly last; '' when nothing was logged.
 * The same words on `/stats`, Home, the digest and the brief.
 */
export function stageActivityText(byStage: TActivityByStage): string {
  const parts = byStage.stages.map((row) => `${truncate(escapeText(row.name.replace(/\s+/g, ' ').trim()), STAGE_NAME_MAX)} ${row.count.toLocaleString('en-US')}`);
  if (byStage.noStage > 0) parts.push(`${byStage.noStage.toLocaleString('en-US')} not tied to a stage`);
  return parts.join(' · ');
}

/** `*By stage:* Prospecting 42 · Discovery 6`, or '' when nothing was logged. */
export function stageActivityLine(byStage: TActivityByStage): string {
  const text = stageActivityText(byStage);
  return text ? `*By stage:* ${text}` : '';
}
