import type { KeyQuery, StoryAssigner, StoryInput, StoryMatchRecord, StoryPort } from '../model/story-port.js';
import { decodeFeatures, encodeFeatures } from './features-codec.js';
import type { StoredFeatures } from './features-codec.js';
import { cachedJudge, fragmentOf, memberOf } from './members.js';
import { clusterNeighbourhood, neighbourhoodJudge } from './neighbourhood.js';
import { judgeMembers } from './story-decision.js';
import type { Judge, Member } from './story-decision.js';
import { storyFeatures } from './story-features.js';
import type { StoryFeatures } from './story-features.js';
import { STORY_MODEL } from './story-model.js';
import { documentFrequency, PER_SIDE, rarity, RARITY_SPAN_MS } from './term-weights.js';

/** Candidate items verified per new item: those sharing the most key weight with it. */
export const MAX_CANDIDATES = 8;
/**
 * How much a candidate must share with the new item: each shared key counts 1 plus its rarity, so three keys of any
 * kind, or one rare key and one more. Common keys count too: the tellings of a story that ten outlets carried
 * within the hour make its words look common by then, and the eleventh telling must still find them.
 */
export const MIN_SHARED_WEIGHT = 3;
/** Members of a candidate story compared with a new item: its newest ones. */
export const MEMBERS_PER_STORY = 16;
/** Items sharing a canonical URL looked at per new item. */
export const PER_URL = 8;

/** Options of story assignment. */
export interface StoryOptions {
  /** Only items this close in time are compared (config `dedup.window`). */
  windowMs: number;
  /** The mean probability at which an item joins a story (default: the fitted model's). */
  threshold?: number;
  /** The scorer's model (default: the fitted one); the fitting tool passes candidates here. */
  model?: { bias: number; weights: Readonly<Record<string, number>> };
}

/** An item's features in stored form, its key weights not known yet (the dedup stage's part; assignment weighs the keys). */
export function encodedFeaturesOf(features: StoryFeatures): Uint8Array {
  return encodeFeatures({ features, weights: new Float64Array(features.keys.length) });
}

/**
 * The candidates worth judging among scored items (each the summed `1 + rarity` of the keys it shares): those
 * sharing at least MIN_SHARED_WEIGHT, the MAX_CANDIDATES sharing most (the newest on a tie).
 */
export function rankCandidates(scores: ReadonlyMap<number, number>): number[] {
  return [...scores].filter(([, w]) => w >= MIN_SHARED_WEIGHT).sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, MAX_CANDIDATES).map(([id]) => id);
}

/** What the dedup stage computed before the write, else the features of the item's text. */
function featuresOf(input: StoryInput): StoredFeatures {
  const decoded = input.features === undefined ? undefined : decodeFeatures(input.features);
  if (decoded !== undefined) return decoded;
  const features = storyFeatures(input);
  return { features, weights: new Float64Array(features.keys.length) };
}

/** A new item on its way through assignment: its member form, its key weights, and its ranked candidates. */
interface Subject {
  input: StoryInput;
  member: Member;
  candidates: number[];
}

/**
 * Weigh each subject's keys from the index (see term-weights.ts) and rank the stored items that share them: by
 * the summed weight of the keys they share, plus the items with the same canonical URL.
 */
