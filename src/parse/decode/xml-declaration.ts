const DECLARED_ENCODING = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']\s*([^"'\s>]*)\s*["']/;

/** The encoding named in an `<?xml ... encoding="..."?>` declaration at the start of `head`, lower-cased. */
export function readDeclaredEncoding(head: string): string | undefined {
  const match = DECLARED_ENCODING.exec(head);
  const name = match?.[1]?.toLowerCase();
  return name ? name : undefined;
}
