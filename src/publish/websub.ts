/** The outcome of one WebSub publish ping. */
export interface PingResult {
  hub: string;
  topic: string;
  ok: boolean;
  error?: string;
}

/** Sends one form POST to a hub (the fetch stage's `postForm`, injectable for tests). */
export type PostToHub = (hub: string, form: Record<string, string>) => Promise<void>;

/**
 * Tell every hub that the given topics (feed URLs) changed (WebSub §7: `hub.mode=publish`, `hub.url`).
 * A failing hub is reported, never thrown: the feeds are already published either way.
 */
export async function pingHubs(hubs: readonly string[], topics: readonly string[], post: PostToHub): Promise<PingResult[]> {
  const results: PingResult[] = [];
  for (const hub of hubs) {
    for (const topic of topics) {
      try {
        await post(hub, { 'hub.mode': 'publish', 'hub.url': topic });
        results.push({ hub, topic, ok: true });
      } catch (error) {
        results.push({ hub, topic, ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return results;
}
