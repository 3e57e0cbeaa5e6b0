// Decoding the files of the search index (their format is described in
// cmd/internal/search): each reader takes a file's bytes and returns what
// the engine needs of it.
import { HASH_BYTES, KINDS, SEVERITIES, SHARDS_PER_BLOCK, VERSION } from "./rules.js";

export const utf8 = new TextDecoder();
export const toUTF8 = new TextEncoder();
const NONE = new Uint8Array(0);

// A Dec reads the bytes b of a file of the given kind, or, without a
// kind, bytes with no header.
class Dec {
  constructor(b, kind) {
    this.b = b;
    this.i = 0;
    if (kind === undefined) return;
    if (b[0] !== kind.charCodeAt(0) || b[1] !== VERSION) throw new Error("search index: not a " + kind + " file");
    this.i = 2;
  }
  num() {
    let x = 0, m = 1, c;
    do { c = this.b[this.i++]; x += (c & 127) * m; m *= 128; } while (c & 128);
    return x;
  }
  byte() { return this.b[this.i++]; }
  bytes(n) { this.i += n; return this.b.subarray(this.i - n, this.i); }
  str() { return utf8.decode(this.bytes(this.num())); }
  hash() {
    let s = "";
    for (const c of this.bytes(HASH_BYTES)) s += (c < 16 ? "0" : "") + c.toString(16);
    return s;
  }
  // front reads a word that shares its first bytes with prev.
  front(prev) {
    const n = this.num(), rest = this.bytes(this.num()), out = new Uint8Array(n + rest.length);
    out.set(prev.subarray(0, n));
    out.set(rest, n);
    return out;
  }
}

export function readRoot(b) {
  const d = new Dec(b, KINDS.root), r = { docs: d.num(), perFile: d.num(), perBlock: d.num(), blocks: [] };
  for (let n = d.num(); n > 0; n--) r.blocks.push(d.hash());
  r.bits = d.num();
  r.prefix = d.str();
  r.filters = d.hash();
  r.fwd = shards(d);
  r.rev = shards(d);
  return r;
}

// shards reads a root's list of shards: the hashes of their blocks, then
// each shard's separator; a shard's file is named by its block and place.
function shards(d) {
  const blocks = [], out = [];
  for (let n = d.num(); n > 0; n--) blocks.push(d.hash());
  let prev = NONE;
  for (let n = d.num(), i = 0; i < n; i++) {
    prev = d.front(prev);
    out.push({ sep: prev, name: blocks[Math.floor(i / SHARDS_PER_BLOCK)] + "-" + i + ".bin" });
  }
  return out;
}

export function readForward(b) {
  const d = new Dec(b, KINDS.forward), f = { words: [], df: [], bit: [], fam: [], tiers: [] };
  let prev = "", ascii = true;
  for (let w = d.num(); w > 0; w--) {
    const n = d.num(), rest = d.bytes(d.num());
    ascii = ascii && rest.every((c) => c < 128);
    prev = ascii ? prev.slice(0, n) + String.fromCharCode.apply(null, rest) : utf8.decode(toUTF8.encode(prev).subarray(0, n)) + utf8.decode(rest);
    f.words.push(prev);
    f.df.push(d.num());
    f.bit.push(d.num() - 1);
    f.fam.push(d.num());
  }
  for (let w = 0; w < f.words.length; w++) {
    const tiers = d.num(), e = { chunk: d.bytes(d.num()), tails: [] };
    // The second tier of a word with a dense bit is in the shard.
    for (let t = 1; t < tiers; t++) {
      if (t === 1 && f.bit[w] >= 0) e.tails.push({ chunk: d.bytes(d.num()), level: d.byte() });
      else e.tails.push({ hash: d.hash(), level: d.byte() });
    }
    f.tiers.push(e);
  }
  return f;
}

export function readReversed(b) {
  const d = new Dec(b, KINDS.reversed), out = [];
  let prev = NONE;
  for (let n = d.num(); n > 0; n--) { prev = d.front(prev); out.push(prev); }
  return out;
}

export function readTail(b) { return postings(new Dec(b, KINDS.tail)); }

// readChunk returns the postings of a tier that a forward shard holds,
// as [document, level, document, level, ...].
export function readChunk(b) { return postings(new Dec(b)); }

function postings(d) {
  const out = [];
  for (let runs = d.num(); runs > 0; runs--) {
    const level = d.num();
    let n = d.num(), doc = d.num();
    out.push(doc, level);
    while (--n > 0) { doc -= d.num(); out.push(doc, level); }
  }
  return out;
}

// cardsReader returns the reader of the cards files of the index whose
// root is root.
export function cardsReader(root) {
  const nb = (root.bits + 7) >> 3;
  return function readCards(b) {
    const d = new Dec(b, KINDS.cards), out = [];
    for (let n = d.num(); n > 0; n--) {
      const c = { url: root.prefix + d.str(), title: d.str(), summary: d.str(), day: d.num(), severity: SEVERITIES[d.byte()] || "", tags: [] };
      for (let k = d.num(); k > 0; k--) c.tags.push(d.str());
      c.lessons = [];
      for (let k = d.num(), i = 1; i <= k; i++) c.lessons.push({ text: d.str(), anchor: d.str() || "lesson-" + i });
      c.bits = d.bytes(nb);
      out.push(c);
    }
    return out;
  };
}

export function readFilters(b) {
  const d = new Dec(b, KINDS.filters), f = { tags: new Map(), severities: {} };
  for (let n = d.num(); n > 0; n--) {
    const name = d.str();
    f.tags.set(name, filterRef(d));
  }
  for (let s = 1; s < SEVERITIES.length; s++) f.severities[SEVERITIES[s]] = filterRef(d);
  return f;
}

function filterRef(d) {
  const r = { count: d.num() };
  if (d.byte() === 1) r.set = d.hash();
  return r;
}

// setReader returns the reader of the sets of the index whose root is
// root: each returns a set of documents as a byte a document.
export function setReader(root) {
  return function readSet(b) {
    const d = new Dec(b, KINDS.set), has = new Uint8Array(root.docs);
    if (d.byte() === 0) {
      let doc = 0;
      for (let n = d.num(), i = 0; i < n; i++) { doc += d.num(); has[doc] = 1; }
    } else {
      const bits = d.num(), m = d.bytes((bits + 7) >> 3);
      for (let k = 0; k < bits; k++) if (m[k >> 3] & (1 << (k & 7))) has[k] = 1;
    }
    return has;
  };
}
