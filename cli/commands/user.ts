import { createInterface } from 'node:readline/promises';
import { defineCommand, stringFlag } from '../command';
import { info, printJson } from '../output';
import { UserFacingError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import { ApiError } from '../../api/errors';
import { recordAudit } from '../../api/domain/audit/record-audit';
import { randomPassword } from '../../api/domain/users/passwords';
import { createApiToken, deleteUserSessions } from '../../api/domain/users/sessions';
import { createUser, findUserByName, listUsers, setPassword } from '../../api/domain/users/users';

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

const CLI_ACTOR = { id: null, username: `cli:${process.env.USER ?? 'unknown'}` };

export default defineCommand({
  name: 'user',
  summary: 'manage users: add, passwd, token, list',
  help: `Usage:
  xueliang user add <name> --role viewer|engineer|planner|admin [--password-stdin] [--json]
  xueliang user passwd <name> [--password-stdin] [--json]
  xueliang user token <name> [--label TEXT] [--json]
  xueliang user list [--json]

add and passwd generate a one-time password (printed once; it must be changed at first login)
unless --password-stdin reads one from standard input. token creates an API token for scripts
(Authorization: Bearer <token>), printed once and stored only as a hash.`,
  allowPositionals: true,
  options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, label: { type: 'string' } },
  async run(ctx) {
    const [action, name] = ctx.positionals;
    if (action === undefined || !['add', 'passwd', 'token', 'list'].includes(action)) {
      throw new UserFacingError('Say what to do: xueliang user add|passwd|token|list (see --help).', 2);
    }
    if (action !== 'list' && (name === undefined || name === ''))
      throw new UserFacingError(`xueliang user ${action} needs a user name.`, 2);
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
      if (action === 'add') {
        const role = stringFlag(ctx, 'role');
        if (role === undefined) throw new UserFacingError('xueliang user add needs --role viewer|engineer|planner|admin.', 2);
        const { password, generated } = await readPassword(ctx);
        const user = await createUser(db.pool, { username: name!, password, role, mustChangePassword: generated });
        await recordAudit(db.pool, {
          actor: CLI_ACTOR,
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
      const user = await findUserByName(db.pool, name!);
      if (user === undefined) throw new UserFacingError(`No user named "${name}" (xueliang user list shows them).`);
      if (action === 'passwd') {
        const { password, generated } = await readPassword(ctx);
        await setPassword(db.pool, user.username, password, generated);
        await deleteUserSessions(db.pool, user.id);
        await recordAudit(db.pool, { actor: CLI_ACTOR, action: 'password', entity: 'user', entityId: user.id });
        if (ctx.json) printJson({ username: user.username, password: generated ? password : null, mustChangePassword: generated });
        else
          info(
            generated
              ? `New one-time password for ${user.username} (shown only now): ${password}`
              : `Password of ${user.username} changed.`,
          );
        return;
      }
      const token = await createApiToken(db.pool, user.id, stringFlag(ctx, 'label') ?? '');
      await recordAudit(db.pool, { actor: CLI_ACTOR, action: 'create', entity: 'api_token', entityId: user.id });
      if (ctx.json) printJson({ username: user.username, role: user.role, token });
      else info(`API token for ${user.username} (${user.role}), shown only now:\n${token}\nUse it as: Authorization: Bearer <token>`);
    } catch (err) {
      if (err instanceof ApiError) throw new UserFacingError(err.message);
      throw err;
    } finally {
      await db.close();
    }
  },
});