export async function weighAndRank(port: StoryPort, inputs: readonly StoryInput[], windowMs: number): Promise<Subject[]> {
  const features = inputs.map(featuresOf);
  const queries: KeyQuery[] = [];
  // Per query: which input it is for, and which of that input's keys.
  const owners: [number, number][] = [];
  features.forEach((stored, i) => {
    const at = inputs[i]?.atMs ?? 0;
    stored.features.keys.forEach((key, k) => {
      queries.push({ key, atMs: at, fromMs: at - windowMs, toMs: at + windowMs });
      owners.push([i, k]);
    });
  });
  const hits = queries.length === 0 ? [] : await port.keyNeighbours(queries, PER_SIDE);
  const ats = inputs.map((i) => i.atMs);
  const byQuery = new Map<number, { itemId: number; atMs: number }[]>();
  const selves = new Set(inputs.map((i) => i.itemId));
  for (const hit of hits) {
    if (selves.has(hit.itemId)) continue;
    const list = byQuery.get(hit.query) ?? [];
    list.push(hit);
    byQuery.set(hit.query, list);
  }
  const scores = inputs.map(() => new Map<number, number>());
  queries.forEach((query, q) => {
    const [owner, keyIndex] = owners[q] ?? [0, 0];
    const found = byQuery.get(q) ?? [];
    const before = found.filter((h) => h.atMs <= query.atMs).map((h) => h.atMs);
    const after = found.filter((h) => h.atMs > query.atMs).map((h) => h.atMs);
    const weight = rarity(documentFrequency(before, after, query.atMs, RARITY_SPAN_MS));
    const ownerWeights = features[owner]?.weights;
    if (ownerWeights !== undefined) ownerWeights[keyIndex] = weight;
    const score = scores[owner];
    if (score !== undefined) for (const hit of found) score.set(hit.itemId, (score.get(hit.itemId) ?? 0) + 1 + weight);
  });
  const urls = [...new Set(inputs.flatMap((i) => (i.canonicalUrl === null ? [] : [i.canonicalUrl])))];
  const sameUrl = urls.length === 0 || inputs.length === 0 ? [] : await port.itemsWithUrls(urls, Math.min(...ats) - windowMs, Math.max(...ats) + windowMs, PER_URL);
  return inputs.map((input, i) => {
    const stored = features[i] ?? featuresOf(input);
    const ranked = rankCandidates(scores[i] ?? new Map<number, number>());
    const urlMates = sameUrl.filter((u) => u.canonicalUrl === input.canonicalUrl && u.itemId !== input.itemId).map((u) => u.itemId);
    return {
      input,
      member: { itemId: input.itemId, sourceId: input.sourceId, canonicalUrl: input.canonicalUrl, fragment: fragmentOf(input.url), atMs: input.atMs, stored },
      candidates: [...new Set([...urlMates, ...ranked])],
    };
  });
}

/**
 * The pairs of one fetch's own items worth judging: for each item, the items of the fetch sharing its canonical
 * URL, and the MAX_CANDIDATES sharing the most key weight among the PER_SIDE nearest in time per key — bounded
 * like the store's look-up, so a templated feed where every item shares a word costs no more.
 */
function inFetchLinks(subjects: readonly Subject[], windowMs: number): [number, number][] {
  const postings = new Map<number, Subject[]>();
  for (const s of subjects) for (const key of s.member.stored.features.keys) postings.set(key, [...(postings.get(key) ?? []), s]);
  for (const list of postings.values()) list.sort((a, b) => a.input.atMs - b.input.atMs || a.input.itemId - b.input.itemId);
  const out: [number, number][] = [];
  for (const subject of subjects) {
    const at = subject.input.atMs;
    const score = new Map<number, number>();
    const { keys } = subject.member.stored.features;
    keys.forEach((key, i) => {
      const list = postings.get(key) ?? [];
      const weight = 1 + (subject.member.stored.weights[i] ?? 0);
      const index = list.indexOf(subject);
      for (const other of [...list.slice(Math.max(0, index - PER_SIDE), index), ...list.slice(index + 1, index + 1 + PER_SIDE)]) {
        if (Math.abs(other.input.atMs - at) <= windowMs) score.set(other.input.itemId, (score.get(other.input.itemId) ?? 0) + weight);
      }
    });
    const ranked = [...score].filter(([, w]) => w >= MIN_SHARED_WEIGHT).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_CANDIDATES);
    for (const [id] of ranked) out.push([subject.input.itemId, id]);
    if (subject.input.canonicalUrl !== null) {
      for (const other of subjects) {
        if (other !== subject && other.input.canonicalUrl === subject.input.canonicalUrl) out.push([subject.input.itemId, other.input.itemId]);
      }
    }
  }
  return out;
}

/**
 * Give new items their stories and keep changed ones right, inside the fetch's transaction (the store calls this
 * through its port). Candidates for the whole fetch come from one batched look-up of the key index, each new
 * item's keys are weighed from it, and the stored members of every candidate story are read with their features.
 * That neighbourhood — new items, changed items with their new features, and those members — is clustered afresh
 * by average linkage (neighbourhood.ts), and the clusters are written back as stories: each keeps the id of the
 * stored story it holds most of (the oldest on a tie), a cluster of new items only founds a story, a stored story
 * left without a cluster is merged into the one that took most of its items (it redirects there), and items whose
 * story changed move. So an item rewritten into other news leaves its story, two stories that a later telling
 * shows to be one merge, and the outcome does not hang on the order the feeds came in.
 */
