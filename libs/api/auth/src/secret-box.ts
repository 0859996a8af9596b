import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecondFactorConfig } from '@sunshine/api/core';

/**
 * Encrypts the TOTP secrets at rest: AES-256-GCM under a key derived from SECOND_FACTOR_KEY (a
 * secret store in production) or, in development and demo mode, from a key file generated on
 * first start under the data folder. The database holds only `v1:<key id>:<iv>:<tag>:<data>`.
 */
export class SecretBox {
  private readonly key: Buffer;
  readonly keyId: string;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('sunshine-second-factor-v1').digest();
    this.keyId = createHmac('sha256', secret)
      .update('sunshine-second-factor-key-id-v1')
      .digest('hex')
      .slice(0, 16);
  }

  static load(config: Pick<SecondFactorConfig, 'key' | 'keyFile'>): SecretBox {
    if (config.key) return new SecretBox(config.key);
    try {
      return new SecretBox(readFileSync(config.keyFile, 'utf8').trim());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    mkdirSync(dirname(config.keyFile), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(config.keyFile, `${randomBytes(32).toString('base64url')}\n`, {
        flag: 'wx',
        mode: 0o600,
      });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
    }
    return new SecretBox(readFileSync(config.keyFile, 'utf8').trim());
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(this.keyId));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
    return `v1:${this.keyId}:${parts.join(':')}`;
  }

  /** The plain text, or null when the value was sealed with another key or altered. */
  open(sealed: string): string | null {
    const [version, keyId, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || keyId !== this.keyId || !iv || !tag || data === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(this.keyId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(data, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return null;
    }
  }
}
