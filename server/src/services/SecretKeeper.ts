import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_FILE = 'secret.key';
const TOKEN_PREFIX = 's1';

/**
 * The data folder's server key and everything derived from it. Invite secrets are HMACs of the
 * invite id, so facilitators can copy a link again while the database holds only its hash; session
 * tokens are signed, so a token cannot be forged from a leaked session id.
 */
export class SecretKeeper {
  private constructor(private readonly key: Buffer) {}

  /** Loads `<dataDir>/secret.key`, creating it (0600, 256 random bits) on first start. */
  static open(dataDir: string): SecretKeeper {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, KEY_FILE);
    if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    return new SecretKeeper(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url'));
  }

  /** A fresh random id (128 bits, URL-safe). */
  static newId(): string {
    return randomBytes(16).toString('base64url');
  }

  /** The secret in an invite's link: 256 bits, derived from the invite id and the server key. */
  inviteSecret(inviteId: string): string {
    return this.mac(`invite:${inviteId}`);
  }

  /** What the database stores instead of a secret. */
  static hash(secret: string): string {
    return createHash('sha256').update(secret).digest('base64url');
  }

  /** A bearer token for a session: its id plus a signature. */
  sessionToken(sessionId: string): string {
    return `${TOKEN_PREFIX}.${sessionId}.${this.mac(`session:${sessionId}`)}`;
  }

  /** The session id inside a well-signed token, or null for anything else. */
  verifySessionToken(token: string): string | null {
    const [prefix, sessionId, signature, ...rest] = token.split('.');
    if (prefix !== TOKEN_PREFIX || !sessionId || !signature || rest.length > 0) return null;
    const expected = Buffer.from(this.mac(`session:${sessionId}`));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? sessionId : null;
  }

  private mac(message: string): string {
    return createHmac('sha256', this.key).update(message).digest('base64url');
  }
}
