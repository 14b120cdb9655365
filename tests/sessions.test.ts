import { beforeEach, describe, expect, it } from 'vitest';
import { seed } from '@/db/seed';
import { createSession, deviceName, endOtherSessions, endSession, listActiveSessions, revokeAllSessions, viewerForSession } from '@/lib/auth/sessions';
import { makeMember } from './helpers';
import { useTestDatabase } from './db';

useTestDatabase();

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0';

beforeEach(async () => {
  await seed();
});

const signedIn = (userId: string, userAgent: string, ip: string) => createSession(userId, 1, { userAgent, ip });

describe('signed-in sessions', () => {
  it('names each browser, marks this one, and signs out one or all the others', async () => {
    const ann = await makeMember('ann');
    const ben = await makeMember('ben');
    const here = await signedIn(ann.id, CHROME_MAC, '203.0.113.5');
    const phone = await signedIn(ann.id, FIREFOX_ANDROID, '198.51.100.7');
    const laptop = await signedIn(ann.id, 'curl/8.0', '192.0.2.1');
    const bens = await signedIn(ben.id, CHROME_MAC, '203.0.113.9');
    const viewer = { id: ann.id, sessionId: here };

    const list = await listActiveSessions(viewer);
    expect(list.map((s) => [s.device, s.ip, s.current]).sort()).toEqual(
      [
        ['Chrome on macOS', '203.0.113.5', true],
        ['Firefox on Android', '198.51.100.7', false],
        [deviceName('curl/8.0'), '192.0.2.1', false],
      ].sort(),
    );

    // Another member's session can't be ended from here.
    expect(await endSession(viewer, bens)).toBe(false);
    expect(await viewerForSession(bens)).not.toBeNull();

    expect(await endSession(viewer, phone)).toBe(true);
    expect(await viewerForSession(phone)).toBeNull();
    expect(await endOtherSessions(viewer)).toBe(1);
    expect(await viewerForSession(laptop)).toBeNull();
    expect(await viewerForSession(here)).not.toBeNull();
    expect((await listActiveSessions(viewer)).map((s) => s.id)).toEqual([here]);

    // Signing out everywhere (a password change) empties the list.
    await revokeAllSessions(ann.id);
    expect(await listActiveSessions(viewer)).toEqual([]);
  });
});
