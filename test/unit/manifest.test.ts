import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

// Slack's official manifest JSON Schema (slackapi/manifest-schema), kept beside the repo in shared/.
const here = dirname(fileURLToPath(import.meta.url));
const SCHEMA_DIR = resolve(here, '../../../shared/slack-manifest-schema');
const MANIFEST_PATH = resolve(here, '../../manifest.yml');
// The entry schema dispatches on _metadata.major_version and $refs the versioned files by these URLs.
const VERSIONED_SCHEMAS = {
  'schemas_manifest.schema.1.0.0.json': 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json',
  'schemas_manifest.schema.2.0.0.json': 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json',
};

type TManifest = {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    slash_commands: Array<{ command: string; should_escape?: boolean }>;
    shortcuts: Array<{ type: string; callback_id: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
};

const readJson = (file: string): unknown => JSON.parse(readFileSync(resolve(SCHEMA_DIR, file), 'utf8'));

/** A draft-07 validator for Slack manifests, set up for the quirks of Slack's schema files. */
function buildValidator(): ValidateFunction {
  // strictTypes off: the schema puts `properties`/`required` without `type: object` in its oneOf
  // branches, which is valid draft-07 but would log a warning per branch.
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  // Slack's own annotations. `_note` is a comment; `regex` (on background_color) is meant as `pattern`,
  // so enforce it rather than ignore it.
  ajv.addKeyword('_note');
  ajv.addKeyword({ keyword: 'regex', type: 'string', schemaType: 'string', validate: (re: string, data: string) => new RegExp(re).test(data) });
  // ajv-formats is not a dependency; `uri` is the only format the schema uses (for `$schema`).
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  for (const [file, id] of Object.entries(VERSIONED_SCHEMAS)) ajv.addSchema(readJson(file) as object, id);
  return ajv.compile(readJson('manifest.schema.json') as object);
}

describe('manifest.yml', () => {
  let validate: ValidateFunction;
  let manifest: TManifest;

  beforeAll(() => {
    validate = buildValidator();
    manifest = parse(readFileSync(MANIFEST_PATH, 'utf8')) as TManifest;
  });

  it('is valid against Slack’s manifest schema', () => {
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('uses a validator that rejects Slack’s own invalid sample and accepts its valid one', () => {
    expect(validate(readJson('tests_manifests_v1_manifest.invalid.json'))).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'bad_param' } }));
    expect(validate(readJson('tests_manifests_v1_manifest.valid.json'))).toBe(true);
  });

  it('rejects values over Slack’s limits (so the limits are really checked)', () => {
    type TPatchable = {
      display_information: { name: string; background_color: string };
      features: { slash_commands: Array<{ command: string }> };
      settings: Record<string, unknown>;
    };
    const scenarios: Array<{ name: string; patch: (m: TPatchable) => void }> = [
      { name: 'app name over 35 characters', patch: (m) => void (m.display_information.name = 'C'.repeat(36)) },
      { name: 'background colour that is not hex', patch: (m) => void (m.display_information.background_color = 'forest') },
      { name: 'command without a slash', patch: (m) => void (m.features.slash_commands[0]!.command = 'stats') },
      { name: 'unknown settings key', patch: (m) => void (m.settings.socket_mode = true) },
    ];
    for (const scenario of scenarios) {
      const copy = structuredClone(manifest) as unknown as TPatchable;
      scenario.patch(copy);
      expect(validate(copy), scenario.name).toBe(false);
    }
  });

  it('declares exactly the four slash commands of SPEC §3, escaping mentions to user ids', () => {
    const commands = manifest.features.slash_commands;
    expect(commands.map((c) => c.command)).toEqual(['/stats', '/log', '/brief', '/coach']);
    // Escaping is what turns "@dana" into "<@U0REP1|dana>", so `/stats @rep` and `/brief @rep` get a user id.
    expect(commands.every((c) => c.should_escape === true)).toBe(true);
  });

  it('subscribes to the events the app listens to', () => {
    const events = manifest.settings.event_subscriptions.bot_events;
    expect(events).toEqual(expect.arrayContaining(['app_home_opened', 'message.im', 'message.channels', 'message.groups']));
  });

  it('enables the Home tab, a writable Messages tab, interactivity and the message shortcut', () => {
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.shortcuts).toContainEqual(expect.objectContaining({ type: 'message', callback_id: 'log_as_activity' }));
  });

  it('asks for the scopes each subscribed event needs', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    // Slack only delivers message.* events when the matching history scope is granted.
    const needs: Record<string, string> = { 'message.im': 'im:history', 'message.channels': 'channels:history', 'message.groups': 'groups:history' };
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      if (needs[event]) expect(scopes, event).toContain(needs[event]);
    }
    expect(scopes).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:write', 'users:read', 'users:read.email', 'users.profile:read', 'files:write']));
  });
});
