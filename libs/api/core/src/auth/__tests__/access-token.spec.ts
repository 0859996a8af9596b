import { JwtService } from '@nestjs/jwt';
import { Role } from '@sunshine/shared/domain';
import type { AppConfig } from '../../config/app-config';
import { AccessTokens, type AccessClaims } from '../access-token';

const claims: AccessClaims = {
  sub: '11111111-1111-4111-8111-111111111111',
  sid: '22222222-2222-4222-8222-222222222222',
  usr: 'someone',
  org: '33333333-3333-4333-8333-333333333333',
  roots: ['33333333-3333-4333-8333-333333333333'],
  roles: [Role.ADMIN],
  mcp: false,
};

function tokens(secret: string): AccessTokens {
  const config = { jwtSecret: secret, accessTokenSeconds: 300 } as AppConfig;
  return new AccessTokens(new JwtService({}), config);
}

describe('AccessTokens (verified with a key made once)', () => {
  const own = tokens('a-secret-of-the-test-that-is-long-enough-0001');

  it('verifies its own token', () => {
    expect(own.verify(own.sign(claims))).toMatchObject(claims);
  });

  it('refuses a token signed with another secret, a tampered one and an unsigned one', () => {
    const other = tokens('another-secret-of-the-test-long-enough-0002');
    expect(own.verify(other.sign(claims))).toBeNull();
    const [head, body, sig] = own.sign(claims).split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, roots: ['x'] })).toString('base64url');
    expect(own.verify(`${head}.${forged}.${sig}`)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(own.verify(`${none}.${body}.`)).toBeNull();
  });
});
