#!/usr/bin/env node
// Finds (or installs) what the test suite needs beyond Node, before vitest runs in `npm test`, on
// machines that may have only Node and npm (CI: a clean Debian machine, as root).
// - Chromium for the browser tests and the PDF export, its path recorded in .cache/chromium-path.
//   Order: CHROMIUM_PATH; Debian's chromium; apt-get install when root on Debian; the npm-shipped
//   @sparticuz/chromium. PLENARY_FORCE_NPM_CHROMIUM=1 skips straight to the npm package.
// - poppler's pdftotext, the only reader of right-to-left (Urdu) text in a printed PDF: installed
//   with apt-get when root on Debian; elsewhere that one PDF check is skipped, and this says so.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE_DIR = join(REPO_ROOT, '.cache');
const PATH_FILE = join(CACHE_DIR, 'chromium-path');
const NPM_PREFIX = join(CACHE_DIR, 'chromium-npm');
const NPM_PACKAGE = '@sparticuz/chromium';
// 143 is the last release whose engines accept Node 20.
const NPM_VERSION = '143.0.4';

function log(message) {
  console.log(`[ensureTestTools] ${message}`);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function findSystemChromium() {
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  return findOnPath('chromium');
}

function run(command, args) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) log(`${command} could not start: ${result.error.message}`);
  return result.status === 0;
}

function canUseApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && existsSync('/etc/debian_version') && findOnPath('apt-get') !== undefined;
}

let aptUpdated = false;

/** Installs Debian packages; false when apt-get failed (the caller falls back or skips). */
function aptInstall(packages) {
  // Non-interactive: CI has no stdin, and a debconf prompt would hang the run.
  process.env.DEBIAN_FRONTEND = 'noninteractive';
  if (!aptUpdated) {
    if (!run('apt-get', ['update'])) return false;
    aptUpdated = true;
  }
  return run('apt-get', ['install', '-y', ...packages]);
}

function installWithApt() {
  log("no system Chromium; installing Debian's chromium and fonts-noto-core with apt-get (about a minute)");
  if (!aptInstall(['chromium', 'fonts-noto-core'])) return undefined;
  return findSystemChromium();
}

function ensurePdftotext() {
  if (findOnPath('pdftotext')) return;
  if (canUseApt()) {
    log("no pdftotext; installing Debian's poppler-utils with apt-get");
    if (aptInstall(['poppler-utils']) && findOnPath('pdftotext')) return;
  }
  log('no pdftotext (poppler-utils): the check that Urdu prints right to left in a PDF will be skipped');
}

function installedNpmVersion() {
  const manifest = join(NPM_PREFIX, 'node_modules', NPM_PACKAGE, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

async function installFromNpm() {
  if (installedNpmVersion() !== NPM_VERSION) {
    log(`installing ${NPM_PACKAGE}@${NPM_VERSION} from npm into ${NPM_PREFIX} (62 MB)`);
    mkdirSync(NPM_PREFIX, { recursive: true });
    // Its own package.json keeps npm from walking up into the pnpm workspace.
    writeFileSync(join(NPM_PREFIX, 'package.json'), '{ "private": true }\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const ok = run(npm, [
      'install',
      '--prefix',
      NPM_PREFIX,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `${NPM_PACKAGE}@${NPM_VERSION}`,
    ]);
    if (!ok) throw new Error(`npm install ${NPM_PACKAGE}@${NPM_VERSION} failed`);
  }
  const entry = join(NPM_PREFIX, 'node_modules', NPM_PACKAGE, 'build', 'esm', 'index.js');
  const { default: chromium } = await import(pathToFileURL(entry).href);
  log(`unpacking ${NPM_PACKAGE}`);
  // Unpacks the Brotli-compressed binary into the OS temp dir; a no-op when already there.
  return chromium.executablePath();
}

async function resolveChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file`);
    log(`using CHROMIUM_PATH ${fromEnv}`);
    return fromEnv;
  }
  if (process.env.PLENARY_FORCE_NPM_CHROMIUM !== '1') {
    const system = findSystemChromium();
    if (system) {
      log(`using system Chromium ${system}`);
      return system;
    }
    if (canUseApt()) {
      const installed = installWithApt();
      if (installed) {
        log(`using system Chromium ${installed}`);
        return installed;
      }
      log('apt-get did not give a Chromium; falling back to the npm package');
    }
  }
  const fromNpm = await installFromNpm();
  log(`using ${NPM_PACKAGE} ${fromNpm}`);
  return fromNpm;
}

try {
  const executablePath = await resolveChromium();
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(PATH_FILE, `${executablePath}\n`);
  ensurePdftotext();
} catch (error) {
  console.error(`[ensureTestTools] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
