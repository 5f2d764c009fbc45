import { describe, expect, it } from 'vitest';
import type { ExportFile } from './ExportService';
import { PublishedFileCache } from './PublishedFileCache';

const file = (bytes: number, name = 'brief.pdf'): ExportFile => ({
  body: new Uint8Array(bytes),
  contentType: 'application/pdf',
  fileName: name,
  format: 'pdf',
});

describe('PublishedFileCache', () => {
  it('makes a file once for requests that ask at the same time, and keeps it for later ones', async () => {
    const cache = new PublishedFileCache();
    let made = 0;
    const make = async () => {
      made += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return file(10);
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('v1:pdf', make)));
    expect(made).toBe(1);
    expect(new Set(answers).size).toBe(1);
    await cache.get('v1:pdf', make);
    expect(made).toBe(1);
    await cache.get('v1:md', async () => file(1, 'brief.md'));
    expect(made).toBe(1);
  });

  it('keeps no failure: the next request tries again', async () => {
    const cache = new PublishedFileCache();
    await expect(cache.get('v1:pdf', () => Promise.reject(new Error('busy')))).rejects.toThrow('busy');
    expect((await cache.get('v1:pdf', async () => file(10))).body.byteLength).toBe(10);
  });

  it('lets the least recently used files go past its budget, and keeps none too big for it', async () => {
    const cache = new PublishedFileCache(90);
    let made = 0;
    const make = (bytes: number) => async () => {
      made += 1;
      return file(bytes);
    };
    await cache.get('a', make(20));
    await cache.get('b', make(20));
    await cache.get('a', make(20)); // used again: now the most recent
    await cache.get('c', make(20));
    await cache.get('d', make(20));
    await cache.get('e', make(20)); // five files are 100 bytes, over the 90: "b" goes
    expect(made).toBe(5);
    await cache.get('a', make(20));
    expect(made).toBe(5);
    await cache.get('b', make(20));
    expect(made).toBe(6);
    await cache.get('huge', make(60));
    await cache.get('huge', make(60));
    expect(made).toBe(8);
  });
});
