// The engine: given the index's folder and its root file, it finds
// stories. It runs in a worker when the browser allows one, else on the
// page.
import { MAX_WORDS, PARTIAL_BELOW, TIER0 } from "./rules.js";
import { words } from "./words.js";
import { Index } from "./index.js";
import { lookup } from "./lookup.js";
import { addPostings, byRank, openTerm, partsOf, rank, readTails, setDocs, share, termDone, tiersFor, wordDone } from "./score.js";

// EARLY is how many results are shown while the rest of a page loads.
export const EARLY = 5;

// filters returns the tag and severity filters: sets for the rarer,
// checks on cards for the commoner. A set's documents (has) are there
// once ready resolves: the postings its share calls for load meanwhile.
async function filters(ix, tag, sev) {
  const out = { sets: [], cards: [], share: 1, setShare: 1, none: false, ready: Promise.resolve() };
  if (!tag && !sev) return out;
  const f = await ix.filters(), want = [], loads = [];
  if (tag) want.push([f.tags.get(tag), (c) => c.tags.indexOf(tag) >= 0]);
  if (sev) want.push([f.severities[sev], (c) => c.severity === sev]);
  for (const [ref, test] of want) {
    if (!ref || !ref.count) { out.none = true; continue; }
    if (ref.set) {
      const set = { count: ref.count, has: null };
      loads.push(ix.set(ref.set).then((has) => { set.has = has; }));
      out.sets.push(set);
      out.setShare *= ref.count / ix.root.docs;
    } else { out.cards.push(test); out.share *= ref.count / ix.root.docs; }
  }
  out.ready = Promise.all(loads);
  out.ready.catch(() => {}); // awaited where the sets are needed
  return out;
}

// setTails starts reading, for a query filtered by sets, the postings
// that findAll would otherwise ask for once the sets had come: where the
// first tiers are unlikely to hold a page of the sets' stories, the tiers
// of each common term that the sets' share calls for, and every tier of
// a rarer one.
function setTails(ix, word, filt, limit) {
  if (!filt.sets.length || TIER0 * filt.setShare >= limit) return [];
  const tiers = tiersFor(limit / filt.setShare);
  return word.flatMap((w) => w.terms.map((t) => [t, t.bit < 0 ? t.tails.length : Math.min(tiers - 1, t.tails.length)])
    .filter(([t, upto]) => t.read < upto).map(([t, upto]) => readTails(ix, w, t, upto)));
}

// openWord looks up query word q and reads its terms' first postings,
// which its forward shard holds.
async function openWord(ix, q) {
  const ms = await lookup(ix, q);
  const w = { q, terms: ms.map((m) => openTerm(ix, m, ms)), seen: new Map(), level: new Map(), title: new Set() };
  w.terms.forEach((t) => addPostings(w, t, t.first));
  return w;
}

// find returns up to limit stories that match q and the filters, best
// first, and how many match in all (exactly, or about).
async function find(ix, q, tag, sev, limit, early) {
  const ws = words(q).filter((w, i, a) => a.indexOf(w) === i).slice(0, MAX_WORDS);
  if (!ws.length) {
    const filt = await filters(ix, tag, sev);
    await filt.ready;
    return browse(ix, filt, limit, early);
  }
  // The filters, and each word's terms with their first postings, at once;
  // then the filters' sets, and the postings they call for, at once.
  const [filt, ...word] = await Promise.all([filters(ix, tag, sev), ...ws.map((w) => openWord(ix, w))]);
  if (filt.none || word.every((w) => !w.terms.length)) return { count: 0, exact: true, results: [], terms: [] };
  await Promise.all([filt.ready, ...setTails(ix, word, filt, limit)]);
  const full = word.some((w) => !w.terms.length) ? { count: 0, exact: true, results: [], terms: termsOf(word) }
    : await findAll(ix, word, filt, limit, early);
  if (word.length < 2 || Math.max(full.count, full.results.length) >= PARTIAL_BELOW) return full;
  return withPartial(ix, word, filt, limit, full);
}

function termsOf(word) { return word.flatMap((w) => w.terms.map((t) => t.m.word)); }

// findAll returns up to limit stories that hold every word and pass the
// filters, best first, and how many do.
async function findAll(ix, word, filt, limit, early) {
  const need = Math.ceil(limit / filt.share);
  let tiers = tiersFor(limit / filt.setShare);
  for (;;) {
    // Read more postings while they could change the first results:
    // every tier of a rarer word, the first tiers of a common one.
    const r = rank(ix, word, filt, need), reads = [];
    if (!r.certain) {
      for (const w of word) {
        for (const t of w.terms) {
          const upto = t.bit < 0 ? t.tails.length : Math.min(tiers - 1, t.tails.length);
          if (t.read < upto) reads.push(readTails(ix, w, t, upto));
        }
      }
    }
    if (reads.length) { await Promise.all(reads); continue; }
    const res = await check(ix, r.cands, filt, limit, r, termsOf(word), early);
    if (res.results.length >= limit || word.every(wordDone)) return res;
    tiers++;
  }
}

