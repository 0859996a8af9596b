import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Issue 14, item 5: the e2e tests and the screenshot tool find a Chromium on a fresh machine.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const { resolveChromium } = require('../../../scripts/browser.cjs') as {
  resolveChromium: (o: {
    env: Record<string, string | undefined>;
    candidates?: string[];
  }) => Promise<{ executablePath: string; source: 'system' | 'npm'; args: string[] }>;
};

const NONE = ['/nonexistent/usr/bin/chromium'];
let dir: string;
let fakeSystem: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sunshine-browser-'));
  fakeSystem = join(dir, 'chromium');
  writeFileSync(fakeSystem, '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('which Chromium the tests launch', () => {
  it('uses the npm-shipped Chromium when no system Chromium is present', async () => {
    const b = await resolveChromium({ env: {}, candidates: NONE });
    expect(b.source).toBe('npm');
    expect(existsSync(b.executablePath)).toBe(true);
    expect(b.args).toContain('--no-sandbox');
  });

  it('prefers a system Chromium: CHROMIUM_PATH, then the usual paths', async () => {
    expect(
      await resolveChromium({ env: { CHROMIUM_PATH: fakeSystem }, candidates: NONE }),
    ).toMatchObject({
      source: 'system',
      executablePath: fakeSystem,
    });
    expect(await resolveChromium({ env: {}, candidates: [...NONE, fakeSystem] })).toMatchObject({
      source: 'system',
      executablePath: fakeSystem,
    });
  });

  it('looks further when CHROMIUM_PATH names a missing file', async () => {
    const b = await resolveChromium({
      env: { CHROMIUM_PATH: '/nonexistent/chrome' },
      candidates: [fakeSystem],
    });
    expect(b.executablePath).toBe(fakeSystem);
  });

  it('SUNSHINE_BROWSER=npm forces the npm one, =system refuses it', async () => {
    const forced = await resolveChromium({
      env: { CHROMIUM_PATH: fakeSystem, SUNSHINE_BROWSER: 'npm' },
      candidates: [fakeSystem],
    });
    expect(forced.source).toBe('npm');
    await expect(
      resolveChromium({ env: { SUNSHINE_BROWSER: 'system' }, candidates: NONE }),
    ).rejects.toThrow(/apt-get install chromium/);
    await expect(resolveChromium({ env: { SUNSHINE_BROWSER: 'edge' } })).rejects.toThrow(
      /SUNSHINE_BROWSER/,
    );
  });
});
