// `xueliang user`: accounts, API tokens and the login throttle from the server's command line.
// Every change is audited as cli:<OS user> (cli/actor.ts).
import { createInterface } from 'node:readline/promises';
import type pg from 'pg';
import { defineCommand, stringFlag, type CommandContext } from '../command';
import { cliActor } from '../actor';
import { info, printJson } from '../output';
import { UserFacingError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import { ApiError } from '../../api/errors';
import { recordAudit } from '../../api/domain/audit/record-audit';
import { listApiTokens, revokeApiToken, revokeUserTokens } from '../../api/domain/users/api-tokens';
import { clearThrottle, listThrottle } from '../../api/domain/users/login-throttle';
import { randomPassword } from '../../api/domain/users/passwords';
import { createApiTokenWithId, deleteUserSessions } from '../../api/domain/users/sessions';
import { createUser, findUserByName, listUsers, setPassword, setUserDisabled } from '../../api/domain/users/users';

async function readPassword(ctx: { values: Record<string, unknown> }): Promise<{ password: string; generated: boolean }> {
  const fromFlag = ctx.values['password-stdin'] === true;
  if (fromFlag) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return { password: line, generated: false };
    }
    throw new UserFacingError('--password-stdin: no password on standard input.');
  }
  return { password: randomPassword(), generated: true };
}

const ACTIONS = ['add', 'passwd', 'token', 'list', 'unlock', 'throttle', 'disable', 'enable'];

async function existingUser(pool: pg.Pool, name: string | undefined, action: string) {
  if (name === undefined || name === '') throw new UserFacingError(`xueliang user ${action} needs a user name.`, 2);
  const user = await findUserByName(pool, name);
  if (user === undefined) throw new UserFacingError(`No user named "${name}" (xueliang user list shows them).`);
  return user;
}

function expiryFlag(ctx: CommandContext): Date | null {
  const raw = stringFlag(ctx, 'expires-days');
  if (raw === undefined) return null;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new UserFacingError(`--expires-days expects whole days from 1 to 3650, got "${raw}".`, 2);
  return new Date(Date.now() + days * 86_400_000);
}

async function tokenCommand(ctx: CommandContext, pool: pg.Pool): Promise<void> {
  const actor = cliActor();
  const [, sub, arg] = ctx.positionals;
  if (sub === 'list') {
    const tokens = await listApiTokens(pool, arg);
    if (ctx.json) printJson({ tokens });
    else
      for (const t of tokens)
        info(
          `${String(t.id).padStart(5)} ${t.username.padEnd(20)} ${(t.label || '-').padEnd(20)} created ${t.createdAt.slice(0, 10)}, ` +
            `last used ${t.lastUsedAt?.slice(0, 16) ?? 'never'}, ${
              t.revokedAt !== null
                ? `revoked ${t.revokedAt.slice(0, 10)}`
                : t.expiresAt !== null
                  ? `${t.active ? 'expires' : 'expired'} ${t.expiresAt.slice(0, 10)}`
                  : 'no expiry'
            }`,
        );
    return;
  }
  if (sub === 'revoke') {
    const forUser = stringFlag(ctx, 'user');
    if (forUser !== undefined) {
      const user = await existingUser(pool, forUser, 'token revoke --user');
      const ids = await revokeUserTokens(pool, user.id);
      for (const id of ids)
        await recordAudit(pool, { actor, action: 'revoke', entity: 'api_token', entityId: id, after: { username: user.username } });
      if (ctx.json) printJson({ username: user.username, revoked: ids });
      else
        info(
          ids.length === 0
            ? `${user.username} has no active API token.`
            : `Revoked ${ids.length} API token(s) of ${user.username}: ${ids.join(', ')}.`,
        );
      return;
    }
    const id = Number(arg);
    if (arg === undefined || !Number.isInteger(id) || id <= 0)
      throw new UserFacingError('xueliang user token revoke needs a token id (xueliang user token list shows them) or --user NAME.', 2);
    const r = await revokeApiToken(pool, id);
    if (r === undefined) throw new UserFacingError(`No API token ${id} (xueliang user token list shows them).`);
    if (r.newlyRevoked)
      await recordAudit(pool, {
        actor,
        action: 'revoke',
        entity: 'api_token',
        entityId: r.id,
        after: { username: r.username, label: r.label },
      });
    if (ctx.json) printJson({ username: r.username, revoked: r.newlyRevoked ? [r.id] : [] });
    else info(r.newlyRevoked ? `Revoked API token ${r.id} of ${r.username}.` : `API token ${r.id} of ${r.username} was already revoked.`);
    return;
  }
  // `user token <name>` (the original form) or `user token create <name>` (for a user named list, revoke or create).
  const name = sub === 'create' ? arg : sub;
  const expiresAt = expiryFlag(ctx);
  const user = await existingUser(pool, name, 'token');
  const created = await createApiTokenWithId(pool, user.id, stringFlag(ctx, 'label') ?? '', expiresAt);
  await recordAudit(pool, {
    actor,
    action: 'create',
    entity: 'api_token',
    entityId: created.id,
    after: { username: user.username, label: stringFlag(ctx, 'label') ?? '', expiresAt: created.expiresAt?.toISOString() ?? null },
  });
  if (ctx.json)
    printJson({
      username: user.username,
      role: user.role,
      token: created.token,
      id: created.id,
      expiresAt: created.expiresAt?.toISOString() ?? null,
    });
  else
    info(
      `API token ${created.id} for ${user.username} (${user.role}${created.expiresAt === null ? '' : `, expires ${created.expiresAt.toISOString()}`}), shown only now:\n${created.token}\nUse it as: Authorization: Bearer <token>`,
    );
}