export async function assignStories(port: StoryPort, added: readonly StoryInput[], changed: readonly StoryInput[], options: StoryOptions): Promise<void> {
  if (added.length + changed.length === 0) return;
  const threshold = options.threshold ?? STORY_MODEL.threshold;
  const windowMs = options.windowMs;
  const subjects = await weighAndRank(port, [...changed, ...added], windowMs);
  const ats = subjects.map((s) => s.input.atMs);
  const [from, to] = [Math.min(...ats) - windowMs, Math.max(...ats) + windowMs];
  const rows = await port.storyMembers([...new Set([...changed.map((c) => c.itemId), ...subjects.flatMap((s) => s.candidates)])], MEMBERS_PER_STORY);
  const subjectIds = new Set(subjects.map((s) => s.input.itemId));
  // Where every item of the neighbourhood is now (changed items included), and the stored members to re-cluster.
  const storyOf = new Map<number, number>();
  const loaded: Member[] = [];
  for (const row of rows) {
    if (subjectIds.has(row.itemId)) {
      storyOf.set(row.itemId, row.storyId);
      continue;
    }
    const member = row.atMs >= from && row.atMs <= to ? memberOf(row) : undefined;
    if (member === undefined) continue;
    storyOf.set(row.itemId, row.storyId);
    loaded.push(member);
  }
  const judge = cachedJudge(options.model);
  const links: [number, number][] = [];
  const storiesOfCandidates = new Map<number, number[]>();
  for (const m of loaded) {
    const story = storyOf.get(m.itemId) ?? 0;
    storiesOfCandidates.set(story, [...(storiesOfCandidates.get(story) ?? []), m.itemId]);
  }
  // Items already in one story stay linked to each other; a changed item, to the rest of its story.
  for (const ids of storiesOfCandidates.values()) {
    for (let i = 0; i < ids.length; i += 1) for (let j = i + 1; j < ids.length; j += 1) links.push([ids[i] ?? 0, ids[j] ?? 0]);
  }
  for (const subject of subjects) {
    const own = storyOf.get(subject.input.itemId);
    const near = new Set(subject.candidates.map((id) => storyOf.get(id)));
    if (own !== undefined) near.add(own);
    for (const story of near) for (const id of storiesOfCandidates.get(story ?? 0) ?? []) links.push([subject.input.itemId, id]);
  }
  // New items of one fetch are candidates of each other too: the ones sharing the most key weight or the URL.
  links.push(...inFetchLinks(subjects, windowMs));
  const neighbourhood = [...subjects.map((s) => s.member), ...loaded];
  const contextual = neighbourhoodJudge(neighbourhood, judge, options.model);
  const clusters = clusterNeighbourhood(neighbourhood, links, contextual, { threshold, windowMs });
  await write(port, { subjects, clusters, storyOf, loaded, judge: contextual });
}

interface Outcome {
  subjects: readonly Subject[];
  clusters: readonly number[][];
  /** The story of each stored item of the neighbourhood (changed items included) before this write. */
  storyOf: ReadonlyMap<number, number>;
  loaded: readonly Member[];
  judge: Judge;
}

