import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, type ServerProcess } from '../support/serverProcess';

const TSX_LOADER = pathToFileURL(createRequire(join(REPO_ROOT, 'server', 'package.json')).resolve('tsx')).href;
const CLI_ENTRY = join(REPO_ROOT, 'server', 'src', 'cli.ts');

/**
 * Access to a Plenary whose collaboration endpoint wants a session: the benchmark signs in as
 * the operator (a link from the server's own CLI), makes one workshop, and creates each
 * document it needs as a group draft there, as a facilitator would.
 */
export class PlenaryWorkspace {
  private groupCounter = 0;

  private constructor(
    private readonly httpUrl: string,
    readonly token: string,
    private readonly workshopId: string,
  ) {}

  static async open(server: ServerProcess): Promise<PlenaryWorkspace> {
    const link = execFileSync(process.execPath, ['--import', TSX_LOADER, CLI_ENTRY, 'operator-link'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: server.dataDir, PORT: String(server.port), LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    }).trim();
    const secret = /\/join\/([^/?#\s]+)/.exec(link)?.[1];
    if (!secret) throw new Error(`the operator-link command printed no invite link: ${link}`);
    const joined = await call<{ token: string }>(server.httpUrl, 'POST', '/api/join', {
      secret,
      displayName: 'Benchmark',
    });
    const workshop = await call<{ id: string }>(
      server.httpUrl,
      'POST',
      '/api/workshops',
      { title: 'Benchmark' },
      joined.token,
    );
    return new PlenaryWorkspace(server.httpUrl, joined.token, workshop.id);
  }

  /** Creates `count` group drafts and returns their document ids. */
  async createDocuments(label: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      this.groupCounter += 1;
      const group = await call<{ documentId: string }>(
        this.httpUrl,
        'POST',
        `/api/workshops/${this.workshopId}/groups`,
        { name: `${label} ${this.groupCounter}` },
        this.token,
      );
      ids.push(group.documentId);
    }
    return ids;
  }
}

async function call<T>(httpUrl: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${httpUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
