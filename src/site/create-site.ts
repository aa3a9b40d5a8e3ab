import type { Kysely } from 'kysely';
import type { Config } from '../config/index.js';
import { renderNotFound } from '../publish/index.js';
import { parseRoute, sitePaths } from '../routes/index.js';
import { oneLine, withDeadline } from '../server/index.js';
import type { Rendered, SiteFreshness, SiteHandler } from '../server/index.js';
import { archiveMonths, contentVersion, storiesBetween } from '../store/index.js';
import type { Database } from '../store/index.js';
import { renderRoute } from './render-route.js';
import { ARCHIVE_PAGE_SIZE, monthRange, siteInfo } from './site-data.js';

/** The site: every page and feed by path, plus the list of them all (for `feedloom build`). */
export interface Site extends SiteHandler {
  /** Every path the site serves, for a static build. */
  paths(): Promise<string[]>;
}

/** How the site reads and caches. */
export interface SiteOptions {
  db: Kysely<Database>;
  /** The config, or a getter for the config in effect (a running `run` reloads it). */
  config: Config | (() => Config);
  now?: () => Date;
  /** Longest a rendering is reused even when nothing was stored (time-dependent bits such as "last attempt"); default 60 s. */
  maxAgeMs?: number;
  /** How often the content version is re-read from the database; default 1 s. 0 disables caching. */
  versionCheckMs?: number;
  /** How long a check of the content version may take before the database counts as unreadable; default 2 s. */
  checkTimeoutMs?: number;
}

interface CacheEntry {
  rendered: Rendered | undefined;
  version: number;
  at: number;
}

/**
 * Create the site. Renderings are cached per path and reused until stored content changes (the database's
 * content version, read at most once per `versionCheckMs`) or `maxAgeMs` passes, so a reader polling a feed
 * does not cost a database query per request. Once someone watches its `freshness` (the server does), the
 * version is read by a timer every `versionCheckMs` instead, never by a request, and every change of
 * content, config or age (each `maxAgeMs`) moves the site to a new generation.
 */
export function createSite(options: SiteOptions): Site {
  const { db } = options;
  const getConfig = typeof options.config === 'function' ? options.config : ((fixed: Config) => () => fixed)(options.config);
  const now = options.now ?? (() => new Date());
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const versionCheckMs = options.versionCheckMs ?? 1_000;
  const cache = new Map<string, CacheEntry>();
  // Renders under way, by path and content version: readers asking at once for a page not yet cached share one render.
  const inflight = new Map<string, Promise<Rendered | undefined>>();
  let version = { value: -1, checkedAt: -Infinity };
  let versionRead: Promise<number> | undefined;
  let cachedFor: Config | undefined;
  const checkTimeoutMs = options.checkTimeoutMs ?? 2_000;
  // The poll: the generation it is in, when that began, the config it was read with, and who listens.
  const listeners = new Set<() => void>();
  let generation = 0;
  let generationAt = now().getTime();
  let polledConfig: Config | undefined;
  let problem: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let checking = false;

  // At most one read of the content version at a time: concurrent requests wait for the same answer.
  const currentVersion = (at: number): Promise<number> => {
    // While polled, the last version read is the one in effect: the request does not wait for the database.
    if (timer !== undefined && version.value !== -1) return Promise.resolve(version.value);
    if (at - version.checkedAt < versionCheckMs) return Promise.resolve(version.value);
    versionRead ??= contentVersion(db).then(
      (value) => {
        version = { value, checkedAt: at };
        versionRead = undefined;
        return value;
      },
      (error: unknown) => {
        versionRead = undefined;
        throw error;
      },
    );
    return versionRead;
  };

  /** One check of the poll: read the content version (bounded in time), move to a new generation when needed, tell the listeners. */
  const check = async (): Promise<void> => {
    if (checking) return;
    checking = true;
    try {
      const value = await withDeadline(contentVersion(db), checkTimeoutMs, 'database');
      const at = now().getTime();
      const config = getConfig();
      problem = undefined;
      if (value !== version.value || config !== polledConfig || at - generationAt >= maxAgeMs) {
        generation += 1;
        generationAt = at;
        polledConfig = config;
        // Renderings of an older generation are not reused either (time-dependent bits such as "last attempt").
        cache.clear();
      }
      version = { value, checkedAt: at };
    } catch (error) {
      problem = oneLine(error);
    } finally {
      checking = false;
    }
    for (const listener of listeners) listener();
  };

  const freshness: SiteFreshness = {
    get generation() {
      return generation;
    },
    get problem() {
      return problem;
    },
    watch(listener) {
      listeners.add(listener);
      if (timer === undefined) {
        timer = setInterval(() => void check(), versionCheckMs);
        timer.unref();
        void check();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
  };

  const render = async (path: string, query = ''): Promise<Rendered | undefined> => {
    const config = getConfig();
    // A reloaded config changes what every page says: start over.
    if (config !== cachedFor) {
      cache.clear();
      inflight.clear();
      cachedFor = config;
    }
    const route = parseRoute(path, sitePaths(config.site.baseUrl).home.replace(/\/$/, ''), config.feeds[0]?.id);
    if (!route) return undefined;
    // A search is one query's answer: rendered each time, never cached by path.
    if (route.kind === 'search') {
      const rendered = await renderRoute(route, db, config, now(), query);
      return rendered && { ...rendered, perRequest: true };
    }
    const at = now().getTime();
    if (versionCheckMs <= 0) return renderRoute(route, db, config, now());
    const v = await currentVersion(at);
    const hit = cache.get(path);
    if (hit && hit.version === v && at - hit.at < maxAgeMs) return hit.rendered;
    const key = `${v} ${path}`;
    const pending = inflight.get(key);
    if (pending) return pending;
    const rendering = renderRoute(route, db, config, now()).then((rendered) => {
      // Kept only if the config it was rendered with is still the one in effect.
      if (cachedFor === config) {
        if (cache.size > 5_000) cache.clear(); // story pages are many; bound memory crudely but safely
        cache.set(path, { rendered, version: v, at });
      }
      return rendered;
    });
    inflight.set(key, rendering);
    const settled = () => {
      if (inflight.get(key) === rendering) inflight.delete(key);
    };
    rendering.then(settled, settled);
    return rendering;
  };

  return {
    render,
    ...(versionCheckMs > 0 ? { freshness } : {}),
    async notFound(path) {
      return { status: 404, contentType: 'text/html; charset=utf-8', body: renderNotFound({ site: siteInfo(getConfig()), message: `There is nothing at ${path}.` }) };
    },
    async paths() {
      const config = getConfig();
      const paths = sitePaths(config.site.baseUrl);
      const out = [paths.home, paths.archive, paths.sources, paths.status, paths.opml];
      for (const feed of config.feeds) {
        out.push(paths.feedPage(feed.id), paths.feedFile(feed.id, 'rss'), paths.feedFile(feed.id, 'atom'), paths.feedFile(feed.id, 'json'));
      }
      for (const { year, month, count } of await archiveMonths(db)) {
        const pages = Math.ceil(count / ARCHIVE_PAGE_SIZE);
        for (let page = 1; page <= pages; page++) {
          out.push(paths.archiveMonth(year, month, page));
          const { ids } = await storiesBetween(db, { ...monthRange(year, month), limit: ARCHIVE_PAGE_SIZE, offset: (page - 1) * ARCHIVE_PAGE_SIZE });
          for (const id of ids) out.push(paths.story(String(id)));
        }
      }
      return out;
    },
  };
}
