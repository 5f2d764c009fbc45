import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where the Chromium used for PDF export comes from, for logs and errors. */
export interface ChromiumLocation {
  path: string;
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a Chromium: the configured path; else the system's (/usr/bin/chromium, or `chromium` on
 * PATH); else the binary shipped inside the @sparticuz/chromium npm package, so PDF export works on
 * a machine with only Node and npm. `searchPath` is the PATH to search (passed in: config owns env).
 */
export async function findChromium(configured: string | null, searchPath: string): Promise<ChromiumLocation> {
  if (configured) {
    if (!isExecutable(configured)) throw new Error(`CHROMIUM_PATH=${configured} is not an executable file`);
    return { path: configured, source: 'CHROMIUM_PATH' };
  }
  const candidates = [
    '/usr/bin/chromium',
    ...searchPath
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'chromium')),
  ];
  const system = candidates.find(isExecutable);
  if (system) return { path: system, source: 'system' };
  // Imported only when needed: it unpacks a 60 MB Brotli archive into the temp folder on first use.
  const { default: packaged } = await import('@sparticuz/chromium');
  return { path: await packaged.executablePath(), source: '@sparticuz/chromium' };
}
