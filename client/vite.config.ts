import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const SERVER = 'http://127.0.0.1:8080';

// `vite` (dev) and `vite preview` forward these to a locally running Plenary server.
const serverProxy = {
  '/api': SERVER,
  '/healthz': SERVER,
  '/collab': { target: SERVER, ws: true },
};

/** Matches the modules of the named npm packages, in pnpm's layout as well as a flat one. */
function packages(...names: string[]): RegExp {
  const pnpmStore = String.raw`(?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?`;
  return new RegExp(String.raw`node_modules[\\/]${pnpmStore}(?:${names.join('|')})[\\/]`);
}

/**
 * Emits /sw.js (src/offline/serviceWorker.js) with the list of this build's files to keep on the
 * device, and a cache version that changes whenever any of them does.
 */
function offlineShell(): Plugin {
  return {
    name: 'plenary-offline-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        // Browsers with service workers all read WOFF2; the WOFF copies of the Urdu font are for
        // older ones and would only double what a phone downloads on the venue's Wi-Fi.
        .filter((file) => !file.endsWith('.map') && !file.endsWith('.woff') && file !== 'index.html')
        .sort();
      const hash = createHash('sha256');
      for (const output of Object.values(bundle)) {
        hash.update(output.fileName).update(output.type === 'chunk' ? output.code : output.source);
      }
      const version = hash.digest('hex').slice(0, 16);
      const template = readFileSync(new URL('./src/offline/serviceWorker.js', import.meta.url), 'utf8');
      const source = template
        .replace('__CACHE_VERSION__', JSON.stringify(version))
        .replace('__PRECACHE_URLS__', JSON.stringify(['/', ...files.map((file) => `/${file}`)]));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  plugins: [react(), offlineShell()],
  server: {
    proxy: serverProxy,
  },
  preview: {
    proxy: serverProxy,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // The editor page loads lazily; within it, ProseMirror/Tiptap and the Yjs stack change
        // rarely, so separate chunks stay cached across app releases (and stay under 500 kB).
        // A group also takes in what its modules import, so React and Yjs must be claimed first.
        codeSplitting: {
          groups: [
            { name: 'react', priority: 3, test: packages('react', 'react-dom', 'scheduler') },
            { name: 'yjs', priority: 2, test: packages('yjs', 'y-[\\w-]+', 'lib0') },
            {
              name: 'editor',
              priority: 1,
              test: packages(
                '@tiptap',
                'prosemirror-[\\w-]+',
                'orderedmap',
                'rope-sequence',
                'w3c-keyname',
                'linkifyjs',
              ),
            },
          ],
        },
      },
    },
  },
});
