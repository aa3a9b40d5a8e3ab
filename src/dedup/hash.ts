/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of `text`, finalised by `mix32`: a fast, stable 32-bit string hash. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** `count` fixed 32-bit seeds from a SplitMix32 stream started at `start`: the same on every run and machine. */
export function seeds(count: number, start: number): Uint32Array {
  const out = new Uint32Array(count);
  let state = start >>> 0;
  for (let i = 0; i < count; i += 1) {
    state = (state + 0x9e3779b9) >>> 0;
    out[i] = mix32(state);
  }
  return out;
}