export default defineCommand({
  name: 'user',
  summary: 'manage users: add, passwd, token, list, unlock, throttle, disable, enable',
  help: `Usage:
  xueliang user add <name> --role viewer|engineer|planner|admin [--password-stdin] [--json]
  xueliang user passwd <name> [--password-stdin] [--keep-tokens] [--json]
  xueliang user token <name> [--label TEXT] [--expires-days N] [--json]   (also: user token create <name>)
  xueliang user token list [<name>] [--json]
  xueliang user token revoke <id> | --user <name> [--json]
  xueliang user list [--json]
  xueliang user throttle [--json]
  xueliang user unlock <name> | --address ADDR [--json]
  xueliang user disable|enable <name> [--json]

add and passwd generate a one-time password (printed once; it must be changed at first login)
unless --password-stdin reads one from standard input. passwd also ends the user's sessions and
revokes their API tokens (--keep-tokens keeps the tokens).
token creates an API token for scripts (Authorization: Bearer <token>), printed once and stored
only as a hash; --expires-days makes it stop working after N days. token list shows every token
with its last use; token revoke stops one (by id) or all of a user's (--user) at once.
throttle lists the user names, addresses and browsers held back after failed logins; unlock
frees a user name at every address (or, with --address, an address for every user name).
disable stops a user's logins, sessions and tokens at once; enable allows them again.`,
  allowPositionals: true,
  options: {
    role: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    label: { type: 'string' },
    'expires-days': { type: 'string' },
    'keep-tokens': { type: 'boolean' },
    user: { type: 'string' },
    address: { type: 'string' },
  },
  async run(ctx) {
    const [action, name] = ctx.positionals;
    if (action === undefined || !ACTIONS.includes(action)) {
      throw new UserFacingError(`Say what to do: xueliang user ${ACTIONS.join('|')} (see --help).`, 2);
    }
    const actor = cliActor();
    const db = await openDatabase({ quiet: ctx.json });
    try {
      if (action === 'list') {
        const users = await listUsers(db.pool);
        if (ctx.json)
          printJson({
            users: users.map(({ username, role, mustChangePassword, disabled }) => ({ username, role, mustChangePassword, disabled })),
          });
        else
          for (const u of users)
            info(
              `${u.username.padEnd(24)} ${u.role.padEnd(9)}${u.disabled ? ' (disabled)' : ''}${u.mustChangePassword ? ' (must change password)' : ''}`,
            );
        return;
      }
      if (action === 'token') {
        await tokenCommand(ctx, db.pool);
        return;
      }
      if (action === 'throttle') {
        const entries = await listThrottle(db.pool);
        if (ctx.json) printJson({ entries });
        else if (entries.length === 0) info('Nobody has recent failed logins.');
        else
          for (const e of entries)
            info(
              `${e.scope.padEnd(12)} ${(e.username ?? '*').padEnd(20)} ${(e.address ?? (e.device === null ? '' : `device ${e.device}`)).padEnd(24)} ` +
                `${String(e.failures).padStart(4)} failures, last ${e.lastFailureAt}${e.retryAfterSeconds > 0 ? `, held back ${e.retryAfterSeconds} s` : ''}`,
            );
        return;
      }
      if (action === 'unlock') {
        const address = stringFlag(ctx, 'address');
        if ((name === undefined || name === '') && address === undefined)
          throw new UserFacingError('xueliang user unlock needs a user name or --address ADDR.', 2);
        const cleared = await clearThrottle(db.pool, { username: name, address });
        await recordAudit(db.pool, {
          actor,
          action: 'unlock',
          entity: 'login_throttle',
          entityId: name ?? address ?? null,
          after: { username: name ?? null, address: address ?? null, cleared: cleared.length },
        });
        if (ctx.json) printJson({ cleared });
        else
          info(
            cleared.length === 0
              ? 'Nothing was held back.'
              : `Unlocked ${cleared.length} throttle entr${cleared.length === 1 ? 'y' : 'ies'}.`,
          );
        return;
      }
      if (action === 'add') {
        if (name === undefined || name === '') throw new UserFacingError('xueliang user add needs a user name.', 2);
        const role = stringFlag(ctx, 'role');
        if (role === undefined) throw new UserFacingError('xueliang user add needs --role viewer|engineer|planner|admin.', 2);
        const { password, generated } = await readPassword(ctx);
        const user = await createUser(db.pool, { username: name, password, role, mustChangePassword: generated });
        await recordAudit(db.pool, {
          actor,
          action: 'create',
          entity: 'user',
          entityId: user.id,
          after: { username: user.username, role: user.role },
        });
        if (ctx.json)
          printJson({ username: user.username, role: user.role, password: generated ? password : null, mustChangePassword: generated });
        else
          info(
            generated
              ? `Created ${user.username} (${user.role}). One-time password (shown only now): ${password}`
              : `Created ${user.username} (${user.role}).`,
          );
        return;
      }
      const user = await existingUser(db.pool, name, action);
      if (action === 'disable' || action === 'enable') {
        await setUserDisabled(db.pool, user.username, action === 'disable');
        if (action === 'disable') await deleteUserSessions(db.pool, user.id);
        await recordAudit(db.pool, { actor, action, entity: 'user', entityId: user.id, after: { username: user.username } });
        if (ctx.json) printJson({ username: user.username, disabled: action === 'disable' });
        else info(`${user.username} ${action === 'disable' ? 'disabled: logins, sessions and API tokens stopped' : 'enabled again'}.`);
        return;
      }
      // passwd
      const { password, generated } = await readPassword(ctx);
      await setPassword(db.pool, user.username, password, generated);
      await deleteUserSessions(db.pool, user.id);
      const revoked = ctx.values['keep-tokens'] === true ? [] : await revokeUserTokens(db.pool, user.id);
      await recordAudit(db.pool, { actor, action: 'password', entity: 'user', entityId: user.id, after: { revokedApiKeys: revoked } });
      if (ctx.json)
        printJson({
          username: user.username,
          password: generated ? password : null,
          mustChangePassword: generated,
          revokedApiTokens: revoked.length,
        });
      else
        info(
          (generated
            ? `New one-time password for ${user.username} (shown only now): ${password}`
            : `Password of ${user.username} changed.`) + (revoked.length > 0 ? ` ${revoked.length} API token(s) revoked.` : ''),
        );
    } catch (err) {
      if (err instanceof ApiError) throw new UserFacingError(err.message);
      throw err;
    } finally {
      await db.close();
    }
  },
});
