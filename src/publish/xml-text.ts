// Characters XML 1.0 forbids (C0 controls except tab/LF/CR, U+FFFE/U+FFFF, lone surrogates).
const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Remove every character XML 1.0 cannot carry (also unwelcome in HTML), so output is always well-formed. */
export function stripInvalidChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Escaped so attribute-value normalisation does not turn them into spaces.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escape text for an XML attribute value or element content (invalid characters removed). */
export function escapeXml(text: string): string {
  return stripInvalidChars(text).replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

/**
 * Make HTML safe to wrap in a CDATA section: `]]>` would end it early, and `]]&gt;` means the
 * same to an HTML reader (in text and in attribute values alike).
 */
export function cdataSafeHtml(html: string): string {
  return stripInvalidChars(html).replace(/]]>/g, ']]&gt;');
}
