import type { ParsedPerson } from '../../model/index.js';
import { resolveUrl } from '../url.js';
import { childElements, type XmlElement } from '../xml/index.js';
import { trimmedText } from './text.js';

// feedparser's e-mail pattern, so "Name (email)", "email (Name)" and "Name <email>" split the same way.
const EMAIL =
  /(([a-zA-Z0-9_.+-]+)@(([[][0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}[.])|(([a-zA-Z0-9-]+[.])+))([a-zA-Z]{2,4}|[0-9]{1,3})([\]]?))(\?subject=\S+)?/;

/** Split an RSS person string ("jo@example.com (Jo)", "Jo <jo@example.com>", "Jo") into name and e-mail. */
export function parsePersonString(raw: string): ParsedPerson | undefined {
  let name = raw.trim();
  if (!name) return undefined;
  const person: ParsedPerson = {};
  const match = EMAIL.exec(name);
  if (match) {
    const email = match[0];
    person.email = email;
    name = name.replace(email, '').replace('()', '').replace('<>', '').replace('&lt;&gt;', '').trim();
    if (name.startsWith('(')) name = name.slice(1);
    if (name.endsWith(')')) name = name.slice(0, -1);
    name = name.trim();
  }
  if (name) person.name = name;
  return person.name !== undefined || person.email !== undefined ? person : undefined;
}

/** An RSS-style person element (author, managingEditor, dc:creator, itunes:author). */
export function rssPerson(el: XmlElement): ParsedPerson | undefined {
  return parsePersonString(trimmedText(el));
}

/** An Atom person construct: name, email, uri (Atom 0.3: url); the URI resolved against xml:base. */
export function atomPerson(el: XmlElement): ParsedPerson | undefined {
  const person: ParsedPerson = {};
  for (const child of childElements(el)) {
    const value = trimmedText(child);
    if (!value) continue;
    const local = child.local.toLowerCase();
    if (local === 'name') person.name = value;
    else if (local === 'email') person.email = value;
    else if (local === 'uri' || local === 'url' || local === 'homepage') person.url = resolveUrl(value, child.base);
  }
  if (person.name === undefined && person.email === undefined && person.url === undefined) {
    // Sloppy feeds write <author>Name</author> in Atom too.
    return parsePersonString(trimmedText(el));
  }
  return person;
}
