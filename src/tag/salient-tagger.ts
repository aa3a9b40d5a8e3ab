import type { VendorConfig } from '../config/index.js';
import type { VendorMention } from '../model/index.js';
import { bodyOf, isRecurringColumn } from '../normalise/item-text.js';
import { compileVendorMatcher } from './vendor-matcher.js';
import type { TagInput, VendorMatcherOptions } from './vendor-matcher.js';

/** How many words open the lead: a vendor named there is the lead's subject ("Broadcom will raise …"). */
const LEAD_OPENING_WORDS = 6;
/** The lead is the body's first sentence, or at most this many characters of it. */
const MAX_LEAD_CHARS = 400;

/** The lead: the body's first sentence (capped). */
function leadOf(body: string): string {
  const end = /[.!?]["”’)]?\s+(?=["“(]?[A-Z0-9])/.exec(body.slice(0, MAX_LEAD_CHARS));
  return end ? body.slice(0, end.index + 1) : body.slice(0, MAX_LEAD_CHARS);
}

/**
 * Tag every vendor an item names, and mark the ones it is *about* (`role: 'about'`); the others are passing
 * mentions (`role: 'mention'`). An article names vendors in passing ("…alongside Microsoft and Google",
 * "Microsoft says…", "a former Google Cloud executive"); an editor would not file it under them, but a search or
 * an "anything that mentions Broadcom" feed wants them. The rule for *about*, in order:
 * - a roundup, digest or recap (by its headline) is about everything it lists: every vendor named;
 * - when the headline names vendors, those, plus any the lead opens with (its subject: "Broadcom will
 *   raise VMware prices …");
 * - when the headline names none, the vendors its lead sentence names.
 * Matching itself (whole words, case rules, negative contexts) is the matcher's.
 */
export function compileVendorTagger(vendors: readonly VendorConfig[], options: VendorMatcherOptions = {}): { match(input: TagInput): VendorMention[] } {
  const matcher = compileVendorMatcher(vendors, options);
  const about = (input: TagInput): Set<string> => {
    const lead = leadOf(bodyOf(input));
    const inTitle = matcher.match({ title: input.title, text: '' });
    const fromLead = matcher.match({
      title: '',
      text: inTitle.length > 0 ? lead.split(/\s+/).slice(0, LEAD_OPENING_WORDS).join(' ') : lead,
    });
    return new Set([...inTitle, ...fromLead].map((m) => m.vendorId));
  };
  return {
    match(input) {
      const named = matcher.match(input);
      const subjects = isRecurringColumn(input.title) ? new Set(named.map((m) => m.vendorId)) : about(input);
      return named.map((m) => (subjects.has(m.vendorId) ? { ...m, role: 'about' } : m));
    },
  };
}
