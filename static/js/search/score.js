// Scoring: the terms of a query's words, how much of their postings has
// been read, and the documents ranked by what is known of their scores.
import { BONUS, TIER0, TIER_GROWTH, TITLE_LEVELS, WEIGHTS } from "./rules.js";
import { readChunk, readTail } from "./decode.js";

// MAX_TIERS bounds the tiers of a common word read for a page of results.
const MAX_TIERS = 6;

function idf(ix, df) { return Math.log(1 + (ix.root.docs - df + 0.5) / (df + 0.5)); }

// A term is an indexed word a query word stands for (a match m of
// lookup, one of ms) and how much of its postings, highest level first,
// has been read. An expansion has the idf of the commonest of ms, never
// more than the word as typed.
export function openTerm(ix, m, ms) {
  const e = m.f.tiers[m.i];
  if (!e.first) e.first = readChunk(e.chunk);
  const df = m.kind === 0 ? m.df : Math.max.apply(null, ms.map((o) => o.df));
  return { m, weight: WEIGHTS[m.kind] * idf(ix, df), bit: m.bit, tails: e.tails, read: 0, first: e.first };
}

// value is what a posting of term t at level lvl adds to a document's
// score: a bonus for the word, more when as typed, then the weight times
// the level. It grows with the level.
function value(t, lvl) {
  let v = BONUS.match;
  if (t.m.kind === 0) v += BONUS.exact;
  return v + t.weight * lvl;
}

export function termDone(t) { return t.read >= t.tails.length; }

// termBound is the most a document not yet seen in t's postings can score.
function termBound(t) { return termDone(t) ? 0 : value(t, t.tails[t.read].level); }

// addPostings adds postings of term t to what word has seen: the most a
// document's postings add, that posting's level, and the documents that
// hold one of the word's terms in their title.
export function addPostings(word, t, posts) {
  for (let i = 0; i < posts.length; i += 2) {
    const s = value(t, posts[i + 1]), had = word.seen.get(posts[i]);
    if (posts[i + 1] > TITLE_LEVELS) word.title.add(posts[i]);
    if (had === undefined || s > had) { word.seen.set(posts[i], s); word.level.set(posts[i], posts[i + 1]); }
  }
}

// partsOf returns what breaks a tie between candidate d's score and
// another's, from the words of ws it holds: whether its title holds them
// all, how many it holds as typed, and their levels summed.
export function partsOf(ws, d, titleAll) {
  let exact = 0, levels = 0;
  for (const w of ws) {
    const s = w.seen.get(d);
    if (s === undefined) continue;
    if (s >= BONUS.match + BONUS.exact) exact++;
    levels += w.level.get(d);
  }
  return { titleAll: titleAll ? 1 : 0, exact, levels };
}

// byRank orders candidates best first: by score, then by the parts of
// the score, then newest first.
export function byRank(a, b) {
  return b.score - a.score || b.titleAll - a.titleAll || b.exact - a.exact || b.levels - a.levels || b.doc - a.doc;
}

// readTails reads the tiers of term t of word up to upto: from their
// files, or from the shard that holds them.
export async function readTails(ix, word, t, upto) {
  const tails = t.tails.slice(t.read, upto);
  const got = await Promise.all(tails.map((tl) => tl.chunk ? readChunk(tl.chunk) : ix.file(tl.hash, readTail)));
  got.forEach((posts) => addPostings(word, t, posts));
  t.read += tails.length;
}

function wordBound(word) { return Math.max.apply(null, word.terms.map(termBound)); }

export function wordDone(word) { return word.terms.every(termDone); }

// share estimates the part of all documents that hold one of word's terms.
export function share(ix, word) {
  return 1 - word.terms.reduce((p, t) => p * (1 - t.m.df / ix.root.docs), 1);
}

// tiersFor returns how many tiers of a common word to read when about
// n of its postings are needed: at least two, and half as many again.
export function tiersFor(n) {
  let t = 1, size = TIER0, sum = TIER0;
  while (sum < 1.5 * n && t < MAX_TIERS) { size *= TIER_GROWTH; sum += size; t++; }
  return Math.max(t, 2);
}

// setDocs lists the documents of a set, newest first.
export function setDocs(has) {
  const out = [];
  for (let d = has.length - 1; d >= 0; d--) if (has[d]) out.push(d);
  return out;
}

// candidates returns the documents that may hold every word of ws and
// pass the filter sets, and whether all of them are known (sources).
function candidates(ws, filt) {
  const sources = [];
  ws.forEach((w) => { if (wordDone(w)) sources.push({ size: w.seen.size, has: (d) => w.seen.has(d), each: w.seen }); });
  filt.sets.forEach((s) => sources.push({ size: s.count, has: (d) => s.has[d] === 1, set: s.has }));
  const docs = new Set();
  if (sources.length) {
    sources.sort((a, b) => a.size - b.size);
    const s0 = sources[0];
    const each = s0.each ? s0.each.keys() : setDocs(s0.set);
    for (const d of each) if (sources.every((s) => s.has(d))) docs.add(d);
  } else {
    ws.forEach((w) => { for (const d of w.seen.keys()) docs.add(d); });
  }
  return { docs, known: sources.length > 0 };
}

// rank orders the candidates: documents that may hold every word and
// pass the filters, by score, where an unknown part counts half its
// bound. It says whether the first k are certain and how many match.
export function rank(ix, ws, filt, k) {
  const { docs, known } = candidates(ws, filt);
  const open = ws.filter((w) => !wordDone(w));
  const bounds = open.map(wordBound), cands = [];
  let maxPartial = 0;
  for (const d of docs) {
    let lb = 0, est = 0, ub = 0;
    const unknown = [];
    for (const w of ws) {
      const s = w.seen.get(d);
      if (s !== undefined) lb += s;
      else if (!wordDone(w)) { unknown.push(w); const b = bounds[open.indexOf(w)]; ub += b; est += b / 2; }
    }
    // A bonus when the title holds every word.
    const titleAll = ws.every((w) => w.title.has(d) || unknown.includes(w));
    if (titleAll) {
      if (unknown.length) { ub += BONUS.title; est += BONUS.title / 2; } else lb += BONUS.title;
    }
    cands.push({ doc: d, score: lb + est, unknown, ...partsOf(ws, d, titleAll && !unknown.length) });
    if (unknown.length) maxPartial = Math.max(maxPartial, lb + ub);
  }
  cands.sort(byRank);
  const full = cands.filter((c) => !c.unknown.length);
  const unseen = known ? 0 : bounds.reduce((a, b) => a + b, BONUS.title);
  const certain = !open.length || full.length >= k && full[k - 1].score >= Math.max(maxPartial, unseen);
  let count = known ? docs.size : ix.root.docs, exact = !open.length && !filt.cards.length;
  open.forEach((w) => { count *= share(ix, w); });
  if (ws.length === 1 && ws[0].terms.length === 1 && !filt.sets.length) { count = ws[0].terms[0].m.df; exact = !filt.cards.length; }
  return { cands, certain, count: count * filt.share, exact, complete: known };
}
