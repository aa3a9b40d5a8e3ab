import { modelProbability } from './pair-score.js';
import type { PairVerdict } from './pair-score.js';
import type { Judge, Member } from './story-decision.js';

/**
 * A judge that knows the neighbourhood's landing pages (see `landingPages`): a URL that one source gives to several
 * different items is not an article, so sharing it is no evidence, and such a pair is judged on its content.
 */
export function neighbourhoodJudge(items: readonly Member[], judge: Judge, model?: { bias: number; weights: Readonly<Record<string, number>> }): Judge {
  const landing = landingPages(items, judge);
  return (x, y) => {
    const verdict = judge(x, y);
    if (verdict.rule !== 'same-url' || x.canonicalUrl === null || !landing.has(x.canonicalUrl)) return verdict;
    const features = { ...verdict.features, sameUrl: 0 };
    return { ...verdict, rule: 'score', features, probability: modelProbability(features, model) } satisfies PairVerdict;
  };
}

/**
 * The canonical URLs that one source gives to two items that are not the same post (neither the same text nor the
 * same headline): the site's news page or a briefs page every item links to.
 */
export function landingPages(items: readonly Member[], judge: Judge): Set<string> {
  const byUrl = new Map<string, Member[]>();
  for (const m of items) if (m.canonicalUrl !== null) byUrl.set(m.canonicalUrl, [...(byUrl.get(m.canonicalUrl) ?? []), m]);
  const out = new Set<string>();
  for (const [url, members] of byUrl) {
    for (let i = 0; i < members.length && !out.has(url); i += 1) {
      for (let j = i + 1; j < members.length; j += 1) {
        const a = members[i];
        const b = members[j];
        if (a === undefined || b === undefined || a.sourceId !== b.sourceId) continue;
        if (judge(a, b).rule !== 'same-url') {
          out.add(url);
          break;
        }
      }
    }
  }
  return out;
}

/**
 * Cluster the neighbourhood of a fetch — its new items and the stored members of every story they might belong
 * to — by average linkage: start from single items (items that are one article, or a repost, start together),
 * and repeatedly merge the two clusters whose items resemble each other most on average, while that mean
 * same-story probability reaches `threshold`. The result does not depend on the order the items came in: a
 * telling that arrives before the rest of its story is placed again once they arrive, and an item that joined the
 * wrong story early (the only one there was) moves when its own story forms. Averaging over all members, not
 * taking the closest one, is what keeps an interview or a review that names a launch's products out of the
 * launch's story, and one false link from chaining two stories together.
 *
 * Only `links` are judged: the pairs the candidate search put side by side, and every pair of items already in
 * one story. A pair that is not linked counts as probability 0 in a mean (the search did not find them alike), so
 * the cost follows the links, not the square of the neighbourhood: each cluster keeps the summed probability
 * towards each cluster it is linked to, merging adds those sums, and a heap yields the best pair next.
 */
export function clusterNeighbourhood(
  items: readonly Member[],
  links: readonly (readonly [number, number])[],
  judge: Judge,
  options: { threshold: number; windowMs: number },
): number[][] {
  const byId = new Map(items.map((m) => [m.itemId, m]));
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while ((parent.get(root) ?? root) !== root) root = parent.get(root) ?? root;
    parent.set(id, root);
    return root;
  };
  const members = new Map<number, number[]>(items.map((m) => [m.itemId, [m.itemId]]));
  // Summed probability between linked clusters, both ways.
  const sums = new Map<number, Map<number, number>>(items.map((m) => [m.itemId, new Map<number, number>()]));
  const seen = new Set<string>();
  const definite: [number, number][] = [];
  for (const [a, b] of links) {
    const x = byId.get(a);
    const y = byId.get(b);
    if (x === undefined || y === undefined || a === b) continue;
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (Math.abs(x.atMs - y.atMs) > options.windowMs) continue;
    const verdict = judge(x, y);
    if (verdict.rule === 'same-url' || verdict.rule === 'repost') definite.push([a, b]);
    if (verdict.probability <= 0) continue;
    sums.get(a)?.set(b, (sums.get(a)?.get(b) ?? 0) + verdict.probability);
    sums.get(b)?.set(a, (sums.get(b)?.get(a) ?? 0) + verdict.probability);
  }
  const unite = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    const [keep, gone] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(gone, keep);
    members.set(keep, [...(members.get(keep) ?? []), ...(members.get(gone) ?? [])]);
    members.delete(gone);
    const into = sums.get(keep) ?? new Map<number, number>();
    for (const [other, sum] of sums.get(gone) ?? []) {
      if (other === keep) continue;
      into.set(other, (into.get(other) ?? 0) + sum);
      const back = sums.get(other);
      if (back !== undefined) {
        back.set(keep, (back.get(keep) ?? 0) + (back.get(gone) ?? 0));
        back.delete(gone);
      }
    }
    into.delete(gone);
    sums.delete(gone);
    return keep;
  };
  // One article, or one post published twice, is one story whatever else is around it.
  for (const [a, b] of definite) unite(a, b);
  const size = (c: number) => members.get(c)?.length ?? 1;
  const mean = (a: number, b: number) => (sums.get(a)?.get(b) ?? 0) / (size(a) * size(b));
  const heap = new MaxHeap();
  for (const [a, others] of sums) for (const b of others.keys()) if (a < b) heap.push(mean(a, b), a, b);
  for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
    const [value, a, b] = top;
    if (value < options.threshold) break;
    // Stale: one side was merged since, or the mean moved (then a fresher entry is in the heap).
    if (find(a) !== a || find(b) !== b || Math.abs(mean(a, b) - value) > 1e-12) continue;
    const keep = unite(a, b);
    for (const other of sums.get(keep)?.keys() ?? []) heap.push(mean(keep, other), Math.min(keep, other), Math.max(keep, other));
  }
  return [...members.values()].map((ids) => [...ids].sort((x, y) => x - y)).sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0));
}

/** A binary max-heap of [value, a, b]; ties go to the pair with the smaller ids (deterministic). */
class MaxHeap {
  readonly #items: [number, number, number][] = [];
  #before(x: [number, number, number], y: [number, number, number]): boolean {
    return x[0] > y[0] || (x[0] === y[0] && (x[1] < y[1] || (x[1] === y[1] && x[2] < y[2])));
  }
  push(value: number, a: number, b: number): void {
    const items = this.#items;
    items.push([value, a, b]);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      const [child, parent] = [items[i], items[up]];
      if (child === undefined || parent === undefined || !this.#before(child, parent)) break;
      [items[i], items[up]] = [parent, child];
      i = up;
    }
  }
  pop(): [number, number, number] | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let best = i;
        const at = (k: number) => items[k];
        const bi = at(best);
        const li = at(l);
        if (li !== undefined && bi !== undefined && this.#before(li, bi)) best = l;
        const bb = at(best);
        const ri = at(r);
        if (ri !== undefined && bb !== undefined && this.#before(ri, bb)) best = r;
        if (best === i) break;
        const [x, y] = [items[i], items[best]];
        if (x === undefined || y === undefined) break;
        [items[i], items[best]] = [y, x];
        i = best;
      }
    }
    return top;
  }
}
