import type { MigrationInterface } from 'typeorm';
import { CORE_MIGRATIONS } from '@sunshine/api/core/database';
import { MIGRATIONS, migrationTimestamp, orderMigrations } from '../migrations';

function migration(name: string): new () => MigrationInterface {
  const holder = {
    [name]: class {
      async up(): Promise<void> {}
      async down(): Promise<void> {}
    },
  };
  return holder[name]!;
}

describe('the schema migration list', () => {
  it('holds every core migration, in timestamp order, without duplicates', () => {
    for (const m of CORE_MIGRATIONS) expect(MIGRATIONS).toContain(m);
    const stamps = MIGRATIONS.map(migrationTimestamp);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('interleaves feature lists with core by timestamp', () => {
    const a1 = migration('CoreA1700000000000');
    const a2 = migration('CoreB1700000000002');
    const f1 = migration('FeatureA1700000000001');
    const f2 = migration('FeatureB1700000000003');
    expect(
      orderMigrations([
        [a1, a2],
        [f1, f2],
      ]),
    ).toEqual([a1, f1, a2, f2]);
  });

  it('refuses a shared timestamp, an out-of-order list and a name without timestamp', () => {
    const a = migration('CoreA1700000000000');
    const b = migration('FeatureA1700000000000');
    expect(() => orderMigrations([[a], [b]])).toThrow(/share the timestamp/);
    const later = migration('Later1700000000005');
    const earlier = migration('Earlier1700000000004');
    expect(() => orderMigrations([[later, earlier]])).toThrow(/out of order/);
    expect(() => orderMigrations([[migration('NoStamp')]])).toThrow(/13-digit timestamp/);
  });
});
