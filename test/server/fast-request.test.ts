import { describe, expect, it } from 'vitest';
import { couldBeGetOrHead, parseRequestHead, RequestHeads } from '../../src/server/fast-request.js';

const head = (...lines: string[]) => lines.join('\r\n');

describe('parseRequestHead', () => {
  it.each([
    ['a plain GET', head('GET /feeds/a.atom HTTP/1.1', 'Host: x'), { method: 'GET', target: '/feeds/a.atom', http11: true, keepAlive: true }],
    ['HEAD', head('HEAD / HTTP/1.1', 'Host: x'), { method: 'HEAD', target: '/' }],
    ['names in any case, values without leading OWS', head('GET / HTTP/1.1', 'hOsT: x', 'ACCEPT-ENCODING:\t gzip, br', 'If-None-Match:  "abc"', 'If-Modified-Since: Sat, 28 Nov 2026 10:15:00 GMT'),
      { acceptEncoding: 'gzip, br', ifNoneMatch: '"abc"', ifModifiedSince: 'Sat, 28 Nov 2026 10:15:00 GMT' }],
    ['Connection: close', head('GET / HTTP/1.1', 'Host: x', 'Connection: Close'), { keepAlive: false }],
    ['HTTP/1.0 without Host', head('GET / HTTP/1.0'), { http11: false, keepAlive: false }],
    ['HTTP/1.0 keep-alive', head('GET / HTTP/1.0', 'Connection: Keep-Alive'), { http11: false, keepAlive: true }],
    ['Content-Length: 0', head('GET / HTTP/1.1', 'Host: x', 'Content-Length: 0'), { target: '/' }],
    ['headers it does not read, even twice', head('GET / HTTP/1.1', 'Host: x', 'Cookie: a', 'Cookie: b', 'User-Agent: wrk'), { target: '/' }],
    ['a query and percent-encoding kept as sent', head('GET /a%20b?x=1 HTTP/1.1', 'Host: x'), { target: '/a%20b?x=1' }],
  ])('reads %s', (_, text, expected) => {
    expect(parseRequestHead(text)).toMatchObject(expected);
  });

  it.each([
    ['POST', head('POST / HTTP/1.1', 'Host: x')],
    ['a lower-case method', head('get / HTTP/1.1', 'Host: x')],
    ['HTTP/2.0', head('GET / HTTP/2.0', 'Host: x')],
    ['HTTP/1.1 without Host', head('GET / HTTP/1.1')],
    ['two Hosts', head('GET / HTTP/1.1', 'Host: x', 'Host: y')],
    ['an absolute-form target', head('GET http://x/ HTTP/1.1', 'Host: x')],
    ['an asterisk target', head('GET * HTTP/1.1', 'Host: x')],
    ['a space in the target', head('GET /a b HTTP/1.1', 'Host: x')],
    ['a non-ASCII target', head('GET /\u00e9 HTTP/1.1', 'Host: x')],
    ['two spaces after the method', head('GET  / HTTP/1.1', 'Host: x')],
    ['two Accept-Encoding lines', head('GET / HTTP/1.1', 'Host: x', 'Accept-Encoding: gzip', 'Accept-Encoding: br')],
    ['two If-None-Match lines', head('GET / HTTP/1.1', 'Host: x', 'If-None-Match: "a"', 'If-None-Match: "b"')],
    ['a body length', head('GET / HTTP/1.1', 'Host: x', 'Content-Length: 5')],
    ['Transfer-Encoding', head('GET / HTTP/1.1', 'Host: x', 'Transfer-Encoding: chunked')],
    ['Upgrade', head('GET / HTTP/1.1', 'Host: x', 'Connection: Upgrade', 'Upgrade: websocket')],
    ['Expect', head('GET / HTTP/1.1', 'Host: x', 'Expect: 100-continue')],
    ['TE', head('GET / HTTP/1.0', 'TE: chunked')],
    ['Connection with several tokens', head('GET / HTTP/1.1', 'Host: x', 'Connection: keep-alive, close')],
    ['a space before the colon', head('GET / HTTP/1.1', 'Host : x')],
    ['an obsolete line fold', head('GET / HTTP/1.1', 'Host: x', 'Accept-Encoding: gzip,', ' br')],
    ['trailing whitespace in a value', head('GET / HTTP/1.1', 'Host: x', 'If-None-Match: "a" ')],
    ['a bare LF', 'GET / HTTP/1.1\nHost: x'],
    ['a bare CR', head('GET / HTTP/1.1', 'Host: x\rAccept-Encoding: gzip')],
    ['a control character in a value', head('GET / HTTP/1.1', 'Host: x', 'X-A: a\x00b')],
    ['a line without a colon', head('GET / HTTP/1.1', 'Host: x', 'nonsense')],
    ['too many lines', head('GET / HTTP/1.1', 'Host: x', ...Array.from({ length: 70 }, (_, i) => `X-${i}: ${i}`))],
  ])('leaves %s to node:http', (_, text) => {
    expect(parseRequestHead(text)).toBeUndefined();
  });
});

describe('couldBeGetOrHead', () => {
  it.each([
    ['G', true], ['GE', true], ['GET /', true], ['HEA', true], ['HEAD /x', true],
    ['P', false], ['GET *', false], ['HEADER', false], ['\r\n', false], ['\x16\x03\x01', false],
  ])('%j: %s', (text, expected) => {
    expect(couldBeGetOrHead(Buffer.from(`xx${text}`, 'latin1'), 2)).toBe(expected);
  });
});

describe('RequestHeads', () => {
  it('reads a head once and answers the same text from memory, refusals too', () => {
    const heads = new RequestHeads();
    const text = head('GET /feeds/a.atom HTTP/1.1', 'Host: x', 'Accept-Encoding: gzip');
    const first = heads.read(text);
    expect(first).toEqual(parseRequestHead(text));
    expect(heads.read(text)).toBe(first);
    expect(heads.read(head('POST / HTTP/1.1', 'Host: x'))).toBeUndefined();
    expect(heads.read(head('POST / HTTP/1.1', 'Host: x'))).toBeUndefined();
    // Past its 256 heads it starts again, still right.
    for (let i = 0; i < 300; i += 1) expect(heads.read(head(`GET /${i} HTTP/1.1`, 'Host: x'))?.target).toBe(`/${i}`);
    expect(heads.read(text)).toEqual(first);
  });
});
