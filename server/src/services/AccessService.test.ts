import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessEventBus } from '../events/EventBus';
import { openDatabase } from '../storage/sqlite/openDatabase';
import { SqliteWorkshopStore } from '../storage/sqlite/SqliteWorkshopStore';
import { AccessService } from './AccessService';
import { SecretKeeper } from './SecretKeeper';

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** An access service on a real SQLite data folder, with a clock the test moves. */
function openAccess() {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-access-'));
  folders.push(dir);
  const store = new SqliteWorkshopStore(openDatabase(dir));
  let now = new Date('2026-11-29T09:00:00Z');
  const access = new AccessService(store, SecretKeeper.open(dir), new InProcessEventBus(), () => now);
  const secretOf = (path: string) => path.split('/').at(-1) ?? '';
  return {
    access,
    store,
    later: (days: number) => {
      now = new Date(now.getTime() + days * 86_400_000);
    },
    joinOperator: async () => access.join(secretOf(await access.issueOperatorLink()), 'Operator'),
  };
}

describe('AccessService.check', () => {
  it('says a session ended by expiry, and gives no reason for a token that never signed anyone in', async () => {
    const { access, later, joinOperator } = openAccess();
    const { token } = await joinOperator();
    expect(await access.check(token)).toMatchObject({ auth: expect.anything(), refusal: null });
    later(29);
    expect((await access.check(token)).refusal).toBeNull();
    later(2);
    expect(await access.check(token)).toEqual({ auth: null, refusal: 'session_expired' });
    expect(await access.check(`${token}x`)).toEqual({ auth: null, refusal: null });
    expect(await access.check(undefined)).toEqual({ auth: null, refusal: null });
  });

  it('says a link was revoked, and after a sign-out says nothing', async () => {
    const { access, store, joinOperator } = openAccess();
    const operator = await joinOperator();
    const signedOut = await joinOperator();
    const auth = await access.authenticate(signedOut.token);
    if (!auth) throw new Error('not signed in');
    await access.signOut(auth);
    expect(await access.check(signedOut.token)).toEqual({ auth: null, refusal: null });
    const record = await store.getParticipant(operator.participant.id);
    await store.revokeInvite(record?.inviteId ?? '', '2026-11-29T10:00:00Z');
    expect(await access.check(operator.token)).toEqual({ auth: null, refusal: 'link_revoked' });
  });
});
