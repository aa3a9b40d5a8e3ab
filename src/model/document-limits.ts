/** The caps on one fetched document (config `limits`): what is over them is cut, with a warning, or refused. */
export interface DocumentLimits {
  /** Most items kept from one document; the newest are kept. */
  maxItems: number;
  /** Most characters (UTF-16 code units) of a title; a longer one is cut at a word (else character) boundary. */
  maxTitleChars: number;
  /** Most UTF-8 bytes of an item's sanitised summary and of its content (each), and of its plain text; cut well-formed. */
  maxContentBytes: number;
  /** Deepest nesting of a document's elements (or a JSON Feed's arrays and objects); deeper fails with TOO_COMPLEX. */
  maxDepth: number;
}

/** The defaults of `limits` in feeds.config.json. */
export const DEFAULT_DOCUMENT_LIMITS: Readonly<DocumentLimits> = {
  maxItems: 5_000,
  maxTitleChars: 1_000,
  maxContentBytes: 512 * 1024,
  maxDepth: 256,
};

/** The name of one cap, as written in the config (`limits.<name>`). */
export type DocumentCap = keyof DocumentLimits;

/** Every warning about a cap starts so: `limits.maxItems: …`. */
const CAP_PREFIX = /^limits\.(maxItems|maxTitleChars|maxContentBytes|maxDepth): /;

/** A warning that something was cut to fit a cap, naming the cap as `limits.<name>: …`. */
export function capWarning(cap: DocumentCap, message: string): string {
  return `limits.${cap}: ${message}`;
}

/** The cap a warning names, when it is one of capWarning's (a document was cut to fit); otherwise undefined. */
export function cappedBy(warning: string): DocumentCap | undefined {
  return CAP_PREFIX.exec(warning)?.[1] as DocumentCap | undefined;
}
