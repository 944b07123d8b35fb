import { LogLevel, WebClient } from '@slack/web-api';
import type { TExportFile } from '../domain/personal-export';
import type { TForgetResult } from '../services/privacy/forget-person';
import { renderExportComment, renderForgottenNotice } from './blocks/privacy';

/*
 * The Slack side of export and forget (SPEC §2 Privacy), shared by the `/coach` listeners and the CLI: the export
 * goes to the person's DM with Slack's external upload, and the people a forgotten person leaves behind get a DM.
 * The WebClient waits out 429s (Retry-After) on every call, the upload to `upload_url` included.
 */

/** A Web API client for the CLI's notices (`forget`): waits out 429s like the app's own client. */
export function createNoticeClient(token: string, apiUrl?: string): WebClient {
  return new WebClient(token, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), logLevel: LogLevel.ERROR, timeout: 10_000 });
}

type TLog = { warn: (details: Record<string, unknown>, message: string) => void };

/**
 * DMs the export files: `conversations.open` (the files API takes a channel id, not a user id), then
 * `files.uploadV2`, which is `files.getUploadURLExternal` per file (filename, length), a POST of the bytes to
 * each `upload_url`, and one `files.completeUploadExternal` sharing them in the DM with a comment.
 */
export async function sendExportToDm(client: WebClient, slackUserId: string, files: readonly TExportFile[]): Promise<{ channel: string; fileIds: string[] }> {
  const dm = await client.conversations.open({ users: slackUserId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error(`conversations.open gave no channel for ${slackUserId}`);
  // Typed as a plain result; at run time it carries each files.completeUploadExternal answer.
  const done = (await client.files.uploadV2({
    channel_id: channel,
    initial_comment: renderExportComment(files),
    file_uploads: files.map((f) => ({ file: Buffer.from(f.content, 'utf8'), filename: f.filename, title: f.title })),
  })) as { files?: { files?: { id?: string }[] }[] };
  const fileIds = (done.files ?? []).flatMap((c) => (c.files ?? []).map((f) => f.id ?? ''));
  return { channel, fileIds };
}

/** Tells each person a forgotten one leaves behind; a failed DM is logged (the deletion stands) and reported back. */
export async function tellForgotten(client: WebClient, result: TForgetResult, logger: TLog): Promise<{ told: string[]; notTold: string[] }> {
  const told: string[] = [];
  const notTold: string[] = [];
  for (const recipient of result.tell) {
    try {
      await client.chat.postMessage({ channel: recipient.slackUserId, ...renderForgottenNotice({ forgottenName: result.name, via: result.via, recipient }) });
      told.push(recipient.name || recipient.slackUserId);
    } catch (error) {
      logger.warn({ err: error, recipient: recipient.slackUserId }, 'could not tell someone that a person was forgotten');
      notTold.push(recipient.name || recipient.slackUserId);
    }
  }
  return { told, notTold };
}
