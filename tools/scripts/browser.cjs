// Which Chromium the end-to-end tests and tools/scripts/screenshot.cjs launch.
//
// A system Chromium wins when present: CHROMIUM_PATH, else /usr/bin/chromium (Debian's, as in CI).
// Without one (a fresh machine), the headless Chromium shipped inside the npm package
// @sparticuz/chromium (a devDependency) is used: its binary is unpacked once into the temp folder
// (/tmp/chromium). SUNSHINE_BROWSER=npm forces the npm one, SUNSHINE_BROWSER=system refuses it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Flags for this closed network: no sandbox (root in containers), no phoning home. */
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Whether fonts covering Chinese are installed, by fontconfig: true, false, or null when
 * fontconfig's fc-list is missing (then the answer is unknown).
 */
function hasCjkFonts() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return r.stdout.trim() !== '';
}

/**
 * The Chromium to launch: { executablePath, source: 'system' | 'npm', args, env }.
 * `candidates` (for tests) replaces the system paths looked at after CHROMIUM_PATH.
 */
async function resolveChromium({
  env = process.env,
  candidates = SYSTEM_CANDIDATES,
  log = () => undefined,
} = {}) {
  const choice = (env.SUNSHINE_BROWSER || 'auto').toLowerCase();
  if (!['auto', 'system', 'npm'].includes(choice)) {
    throw new Error(`SUNSHINE_BROWSER must be auto, system or npm (got ${env.SUNSHINE_BROWSER})`);
  }
  if (choice !== 'npm') {
    const system = [env.CHROMIUM_PATH, ...candidates].filter(Boolean);
    if (env.CHROMIUM_PATH && !fs.existsSync(env.CHROMIUM_PATH)) {
      log(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist; looking further`);
    }
    const found = system.find((p) => fs.existsSync(p));
    if (found) return { executablePath: found, source: 'system', args: BASE_ARGS, env: undefined };
    if (choice === 'system') {
      throw new Error(
        `No system Chromium (${system.join(', ')}): apt-get install chromium, or unset SUNSHINE_BROWSER to use the npm one`,
      );
    }
  }
  let packaged;
  try {
    packaged = require('@sparticuz/chromium');
  } catch {
    throw new Error(
      'Chromium not found: no system Chromium (CHROMIUM_PATH, /usr/bin/chromium) and the npm package @sparticuz/chromium is not installed (npm install installs it as a devDependency; or apt-get install chromium)',
    );
  }
  const Chromium = packaged.default ?? packaged;
  const started = Date.now();
  const executablePath = await Chromium.executablePath();
  log(`npm Chromium (@sparticuz/chromium) at ${executablePath} (${Date.now() - started} ms)`);
  // Without a system fontconfig setup, use the one unpacked beside the binary (Open Sans only).
  const launchEnv = fs.existsSync('/etc/fonts/fonts.conf')
    ? undefined
    : { ...env, FONTCONFIG_PATH: path.join(path.dirname(executablePath), 'fonts') };
  return {
    executablePath,
    source: 'npm',
    // The package's headless shell, without its serverless flags: --single-process (which it
    // recommends for AWS Lambda) breaks a second browser context here, and its web-security
    // relaxations have no place in tests of this application.
    args: [...BASE_ARGS, '--no-zygote'],
    env: launchEnv,
  };
}

module.exports = { resolveChromium, hasCjkFonts, BASE_ARGS };
