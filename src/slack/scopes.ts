/** The bot scopes Canopy asks for when installed through OAuth: those of manifest.yml (a test keeps them equal). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:history',
  'im:read',
  'im:write',
  'users:read',
  'users:read.email',
  'users.profile:read',
  'channels:history',
  'groups:history',
  'files:write',
] as const;
