import type { Kysely } from 'kysely';
import type { Config } from '../../config/index.js';
import { postForm } from '../../fetch/index.js';
import type { Logger } from '../../log/index.js';
import { pingHubs } from '../../publish/index.js';
import { createFeedWatcher } from '../../site/index.js';
import type { Database } from '../../store/index.js';

/** Pings the configured WebSub hubs for the curated feeds that changed; a no-op while no hub is configured. */
export interface HubNotifier {
  /** Call after a pass that stored new or changed items. */
  afterChanges(): Promise<void>;
}

/** A notifier for the config in effect; it records the feeds' current content first, so only later changes ping. */
export async function startHubNotifier(db: Kysely<Database>, config: () => Config, logger: Logger): Promise<HubNotifier> {
  const watcher = createFeedWatcher(db, config);
  let primed = false;
  const prime = async (): Promise<void> => {
    if (!primed && config().site.websub.length > 0) {
      await watcher.changed();
      primed = true;
    }
  };
  await prime();
  return {
    async afterChanges() {
      const current = config();
      if (current.site.websub.length === 0) return;
      if (!primed) return prime();
      const topics = await watcher.changed();
      if (topics.length === 0) return;
      const { userAgent, timeoutMs, allowPrivateNetworks } = current.fetch;
      const results = await pingHubs(current.site.websub, topics, async (hub, form) => {
        await postForm({ url: hub, form, userAgent, timeoutMs, allowPrivateNetworks });
      });
      for (const r of results) {
        if (r.ok) logger.debug('websub: hub notified', { hub: r.hub, topic: r.topic });
        else logger.warn('websub: hub ping failed', { hub: r.hub, topic: r.topic, message: r.error });
      }
      logger.info('websub: curated feeds changed; hubs notified', { feeds: topics.length / 3, hubs: current.site.websub.length, failed: results.filter((r) => !r.ok).length });
    },
  };
}