// withPartial follows full, the few stories that hold every word, with
// those that hold some of them, most words first, marked partial: from
// every posting of the rarer words and the first tiers of the common.
async function withPartial(ix, word, filt, limit, full) {
  await Promise.all(word.flatMap((w) => w.terms.filter((t) => t.bit < 0 && !termDone(t))
    .map((t) => readTails(ix, w, t, t.tails.length))));
  const sum = new Map(), held = new Map();
  for (const w of word) {
    for (const [d, s] of w.seen) { sum.set(d, (sum.get(d) || 0) + s); held.set(d, (held.get(d) || 0) + 1); }
  }
  const cands = [];
  for (const [d, s] of sum) {
    if (held.get(d) < word.length && filt.sets.every((st) => st.has[d] === 1)) cands.push({ doc: d, score: s, unknown: [], ...partsOf(word, d, false) });
  }
  cands.sort(byRank);
  const n = limit - full.results.length;
  if (n <= 0 || !cands.length) return full;
  const r = { count: cands.length * filt.share, exact: !filt.cards.length, complete: true };
  const more = await check(ix, cands, filt, n, r, full.terms, null);
  more.results.forEach((x) => { x.partial = true; });
  return { count: full.count, exact: full.exact && more.exact, results: full.results.concat(more.results), terms: full.terms, partial: more.count };
}

// batchOf returns the candidates from i to check for the n results
// missing: as many as are missing, and as many again as may fail.
function batchOf(ix, cands, i, n, filt) {
  let fail = 0;
  cands.slice(i, i + n).forEach((c) => {
    const pass = c.unknown.reduce((p, w) => p * share(ix, w), filt.share);
    fail += pass < 1 ? (1 - pass) / Math.max(pass, 0.25) : 0;
  });
  return cands.slice(i, i + n + Math.ceil(fail));
}

// check fetches the cards of candidates in order and keeps those that
// hold the words not seen in their postings and pass the card filters.
// It calls early with the first EARLY results while it fetches the rest.
async function check(ix, cands, filt, limit, r, terms, early) {
  const out = [];
  let i = 0, undecided = false;
  const count = () => Math.max(Math.round(r.count), out.length);
  while (out.length < limit && i < cands.length) {
    const batch = batchOf(ix, cands, i, limit - out.length, filt);
    i += batch.length;
    // Every card of the batch at once, in the order they are shown: a
    // browser sends them in that order, so a cap on its connections holds
    // up the last, not the first.
    const cards = batch.map((c) => ix.card(c.doc));
    for (let k = 0; k < batch.length; k++) {
      const cd = await cards[k], ok = passes(batch[k], cd, filt);
      if (ok === undefined) undecided = true;
      if (!ok || out.length >= limit) continue;
      out.push({ doc: batch[k].doc, score: batch[k].score, card: cd });
      const waiting = batch.slice(k + 1).some((c) => !ix.ready.has(ix.cardFile(c.doc)));
      if (early && out.length === EARLY && limit > EARLY && waiting) early({ results: out.slice(), count: count(), exact: r.exact, terms });
    }
  }
  const all = i >= cands.length && r.complete && !undecided;
  return { results: out, count: all ? out.length : count(), exact: all || r.exact, terms };
}

function hasBit(c, b) { return b >= 0 && (c.bits[b >> 3] & (1 << (b & 7))) !== 0; }

// passes says whether a candidate's card shows it holds the words its
// postings did not (undefined when the card cannot tell) and passes the
// filters that cards check.
function passes(c, cd, filt) {
  if (!filt.cards.every((f) => f(cd))) return false;
  let ok = true;
  c.unknown.forEach((w) => {
    const open = w.terms.filter((t) => !termDone(t));
    if (open.some((t) => hasBit(cd, t.bit))) return;
    if (ok && open.some((t) => t.bit < 0)) ok = undefined;
    else ok = false;
  });
  return ok;
}

// browse lists the newest stories that pass the filters.
async function browse(ix, filt, limit, early) {
  if (!filt.sets.length && !filt.cards.length) return { count: 0, exact: true, results: [], terms: [], empty: true };
  let docs;
  if (filt.sets.length) {
    docs = setDocs(filt.sets[0].has).filter((d) => filt.sets.every((s) => s.has[d]));
  } else {
    docs = [];
    for (let d = ix.root.docs - 1; d >= 0; d--) docs.push(d);
  }
  const r = { complete: true, exact: !filt.cards.length, count: (filt.sets.length ? docs.length : ix.root.docs) * filt.share };
  return check(ix, docs.map((d) => ({ doc: d, score: 0, unknown: [] })), filt, limit, r, [], early);
}

// newEngine returns the engine of the index in the folder dir whose root
// file holds rootBytes: find(q, tag, sev, limit, early) returns a promise
// of the results, and calls early, if given, with the first few.
export function newEngine(dir, rootBytes) {
  const ix = new Index(dir, rootBytes);
  return {
    docs: ix.root.docs,
    find: (q, tag, sev, limit, early) => find(ix, q, tag, sev, limit, early),
  };
}
