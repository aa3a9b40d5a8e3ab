/** One hop of a redirect chain. */
export interface RedirectHop {
  from: string;
  to: string;
  status: number;
}

/** What the fetch stage hands to parse: the decoded (decompressed) body and the response metadata. */
export interface FetchResult {
  /** The URL that was asked for. */
  url: string;
  /** The URL the body came from, after redirects. */
  finalUrl: string;
  /** 200-class status, or 304. */
  status: number;
  notModified: boolean;
  /** Response headers, names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  contentType: string | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
  /** The body after content-decoding (gzip/deflate/br); empty on 304. */
  body: Buffer;
  /** Bytes received on the wire (before content-decoding). */
  wireBytes: number;
  durationMs: number;
  redirects: RedirectHop[];
  /** Set when every hop was permanent (301/308): where the source now lives. */
  permanentRedirect: string | undefined;
}
