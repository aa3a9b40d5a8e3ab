import type { PairEvidence, PairVerdict } from './compare.js';
import { conflicts, THRESHOLDS } from './compare.js';
import { isBareNumber } from './tokens.js';

const two = (n: number) => n.toFixed(2);

function measures(e: PairEvidence): string {
  const parts = [
    `headline coverage ${two(e.titleCoverage)} (weaker way ${two(e.titleCoverageMin)})`,
    `shared names: ${e.sharedNames.length > 0 ? e.sharedNames.join(', ') : 'none'}`,
    `shared text: ${e.sharedShingles} shingles (containment ${two(e.textContainment)})`,
  ];
  return parts.join('; ');
}

function whyNot(e: PairEvidence): string[] {
  if (e.column) return ['a recurring column (roundup, digest, or a headline its source repeats) joins stories by URL only'];
  if (e.sameSource) return [`same source, and not a repost (needs text containment ≥ ${THRESHOLDS.repost.containment} and title similarity ≥ ${THRESHOLDS.repost.dice})`];
  const reasons: string[] = [];
  if (conflicts(e)) {
    if (e.unmatchedVersions.length > 0) reasons.push(`a version only one of them mentions: ${e.unmatchedVersions.join(', ')}`);
    const [left, right] = e.unmatchedNames;
    if (left.length > 0 && right.length > 0) reasons.push(`conflicting names: ${left.join(', ')} | ${right.join(', ')}`);
    return reasons;
  }
  const { shingles, containment } = THRESHOLDS.sharedText;
  reasons.push(`too little shared text (needs ${shingles} shingles and containment ${containment})`);
  const { coverage, coverageMin } = THRESHOLDS.sameHeadline;
  if (!e.sharedNames.some((n) => !isBareNumber(n))) reasons.push('no shared name in the headlines');
  else reasons.push(`headlines too different (needs coverage ${coverage} and ${coverageMin} the weaker way)`);
  return reasons;
}

/** A verdict in words, for `feedloom explain`: the rule that matched and its measures, or why none did. */
export function describeVerdict(verdict: PairVerdict): string {
  const e = verdict.evidence;
  if (verdict.rule === 'same-url') return 'same story: the same canonical URL';
  if (verdict.rule !== undefined) return `same story by rule ${verdict.rule} (score ${two(verdict.score)}): ${measures(e)}`;
  return `not the same story: ${whyNot(e).join('; ')} — ${measures(e)}`;
}