/** Turn the clusters into stories, and write them and the features through the port. */
async function write(port: StoryPort, outcome: Outcome): Promise<void> {
  const { subjects, clusters, storyOf } = outcome;
  await port.saveFeatures(subjects.map((s) => ({
    itemId: s.input.itemId, atMs: s.input.atMs, keys: [...s.member.stored.features.keys], features: encodeFeatures(s.member.stored),
    refile: storyOf.has(s.input.itemId),
  })));
  // Each cluster keeps the stored story it holds most of; a stored story goes to one cluster at most.
  const claims: { cluster: number; story: number; count: number }[] = [];
  clusters.forEach((ids, cluster) => {
    const counts = new Map<number, number>();
    for (const id of ids) {
      const story = storyOf.get(id);
      if (story !== undefined) counts.set(story, (counts.get(story) ?? 0) + 1);
    }
    for (const [story, count] of counts) claims.push({ cluster, story, count });
  });
  claims.sort((a, b) => b.count - a.count || a.story - b.story || a.cluster - b.cluster);
  const idOf = new Map<number, number>();
  const taken = new Set<number>();
  for (const claim of claims) {
    if (idOf.has(claim.cluster) || taken.has(claim.story)) continue;
    idOf.set(claim.cluster, claim.story);
    taken.add(claim.story);
  }
  const atOf = new Map(subjects.map((s) => [s.input.itemId, s.input.atMs]));
  const founders = clusters.flatMap((ids, cluster) => {
    if (idOf.has(cluster)) return [];
    const first = [...ids].sort((a, b) => (atOf.get(a) ?? 0) - (atOf.get(b) ?? 0) || a - b)[0] ?? 0;
    return [{ cluster, itemId: first, atMs: atOf.get(first) ?? 0 }];
  });
  // A stored story no cluster kept is merged into the cluster that holds most of its items.
  const merges: { from: number; into: number }[] = [];
  const lost = [...new Set(storyOf.values())].filter((story) => !taken.has(story));
  await port.lockStories([...new Set([...taken, ...lost])]);
  const founded = await port.foundStories(founders.map((f) => ({ itemId: f.itemId, atMs: f.atMs })));
  for (const f of founders) idOf.set(f.cluster, founded.get(f.itemId) ?? 0);
  const clusterOfItem = new Map<number, number>();
  clusters.forEach((ids, cluster) => ids.forEach((id) => clusterOfItem.set(id, cluster)));
  for (const story of lost) {
    const counts = new Map<number, number>();
    for (const [itemId, s] of storyOf) if (s === story) counts.set(clusterOfItem.get(itemId) ?? -1, (counts.get(clusterOfItem.get(itemId) ?? -1) ?? 0) + 1);
    const target = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
    const into = target === undefined ? undefined : idOf.get(target);
    if (into !== undefined && into !== story) merges.push({ from: story, into });
  }
  await port.mergeStories(merges);
  const mergedInto = new Map(merges.map((m) => [m.from, m.into]));
  const moves = new Map<number, number>();
  clusters.forEach((ids, cluster) => {
    const id = idOf.get(cluster) ?? 0;
    for (const itemId of ids) {
      const before = storyOf.get(itemId);
      const now = before === undefined ? undefined : mergedInto.get(before) ?? before;
      if (now !== id) moves.set(itemId, id);
    }
  });
  await port.setStories(moves);
  // Recount the stories whose items changed: those that items moved into or out of, and those merged into.
  // A story founded with its one item is counted already.
  const foundedIds = new Set(founded.values());
  const changedStories = new Set<number>(merges.map((m) => m.into));
  for (const [itemId, storyId] of moves) {
    if (!foundedIds.has(storyId) || (clusters[clusterOfItem.get(itemId) ?? -1]?.length ?? 1) > 1) changedStories.add(storyId);
    const before = storyOf.get(itemId);
    if (before !== undefined) changedStories.add(mergedInto.get(before) ?? before);
  }
  // A rewritten item that stayed where it was changes its story too (its content, its instant).
  for (const s of subjects) if (storyOf.has(s.input.itemId) && !moves.has(s.input.itemId)) changedStories.add(storyOf.get(s.input.itemId) ?? 0);
  await port.recountStories([...changedStories].filter((id) => !mergedInto.has(id)));
  // Why: each new or moved item that shares its story, by its closest member and its mean over the others.
  const byId = new Map([...subjects.map((s) => [s.input.itemId, s.member] as const), ...outcome.loaded.map((m) => [m.itemId, m] as const)]);
  const matches: StoryMatchRecord[] = [];
  const alone: number[] = [];
  for (const itemId of new Set([...subjects.map((s) => s.input.itemId), ...moves.keys()])) {
    const member = byId.get(itemId);
    const cluster = clusters[clusterOfItem.get(itemId) ?? -1] ?? [];
    const others = cluster.filter((id) => id !== itemId).map((id) => byId.get(id)).filter((m): m is Member => m !== undefined);
    if (member === undefined || others.length === 0) {
      alone.push(itemId);
      continue;
    }
    const { mean, best, members } = judgeMembers(member, others, outcome.judge);
    if (best === undefined) continue;
    matches.push({
      itemId, matchedItemId: best.itemId, rule: best.verdict.rule, score: mean,
      evidence: JSON.stringify({ mean, members: members.length, probability: best.verdict.probability, ...best.verdict.features }),
    });
  }
  await port.forgetMatches(alone);
  await port.recordMatches(matches);
}

/** The assigner a fetch's write calls inside its transaction. */
export function storyAssigner(options: StoryOptions): StoryAssigner {
  return (port, added, changed) => assignStories(port, added, changed, options);
}
