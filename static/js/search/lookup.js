// Lookup: the indexed words a query word stands for.
import { MAX_EXPANSIONS, MIN_PREFIX, MIN_TYPO } from "./rules.js";
import { prefixWithin1, runes, within1 } from "./words.js";
import { toUTF8, utf8 } from "./decode.js";
import { reverse } from "./index.js";

// Kinds of match, the index of their weight in WEIGHTS.
const EXACT = 0, PREFIX = 1, TYPO = 2, PREFIX_TYPO = 3, STEM = 4;

// before reports whether a sorts before b in code point order, which
// is the byte order of UTF-8, the order of the index.
function before(a, b) {
  for (let i = 0, n = Math.min(a.length, b.length); i < n; i++) {
    let x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) { x = x >= 0xe000 ? x - 0x800 : x + 0x2000; y = y >= 0xe000 ? y - 0x800 : y + 0x2000; }
    return x < y;
  }
  return a.length < b.length;
}

function lowerBound(a, x) {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (before(a[m], x)) lo = m + 1; else hi = m;
  }
  return lo;
}

function match(f, i, kind) { return { word: f.words[i], kind, df: f.df[i], bit: f.bit[i], f, i }; }

// lookup returns the matches in index ix of the folded query word w: the
// word itself, then the commonest words it starts or is a typo of.
export async function lookup(ix, w) {
  const key = toUTF8.encode(w), f = await ix.forward(key), out = [];
  let i = lowerBound(f.words, w), more = [];
  const fam = f.words[i] === w ? f.fam[i] : 0;
  if (f.words[i] === w) {
    out.push(match(f, i, EXACT));
    const stems = [];
    f.fam.forEach((n, j) => { if (fam && n === fam && j !== i) stems.push(match(f, j, STEM)); });
    out.push(...mostFrequent(stems));
    i++;
  }
  if (runes(w).length >= MIN_PREFIX) {
    for (; i < f.words.length && f.words[i].startsWith(w); i++) if (!fam || f.fam[i] !== fam) more.push(match(f, i, PREFIX));
  }
  if (!out.length && !more.length && runes(w).length >= MIN_TYPO) more = await typos(ix, w, key, f);
  return out.concat(mostFrequent(more));
}

// mostFrequent returns the MAX_EXPANSIONS most frequent of matches ms,
// most frequent first, then in word order.
function mostFrequent(ms) {
  ms.sort((a, b) => b.df - a.df || (before(a.word, b.word) ? -1 : 1));
  return ms.slice(0, MAX_EXPANSIONS);
}

// typos returns the words one typo from w: in its forward shard f those
// whose first letters are right, in its reversed shard those whose last
// letters are; or else the words that start one typo from it.
async function typos(ix, w, key, f) {
  const q = runes(w), out = [];
  for (let i = 0; i < f.words.length; i++) if (within1(q, runes(f.words[i]))) out.push(match(f, i, TYPO));
  const back = await ix.reversed(key);
  const more = back.map((b) => utf8.decode(reverse(b))).filter((word) =>
    within1(q, runes(word)) && !out.some((m) => m.word === word));
  const shards = await Promise.all(more.map((word) => ix.forward(toUTF8.encode(word))));
  shards.forEach((g, j) => {
    const k = lowerBound(g.words, more[j]);
    if (g.words[k] === more[j]) out.push(match(g, k, TYPO));
  });
  if (out.length) return out;
  for (let i = 0; i < f.words.length; i++) if (prefixWithin1(q, runes(f.words[i]))) out.push(match(f, i, PREFIX_TYPO));
  return out;
}
