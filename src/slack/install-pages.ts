import type { HTTPReceiverOptions, Installation } from '@slack/bolt';
import type { Logger } from '../logger';

/*
 * The pages a person sees at the end of `/slack/oauth_redirect` (SPEC §2): what to do next after an install, or
 * what went wrong and how to try again. Plain HTML, no scripts, every interpolated value escaped.
 */

/** The state (CSRF check) was missing, expired, or not the one this browser was given at `/slack/install`. */
const isStateError = (code: string | undefined) => code === 'slack_oauth_invalid_state' || code === 'slack_oauth_missing_state';

/** The OAuth flow's errors a visitor causes (cancelled, expired or forged state, no code), not the server. */
export const isVisitorError = (code: string | undefined) => isStateError(code) || code === 'slack_oauth_installer_authorization_error' || code === 'slack_oauth_missing_code';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
  '<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}a.button{display:inline-block;background:#2f5d3a;color:#fff;padding:.6rem 1rem;border-radius:6px;text-decoration:none}code{background:#f4f4f4;padding:0 .2rem}</style>' +
  `</head><body>${body}</body></html>`;

/** The success page: open Canopy's Home tab; admins run `/coach setup`. */
export function renderInstallSuccess(installation: Pick<Installation, 'team' | 'enterprise' | 'appId' | 'isEnterpriseInstall' | 'enterpriseUrl'>): string {
  const teamId = installation.team?.id;
  const appId = installation.appId;
  const where = installation.isEnterpriseInstall ? (installation.enterprise?.name ?? 'your organization') : (installation.team?.name ?? 'your workspace');
  const openHome =
    teamId && appId
      ? `<p><a class="button" href="slack://app?team=${encodeURIComponent(teamId)}&amp;id=${encodeURIComponent(appId)}&amp;tab=home">Open Canopy in Slack</a></p>` +
        `<p>Or in a browser: <a href="https://slack.com/app_redirect?app=${encodeURIComponent(appId)}&amp;team=${encodeURIComponent(teamId)}">open Canopy's Home tab</a>.</p>`
      : installation.enterpriseUrl
        ? `<p><a class="button" href="${escapeHtml(installation.enterpriseUrl)}">Open Slack</a>, then find Canopy under Apps.</p>`
        : '<p>In Slack, find Canopy under Apps.</p>';
  return page(
    'Canopy is installed',
    `<h1>Canopy is installed in ${escapeHtml(where)}</h1>` +
      '<p>What to do next:</p><ol>' +
      "<li><strong>Open Canopy's Home tab</strong> in Slack: everyone sees their own numbers there, and managers their team.</li>" +
      '<li><strong>Admins:</strong> run <code>/coach setup</code> to set your stages, the CRM names for them and your quotas.</li>' +
      '<li>Reps log activity by replying to Canopy, e.g. <code>/log 4 calls, 2 emails</code>.</li></ol>' +
      openHome,
  );
}

/** The failure page: nothing was installed; try again (a cancelled install says so plainly). */
export function renderInstallFailure(code: string | undefined, installPath: string): string {
  const cancelled = code === 'slack_oauth_installer_authorization_error';
  const expired = isStateError(code);
  const why = cancelled
    ? 'The installation was cancelled or not allowed.'
    : expired
      ? 'This install link expired or was opened in another browser.'
      : 'Something went wrong while installing Canopy.';
  return page(
    'Canopy was not installed',
    `<h1>Canopy was not installed</h1><p>${why} Nothing was changed in your workspace.</p>` +
      `<p><a class="button" href="${escapeHtml(installPath)}">Try again</a></p><p>If it keeps failing, ask your Slack admin whether apps may be installed.</p>`,
  );
}

/** Bolt's callbacks for the end of the OAuth flow, logging who installed and why a flow failed. */
type TCallbackOptions = NonNullable<NonNullable<HTTPReceiverOptions['installerOptions']>['callbackOptions']>;

export function installCallbacks(logger: Logger, installPath: string): TCallbackOptions {
  return {
    success: (installation, _options, _req, res) => {
      logger.info({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall }, 'Canopy installed');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(renderInstallSuccess(installation));
    },
    failure: (error, _options, _req, res) => {
      logger.warn({ code: error.code, err: error }, 'an install did not complete');
      // Someone pressing Cancel, an old link or a hand-made URL is the visitor's doing, not the server's: no 5xx to alert on.
      res.writeHead(isVisitorError(error.code) ? 400 : 500, { 'content-type': 'text/html; charset=utf-8' });
      res.end(renderInstallFailure(error.code, installPath));
    },
  };
}
