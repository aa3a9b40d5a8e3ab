import { describe, expect, it } from 'vitest';
import { parsePersonString } from '../../../src/parse/formats/people.js';

describe('parsePersonString', () => {
  it.each([
    ['jo@example.com (Jo Writer)', { email: 'jo@example.com', name: 'Jo Writer' }],
    ['Jo Writer (jo@example.com)', { email: 'jo@example.com', name: 'Jo Writer' }],
    ['Jo Writer <jo@example.com>', { email: 'jo@example.com', name: 'Jo Writer' }],
    ['jo@example.com', { email: 'jo@example.com' }],
    ['Jo Writer', { name: 'Jo Writer' }],
    ['  ', undefined],
  ])('%j', (raw, person) => {
    expect(parsePersonString(raw)).toEqual(person);
  });
});
