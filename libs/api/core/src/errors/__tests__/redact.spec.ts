import { inspect } from 'node:util';
import { redactForLog, redactText } from '../redact';

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo';

describe('redactForLog', () => {
  it('drops statement parameters and scrubs hashes from a query error', () => {
    const error = Object.assign(new Error(`insert failed near "${HASH}"`), {
      name: 'QueryFailedError',
      query: 'INSERT INTO "users"("username", "password_hash") VALUES ($1, $2)',
      parameters: ['alice', HASH],
      driverError: Object.assign(new Error('null value in column "roles"'), {
        code: '23502',
        detail: `Failing row contains (1, alice, ${HASH}, null).`,
      }),
    });
    const printed = inspect(redactForLog(error), { depth: 10 });
    expect(printed).not.toMatch(/argon2/);
    expect(printed).not.toContain('alice');
    expect(printed).toContain('INSERT INTO "users"');
    expect(printed).toContain('23502');
    expect(printed).toContain('QueryFailedError');
  });

  it('scrubs tokens, cookies and passwords from text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJlc2lnbmF0dXJl';
    const text = redactText(
      `Bearer ${jwt} cookie sunshine_rt=abc.def password=Hunter#2 {"token":"xyz"} Key (lower(username))=(bob) exists`,
    );
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('abc.def');
    expect(text).not.toContain('Hunter#2');
    expect(text).not.toContain('xyz');
    expect(text).not.toContain('(bob)');
  });

  it('copes with cycles and keeps plain values', () => {
    const a: Record<string, unknown> = { n: 1, when: new Date(0) };
    a.self = a;
    expect(redactForLog(a)).toEqual({ n: 1, when: new Date(0), self: '[circular]' });
  });
});
