import { hash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log/index.js';
import { ROUTE_LABELS } from './route-label.js';
import type { RouteLabel } from './route-label.js';
import { contentDigest } from './validators.js';

/** What a page or feed needs to be answered again with the same bytes and ETags: its identity bytes and headers. */
export interface SavedAnswer {
  path: string;
  route: RouteLabel;
  validators: { base: string; lastModifiedMs?: number };
  /** Headers shared by every coding (no ETag, length or coding), as the answer was built with. */
  common: Record<string, string>;
  identity: Buffer;
}

/** How the copies on disk are kept. */
export interface LastGoodDiskOptions {
  /** The directory: created when first written; shared by every process serving the same database. */
  dir: string;
  logger: Logger;
  /** Most bytes kept in the directory; the copies written longest ago go first. Default 64 MiB. */
  maxBytes?: number;
}

/** The first line of a file names its format; a file from another version is ignored. */
const MAGIC = 'feedloom-last-good 1';
const SUFFIX = '.answer';
const TEMP_MARK = '.tmp-';
/** A header line longer than this is no header of ours. */
const MAX_HEADER_BYTES = 64 * 1024;
/** A temp file this old was left by a process that died while writing: removed by the next scan. */
const ABANDONED_TEMP_MS = 10 * 60_000;

interface FileHeader {
  path: string;
  route: string;
  base: string;
  lastModifiedMs?: number;
  common: Record<string, string>;
  length: number;
}

/**
 * The last good copy of every page and feed rendered with status 200, on disk: shared by the workers of one
 * `serve` (and by `serve` and `run` restarted on the same database), so that a page one process rendered can
 * be answered by another, or after a restart, while the database cannot be read.
 *
 * One file per request path, named by a hash of the path: a header line (JSON: path, route, validators,
 * common headers, body length) after a format line, then the identity bytes. Written to a temp file and
 * renamed into place, so a reader sees a whole old copy or a whole new one; written only when the bytes
 * changed (the digest is compared with the file's header first), off the request path, one at a time. A
 * file that does not read back whole (wrong format, length or digest) is ignored with a log line. The
 * directory is bounded: when it holds more than `maxBytes`, the files written longest ago are removed (a
 * copy confirmed unchanged has its time renewed, as the memory store keeps what is rendered again).
 * A failed write (read-only or full disk) is logged once per kind and never stops serving.
 */
export class LastGoodDisk {
  readonly dir: string;
  private readonly logger: Logger;
  private readonly maxBytes: number;
  /** Answers waiting to be written, by path: the newest wins. */
  private readonly pending = new Map<string, SavedAnswer>();
  private draining: Promise<void> | undefined;
  private readonly reading = new Map<string, Promise<SavedAnswer | undefined>>();
  /** Bytes in the directory at the last scan, plus what this process wrote since. */
  private estimate: number | undefined;
  private writtenSinceScan = 0;
  private readonly reported = new Set<string>();
  private created = false;

  constructor(options: LastGoodDiskOptions) {
    this.dir = options.dir;
    this.logger = options.logger;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** Keep `answer` as the last good copy of its path, soon and off the caller's path. Never throws. */
  save(answer: SavedAnswer): void {
    this.pending.set(answer.path, answer);
    this.schedule();
  }

  /** Resolves once every answer handed to `save` so far has been written (or has failed to be). */
  async flush(): Promise<void> {
    while (this.draining !== undefined) await this.draining;
  }

  /** The copy of `path` on disk, or undefined when there is none (or it does not read back whole). Never throws. */
  load(requestPath: string): Promise<SavedAnswer | undefined> {
    let reading = this.reading.get(requestPath);
    if (reading === undefined) {
      reading = this.read(requestPath).finally(() => this.reading.delete(requestPath));
      this.reading.set(requestPath, reading);
    }
    return reading;
  }

  /** The file of `requestPath`: a hash, so that any path is a safe, short file name. */
  fileOf(requestPath: string): string {
    return path.join(this.dir, `${hash('sha256', requestPath, 'hex').slice(0, 40)}${SUFFIX}`);
  }

  private async read(requestPath: string): Promise<SavedAnswer | undefined> {
    const file = this.fileOf(requestPath);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if (code(error) !== 'ENOENT') this.reportOnce('read', 'last good copies: cannot read a copy', { file, error: describe(error) });
      return undefined;
    }
    const parsed = parse(bytes);
    if (parsed === undefined || parsed.path !== requestPath || contentDigest(parsed.identity) !== parsed.validators.base) {
      // Not ours, cut short, or changed under us: never answer with it.
      this.logger.warn('last good copies: ignoring a copy that does not read back whole', { file, path: clip(requestPath) });
      return undefined;
    }
    return parsed;
  }

  private schedule(): void {
    if (this.draining !== undefined) return;
    this.draining = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain()).finally(() => {
      this.draining = undefined;
      if (this.pending.size > 0) this.schedule();
    });
  }

  /** Write what is pending, one file at a time, then bound the directory. Never throws. */
  private async drain(): Promise<void> {
    for (const [requestPath, answer] of this.pending) {
      this.pending.delete(requestPath);
      try {
        await this.write(answer);
      } catch (error) {
        this.reportOnce(`write:${code(error) ?? 'other'}`, 'last good copies: cannot write (serving goes on; copies on disk may be older)', { dir: this.dir, error: describe(error) });
      }
    }
    try {
      if (this.estimate === undefined || this.estimate > this.maxBytes || this.writtenSinceScan > this.maxBytes / 8) await this.bound();
    } catch (error) {
      this.reportOnce(`bound:${code(error) ?? 'other'}`, 'last good copies: cannot scan the directory to bound it', { dir: this.dir, error: describe(error) });
    }
  }

  private async write(answer: SavedAnswer): Promise<void> {
    const file = this.fileOf(answer.path);
    const existing = await readHeader(file);
    if (existing !== undefined && existing.base === answer.validators.base && existing.path === answer.path && existing.route === answer.route
      && JSON.stringify(existing.common) === JSON.stringify(answer.common) && existing.lastModifiedMs === answer.validators.lastModifiedMs) {
      // The same copy is there (another worker wrote it, or an earlier run): only say it is still current.
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      return;
    }
    if (!this.created) {
      await mkdir(this.dir, { recursive: true });
      this.created = true;
    }
    const header: FileHeader = {
      path: answer.path, route: answer.route, base: answer.validators.base, common: answer.common, length: answer.identity.length,
      ...(answer.validators.lastModifiedMs === undefined ? {} : { lastModifiedMs: answer.validators.lastModifiedMs }),
    };
    const head = Buffer.from(`${MAGIC}\n${JSON.stringify(header)}\n`, 'utf8');
    const temp = `${file}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
    const bytes = Buffer.concat([head, answer.identity]);
    try {
      try {
        await writeFile(temp, bytes, { flag: 'wx' });
      } catch (error) {
        // The directory was removed since (by hand, or a cleaner of the cache directory): make it again, once.
        if (code(error) !== 'ENOENT') throw error;
        await mkdir(this.dir, { recursive: true });
        await writeFile(temp, bytes, { flag: 'wx' });
      }
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    const size = head.length + answer.identity.length;
    this.writtenSinceScan += size;
    if (this.estimate !== undefined) this.estimate += size;
  }

  /** Scan the directory (every process writes to it) and remove the oldest copies while it holds too much. */
  private async bound(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (code(error) === 'ENOENT') {
        this.estimate = 0;
        this.writtenSinceScan = 0;
        return;
      }
      throw error;
    }
    const files: { file: string; size: number; mtimeMs: number }[] = [];
    const now = Date.now();
    for (const name of names) {
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => undefined);
      if (info === undefined || !info.isFile()) continue;
      if (name.includes(TEMP_MARK)) {
        if (now - info.mtimeMs > ABANDONED_TEMP_MS) await unlink(file).catch(() => undefined);
        continue;
      }
      if (name.endsWith(SUFFIX)) files.push({ file, size: info.size, mtimeMs: info.mtimeMs });
    }
    let total = files.reduce((sum, entry) => sum + entry.size, 0);
    if (total > this.maxBytes) {
      files.sort((a, b) => a.mtimeMs - b.mtimeMs);
      for (const entry of files) {
        if (total <= this.maxBytes) break;
        try {
          await unlink(entry.file);
          total -= entry.size;
        } catch (error) {
          // Removed by another process meanwhile: it no longer counts either way.
          if (code(error) === 'ENOENT') total -= entry.size;
          else throw error;
        }
      }
    }
    this.estimate = total;
    this.writtenSinceScan = 0;
  }

  private reportOnce(kind: string, message: string, fields: Record<string, string>): void {
    if (this.reported.has(kind)) return;
    this.reported.add(kind);
    this.logger.warn(message, fields);
  }
}

/** A file's bytes as a saved answer, or undefined when they are not one whole copy. */
function parse(bytes: Buffer): SavedAnswer | undefined {
  const magicEnd = bytes.indexOf(0x0a);
  if (magicEnd === -1 || bytes.subarray(0, magicEnd).toString('utf8') !== MAGIC) return undefined;
  const headerEnd = bytes.indexOf(0x0a, magicEnd + 1);
  if (headerEnd === -1) return undefined;
  const header = parseHeader(bytes.subarray(magicEnd + 1, headerEnd).toString('utf8'));
  if (header === undefined) return undefined;
  const identity = bytes.subarray(headerEnd + 1);
  if (identity.length !== header.length || !isRouteLabel(header.route)) return undefined;
  return {
    path: header.path,
    route: header.route,
    validators: { base: header.base, ...(header.lastModifiedMs === undefined ? {} : { lastModifiedMs: header.lastModifiedMs }) },
    common: header.common,
    // Its own copy: the file's buffer is not kept beyond the answer.
    identity: Buffer.from(identity),
  };
}

/** The header line of a copy, checked field by field. */
function parseHeader(line: string): FileHeader | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const h = value as Record<string, unknown>;
  if (typeof h['path'] !== 'string' || typeof h['route'] !== 'string' || typeof h['base'] !== 'string' || typeof h['length'] !== 'number') return undefined;
  if (h['lastModifiedMs'] !== undefined && typeof h['lastModifiedMs'] !== 'number') return undefined;
  const common = h['common'];
  if (typeof common !== 'object' || common === null || Array.isArray(common)) return undefined;
  if (!Object.values(common).every((v) => typeof v === 'string')) return undefined;
  return {
    path: h['path'], route: h['route'], base: h['base'], length: h['length'],
    common: common as Record<string, string>,
    ...(typeof h['lastModifiedMs'] === 'number' ? { lastModifiedMs: h['lastModifiedMs'] } : {}),
  };
}

/** The header of the copy in `file` (read without its body), or undefined when there is none or it is not one. */
async function readHeader(file: string): Promise<FileHeader | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const chunk = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, 0);
    const bytes = chunk.subarray(0, bytesRead);
    const magicEnd = bytes.indexOf(0x0a);
    if (magicEnd === -1 || bytes.subarray(0, magicEnd).toString('utf8') !== MAGIC) return undefined;
    const headerEnd = bytes.indexOf(0x0a, magicEnd + 1);
    if (headerEnd === -1) return undefined;
    const header = parseHeader(bytes.subarray(magicEnd + 1, headerEnd).toString('utf8'));
    // A file cut short is rewritten.
    const info = await handle.stat();
    return header !== undefined && info.size === headerEnd + 1 + header.length ? header : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

function isRouteLabel(route: string): route is RouteLabel {
  return (ROUTE_LABELS as readonly string[]).includes(route);
}

function code(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Whether `dir` holds at least one last good copy (a `serve` that served this database before left it). */
export async function hasLastGoodCopies(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((name) => name.endsWith(SUFFIX) && !name.includes(TEMP_MARK));
  } catch {
    return false;
  }
}
