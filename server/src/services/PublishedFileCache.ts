import type { ExportFile } from './ExportService';

/** What the kept files may take in memory, in all. */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Files made from published versions, which never change: kept (the least recently used go
 * first, past a byte budget) and shared by requests that ask at the same time. A published page
 * needs no session, so without this every anonymous download printed its PDF anew, and a crowd
 * of them filled the PDF queue that signed-in people's exports wait in. A file that failed is
 * not kept: the next request tries again.
 */
export class PublishedFileCache {
  private readonly files = new Map<string, ExportFile>();
  private readonly making = new Map<string, Promise<ExportFile>>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  /** The file kept under `key`, the one being made for it, or a new one from `make`. */
  get(key: string, make: () => Promise<ExportFile>): Promise<ExportFile> {
    const kept = this.files.get(key);
    if (kept) {
      // A Map keeps insertion order: moving the entry to the end marks it most recently used.
      this.files.delete(key);
      this.files.set(key, kept);
      return Promise.resolve(kept);
    }
    const pending = this.making.get(key);
    if (pending) return pending;
    const made = make()
      .then((file) => {
        this.keep(key, file);
        return file;
      })
      .finally(() => this.making.delete(key));
    this.making.set(key, made);
    return made;
  }

  private keep(key: string, file: ExportFile): void {
    const size = file.body.byteLength;
    // One huge file would push out everything else.
    if (size > this.maxBytes / 4) return;
    this.files.set(key, file);
    this.bytes += size;
    for (const [oldest, old] of this.files) {
      if (this.bytes <= this.maxBytes) break;
      this.files.delete(oldest);
      this.bytes -= old.body.byteLength;
    }
  }
}
