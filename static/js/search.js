// The search page. It looks up the words of a query in the index that
// oops build writes (its files are described in cmd/internal/search),
// fetching only the few small files a query needs, and lists the stories
// that hold every word, best first, as the query is typed.
//
// The same file runs twice: on the page, where it shows the box and the
// results, and in a worker the page starts from it, where the engine
// fetches and reads the index, so that typing never waits for it.
"use strict";
(function () {
  // Query rules; the Go reader (cmd/internal/search) keeps the same.
  var MAX_WORDS = 8, MAX_EXPANSIONS = 8, MIN_PREFIX = 3, MIN_TYPO = 5, MAX_RUNES = 32;
  var WEIGHTS = [1, 0.8, 0.7, 0.5]; // exact, prefix, typo, prefix with a typo
  var TIER0 = 64, TIER_GROWTH = 4; // postings in a common word's first tier, and how the next grow
  var PAGE = 10; // results a page shows
  var EARLY = 5; // results shown while the rest of the page loads
  var SEVERITIES = ["", "low", "medium", "high", "critical"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  // ---- Words: folded the way cmd/internal/search folds them ----

  var SPECIAL = { "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l",
    "Ł": "l", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "ı": "i", "ς": "σ" };
  var SPECIAL_RE = /[ßæÆøØđĐłŁœŒþÞðıς]/g;
  var WORD_RE = /[\p{L}\p{Nd}\p{Mc}]+/gu;
  var IDEOGRAPH_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  function special(c) { return SPECIAL[c]; }
  function fold(s) {
    return s.normalize("NFKD").replace(/\p{Mn}/gu, "").replace(SPECIAL_RE, special)
      .toLowerCase().replace(SPECIAL_RE, special).normalize("NFC");
  }
  function runes(s) { return Array.from(s); }
  function words(s) {
    var out = [];
    (fold(s).match(WORD_RE) || []).forEach(function (w) {
      if (!IDEOGRAPH_RE.test(w)) { if (runes(w).length <= MAX_RUNES) out.push(w); return; }
      var cur = "";
      runes(w).forEach(function (c) {
        if (IDEOGRAPH_RE.test(c)) { if (cur) out.push(cur); out.push(c); cur = ""; } else cur += c;
      });
      if (cur && runes(cur).length <= MAX_RUNES) out.push(cur);
    });
    return out;
  }

  // within1 reports whether a and b (arrays of characters) are at most one
  // edit apart: a letter changed, left out, added, or two swapped.
  function within1(a, b) {
    if (a.length > b.length) { var t = a; a = b; b = t; }
    if (b.length - a.length > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (i === a.length) return true;
    if (a.length < b.length) return a.slice(i).join("") === b.slice(i + 1).join("");
    if (a.slice(i + 1).join("") === b.slice(i + 1).join("")) return true;
    return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2).join("") === b.slice(i + 2).join("");
  }
  function prefixWithin1(q, w) {
    if (w.length <= q.length) return false;
    for (var n = q.length - 1; n <= q.length + 1; n++) if (n >= 1 && n < w.length && within1(q, w.slice(0, n))) return true;
    return false;
  }

  // marks splits text into pieces, alternately plain and marked: the
  // marked ones are the words the query matched (terms, the indexed
  // words it stood for) or that start with one of its words (prefixes).
  function marks(text, terms, prefixes) {
    var ascii = /^[\x00-\x7f]*$/.test(text), at = 0, m, out = [];
    var re = ascii ? /[A-Za-z0-9]+/g : /[\p{L}\p{N}\p{M}]+/gu;
    while ((m = re.exec(text))) {
      var ws = ascii ? [m[0].toLowerCase()] : words(m[0]);
      var hit = ws.some(function (w) {
        return terms.has(w) || prefixes.some(function (p) { return w.startsWith(p); });
      });
      if (!hit) continue;
      out.push(text.slice(at, m.index), m[0]);
      at = m.index + m[0].length;
    }
    out.push(text.slice(at));
    return out;
  }

  // dateOf returns a card's day (days since 1970, plus 1; 0 for none) as
  // the page shows it.
  function dateOf(day) {
    if (!day) return null;
    var t = new Date((day - 1) * 864e5);
    return { iso: t.toISOString().slice(0, 10), text: t.getUTCDate() + " " + MONTHS[t.getUTCMonth()] + " " + t.getUTCFullYear() };
  }

  // view turns a result of find into what the page shows of it: the
  // card's fields, its date written out, and the words of query q marked.
  function view(res, q) {
    var terms = new Set(res.terms || []);
    var prefixes = words(q).filter(function (p) { return runes(p).length >= MIN_PREFIX; });
    return {
      count: res.count, exact: res.exact, empty: !!res.empty,
      results: res.results.map(function (r) {
        var c = r.card;
        return {
          doc: r.doc, score: r.score,
          card: { url: c.url, title: c.title, summary: c.summary, day: c.day, severity: c.severity, tags: c.tags },
          date: dateOf(c.day),
          marked: { title: marks(c.title, terms, prefixes), summary: marks(c.summary, terms, prefixes),
            tags: c.tags.map(function (t) { return marks(t, terms, prefixes); }) },
        };
      }),
    };
  }

  // answer runs a search on engine e and returns a promise of what the
  // page shows of it; it calls early, if given, with a part on the way.
  function answer(e, q, tag, sev, limit, early) {
    return e.find(q, tag, sev, limit, early && function (res) { early(view(res, q)); })
      .then(function (res) { return view(res, q); });
  }

  // ---- In a worker: the engine, answering the page's messages ----

  if (typeof document === "undefined") {
    var engine = null;
    self.onmessage = function (e) {
      var m = e.data;
      if (m.type === "init") {
        try { engine = newEngine(m.dir, new Uint8Array(m.root)); } catch (err) { self.postMessage({ type: "fail", message: err.message }); return; }
        self.postMessage({ type: "ready", docs: engine.docs });
        return;
      }
      var part = m.early ? function (v) { self.postMessage({ type: "part", id: m.id, res: v }); } : null;
      answer(engine, m.q, m.tag, m.sev, m.limit, part).then(function (v) {
        self.postMessage({ type: "done", id: m.id, res: v });
      }, function (err) {
        self.postMessage({ type: "fail", id: m.id, message: err.message });
      });
    };
    return;
  }
  // ---- The engine: given the index's folder and its root file, it finds
  // stories. It runs in a worker when the browser allows one, else here.

  function newEngine(dir, rootBytes) {
    // ---- Files ----

    var utf8 = new TextDecoder(), toUTF8 = new TextEncoder();
    var loaded = new Map(), ready = new Set();
    function load(name, read) {
      var p = loaded.get(name);
      if (!p) {
        p = fetch(dir + name).then(function (r) {
          if (!r.ok) throw new Error(name + ": " + r.status);
          return r.arrayBuffer();
        }).then(function (b) { ready.add(name); return read(new Uint8Array(b)); });
        loaded.set(name, p);
        p.catch(function () { loaded.delete(name); });
      }
      return p;
    }
    function file(hash, read) { return load(hash + ".bin", read); }

    function Dec(b, kind) {
      if (b[0] !== kind.charCodeAt(0) || b[1] !== 1) throw new Error("search index: not a " + kind + " file");
      this.b = b; this.i = 2;
    }
    Dec.prototype.num = function () {
      var x = 0, m = 1, c;
      do { c = this.b[this.i++]; x += (c & 127) * m; m *= 128; } while (c & 128);
      return x;
    };
    Dec.prototype.byte = function () { return this.b[this.i++]; };
    Dec.prototype.bytes = function (n) { this.i += n; return this.b.subarray(this.i - n, this.i); };
    Dec.prototype.str = function () { return utf8.decode(this.bytes(this.num())); };
    Dec.prototype.hash = function () {
      var s = "", h = this.bytes(6);
      for (var i = 0; i < 6; i++) s += (h[i] < 16 ? "0" : "") + h[i].toString(16);
      return s;
    };
    Dec.prototype.front = function (prev) {
      var n = this.num(), rest = this.bytes(this.num()), out = new Uint8Array(n + rest.length);
      out.set(prev.subarray(0, n)); out.set(rest, n);
      return out;
    };
    var NONE = new Uint8Array(0);

    function cmpBytes(a, b) {
      for (var i = 0, n = Math.min(a.length, b.length); i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
      return a.length - b.length;
    }
    function reverse(b) { return b.slice().reverse(); }

    function readRoot(b) {
      var d = new Dec(b, "R"), r = { docs: d.num(), perFile: d.num(), perBlock: d.num(), blocks: [] };
      for (var n = d.num(); n > 0; n--) r.blocks.push(d.hash());
      r.bits = d.num(); r.prefix = d.str(); r.filters = d.hash();
      r.fwd = shards(d); r.rev = shards(d);
      return r;
    }
    function shards(d) {
      var out = [], prev = NONE;
      for (var n = d.num(); n > 0; n--) { prev = d.front(prev); out.push({ sep: prev, hash: d.hash() }); }
      return out;
    }
    // shardOf returns the shard whose words key (UTF-8 bytes) would be among.
    function shardOf(list, key) {
      var lo = 0, hi = list.length;
      while (lo < hi) { var m = (lo + hi) >> 1; if (cmpBytes(list[m].sep, key) <= 0) lo = m + 1; else hi = m; }
      return list[Math.max(lo - 1, 0)].hash;
    }
    function readForward(b) {
      var d = new Dec(b, "F"), f = { packs: [], words: [], df: [], bit: [], pack: [], at: [] };
      for (var n = d.num(), i = 0; i < n; i++) {
        f.packs.push(d.hash());
        for (var k = d.num(), j = 0; j < k; j++) { f.pack.push(i); f.at.push(j); }
      }
      for (var w = 0, prev = "", ascii = true; w < f.pack.length; w++) {
        var n = d.num(), rest = d.bytes(d.num());
        ascii = ascii && rest.every(function (c) { return c < 128; });
        prev = ascii ? prev.slice(0, n) + String.fromCharCode.apply(null, rest) : utf8.decode(toUTF8.encode(prev).subarray(0, n)) + utf8.decode(rest);
        f.words.push(prev); f.df.push(d.num()); f.bit.push(d.num() - 1);
      }
      return f;
    }
    function readReversed(b) {
      var d = new Dec(b, "V"), out = [];
      for (var n = d.num(), prev = NONE; n > 0; n--) { prev = d.front(prev); out.push(prev); }
      return out;
    }
    function readPack(b) {
      var d = new Dec(b, "P"), out = [];
      for (var n = d.num(); n > 0; n--) {
        var tiers = d.num(), w = { chunk: d.bytes(d.num()), tails: [] };
        for (var t = 1; t < tiers; t++) w.tails.push({ hash: d.hash(), level: d.byte() });
        out.push(w);
      }
      return out;
    }
    function readTail(b) { new Dec(b, "T"); return readChunk(b.subarray(2)); }
    // readChunk returns postings as [document, level, document, level, ...].
    function readChunk(b) {
      var d = { b: b, i: 0, num: Dec.prototype.num }, out = [];
      for (var runs = d.num(); runs > 0; runs--) {
        var level = d.num(), n = d.num(), doc = d.num();
        out.push(doc, level);
        while (--n > 0) { doc -= d.num(); out.push(doc, level); }
      }
      return out;
    }
    function readCards(b) {
      var d = new Dec(b, "C"), out = [], nb = (root.bits + 7) >> 3;
      for (var n = d.num(); n > 0; n--) {
        var c = { url: root.prefix + d.str(), title: d.str(), summary: d.str(), day: d.num(), severity: SEVERITIES[d.byte()] || "", tags: [] };
        for (var k = d.num(); k > 0; k--) c.tags.push(d.str());
        c.bits = d.bytes(nb);
        out.push(c);
      }
      return out;
    }
    function readFilters(b) {
      var d = new Dec(b, "L"), f = { tags: new Map(), severities: {} };
      for (var n = d.num(); n > 0; n--) { var name = d.str(); f.tags.set(name, filterRef(d)); }
      for (var s = 1; s < SEVERITIES.length; s++) f.severities[SEVERITIES[s]] = filterRef(d);
      return f;
    }
    function filterRef(d) { var r = { count: d.num() }; if (d.byte() === 1) r.set = d.hash(); return r; }
    // readSet returns a set of documents as a byte a document.
    function readSet(b) {
      var d = new Dec(b, "S"), has = new Uint8Array(root.docs), doc = 0;
      if (d.byte() === 0) {
        for (var n = d.num(), i = 0; i < n; i++) { doc += d.num(); has[doc] = 1; }
      } else {
        var bits = d.num(), m = d.bytes((bits + 7) >> 3);
        for (var k = 0; k < bits; k++) if (m[k >> 3] & (1 << (k & 7))) has[k] = 1;
      }
      return has;
    }

    var root = readRoot(rootBytes);

    // card returns the card of document n.
    function cardFile(n) {
      var f = Math.floor(n / root.perFile);
      return root.blocks[Math.floor(f / root.perBlock)] + "-" + f + ".bin";
    }
    function card(n) {
      return load(cardFile(n), readCards).then(function (cs) { return cs[n % root.perFile]; });
    }
    function hasBit(c, b) { return b >= 0 && (c.bits[b >> 3] & (1 << (b & 7))) !== 0; }

    // ---- Lookup: the indexed words a query word stands for ----

    function forwardOf(key) { return file(shardOf(root.fwd, key), readForward); }
    // before reports whether a sorts before b in code point order, which
    // is the byte order of UTF-8, the order of the index.
    function before(a, b) {
      for (var i = 0, n = Math.min(a.length, b.length); i < n; i++) {
        var x = a.charCodeAt(i), y = b.charCodeAt(i);
        if (x === y) continue;
        if (x >= 0xd800 && y >= 0xd800) { x = x >= 0xe000 ? x - 0x800 : x + 0x2000; y = y >= 0xe000 ? y - 0x800 : y + 0x2000; }
        return x < y;
      }
      return a.length < b.length;
    }
    function lowerBound(a, x) {
      var lo = 0, hi = a.length;
      while (lo < hi) { var m = (lo + hi) >> 1; if (before(a[m], x)) lo = m + 1; else hi = m; }
      return lo;
    }
    function match(f, i, kind) { return { word: f.words[i], kind: kind, df: f.df[i], bit: f.bit[i], f: f, i: i }; }

    async function lookup(w) {
      var key = toUTF8.encode(w), f = await forwardOf(key), i = lowerBound(f.words, w), out = [], more = [];
      if (f.words[i] === w) out.push(match(f, i++, 0));
      if (runes(w).length >= MIN_PREFIX) for (; i < f.words.length && f.words[i].startsWith(w); i++) more.push(match(f, i, 1));
      if (!out.length && !more.length && runes(w).length >= MIN_TYPO) more = await typos(w, key, f);
      more.sort(function (a, b) { return b.df - a.df || (a.word < b.word ? -1 : 1); });
      return out.concat(more.slice(0, MAX_EXPANSIONS));
    }

    // typos returns the words one typo from w: in its forward shard those
    // whose first letters are right, in its reversed shard those whose last
    // letters are; or else the words that start one typo from it.
    async function typos(w, key, f) {
      var q = runes(w), out = [], i;
      for (i = 0; i < f.words.length; i++) if (within1(q, runes(f.words[i]))) out.push(match(f, i, 2));
      var back = await file(shardOf(root.rev, reverse(key)), readReversed);
      var more = back.map(function (b) { return utf8.decode(reverse(b)); }).filter(function (word) {
        return within1(q, runes(word)) && !out.some(function (m) { return m.word === word; });
      });
      (await Promise.all(more.map(function (word) { return forwardOf(toUTF8.encode(word)); }))).forEach(function (g, j) {
        var k = lowerBound(g.words, more[j]);
        if (g.words[k] === more[j]) out.push(match(g, k, 2));
      });
      if (out.length) return out;
      for (i = 0; i < f.words.length; i++) if (prefixWithin1(q, runes(f.words[i]))) out.push(match(f, i, 3));
      return out;
    }

    // ---- Scoring ----

    function idf(df) { return Math.log(1 + (root.docs - df + 0.5) / (df + 0.5)); }

    // A term is an indexed word a query word stands for and how much of its
    // postings, highest level first, has been read.
    async function openTerm(m) {
      var pack = await file(m.f.packs[m.f.pack[m.i]], readPack), e = pack[m.f.at[m.i]];
      if (!e.first) e.first = readChunk(e.chunk);
      return { m: m, weight: WEIGHTS[m.kind] * idf(m.df), bit: m.bit, tails: e.tails, read: 0, first: e.first };
    }
    function termDone(t) { return t.read >= t.tails.length; }
    // termBound is the most a document not yet seen in t's postings can score.
    function termBound(t) { return termDone(t) ? 0 : t.weight * t.tails[t.read].level; }
    function addPostings(word, t, posts) {
      for (var i = 0; i < posts.length; i += 2) {
        var s = t.weight * posts[i + 1], had = word.seen.get(posts[i]);
        if (had === undefined || s > had) word.seen.set(posts[i], s);
      }
    }
    async function readTails(word, t, upto) {
      var tails = t.tails.slice(t.read, upto);
      var got = await Promise.all(tails.map(function (tl) { return file(tl.hash, readTail); }));
      got.forEach(function (posts) { addPostings(word, t, posts); });
      t.read += tails.length;
    }
    function wordBound(word) { return Math.max.apply(null, word.terms.map(termBound)); }
    function wordDone(word) { return word.terms.every(termDone); }
    // share estimates the part of all documents that hold one of word's terms.
    function share(word) {
      return 1 - word.terms.reduce(function (p, t) { return p * (1 - t.m.df / root.docs); }, 1);
    }

    // rank orders the candidates: documents that may hold every word and
    // pass the filters, by score, where an unknown part counts half its
    // bound. It says whether the first k are certain and how many match.
    function rank(ws, filt, k) {
      var sources = [], i;
      ws.forEach(function (w) { if (wordDone(w)) sources.push({ size: w.seen.size, has: function (d) { return w.seen.has(d); }, each: w.seen }); });
      filt.sets.forEach(function (s) { sources.push({ size: s.count, has: function (d) { return s.has[d] === 1; }, set: s.has }); });
      var open = ws.filter(function (w) { return !wordDone(w); });
      var docs = new Set();
      if (sources.length) {
        sources.sort(function (a, b) { return a.size - b.size; });
        var s0 = sources[0];
        var each = s0.each ? s0.each.keys() : setDocs(s0.set);
        for (var d of each) if (sources.every(function (s) { return s.has(d); })) docs.add(d);
      } else {
        ws.forEach(function (w) { for (var d of w.seen.keys()) docs.add(d); });
      }
      var bounds = open.map(wordBound), cands = [], maxPartial = 0;
      for (var d of docs) {
        var lb = 0, est = 0, ub = 0, unknown = [];
        for (i = 0; i < ws.length; i++) {
          var s = ws[i].seen.get(d);
          if (s !== undefined) lb += s;
          else if (!wordDone(ws[i])) { unknown.push(ws[i]); var b = bounds[open.indexOf(ws[i])]; ub += b; est += b / 2; }
        }
        cands.push({ doc: d, score: lb + est, unknown: unknown });
        if (unknown.length) maxPartial = Math.max(maxPartial, lb + ub);
      }
      cands.sort(function (a, b) { return b.score - a.score || b.doc - a.doc; });
      var full = cands.filter(function (c) { return !c.unknown.length; });
      var unseen = sources.length ? 0 : bounds.reduce(function (a, b) { return a + b; }, 0);
      var certain = !open.length || full.length >= k && full[k - 1].score >= Math.max(maxPartial, unseen);
      var count = sources.length ? docs.size : root.docs, exact = !open.length && !filt.cards.length;
      open.forEach(function (w) { count *= share(w); });
      if (ws.length === 1 && ws[0].terms.length === 1 && !filt.sets.length) { count = ws[0].terms[0].m.df; exact = !filt.cards.length; }
      return { cands: cands, certain: certain, count: count * filt.share, exact: exact, complete: !!sources.length };
    }
    function setDocs(has) {
      var out = [];
      for (var d = has.length - 1; d >= 0; d--) if (has[d]) out.push(d);
      return out;
    }

    // tiersFor returns how many tiers of a common word to read when about
    // n of its postings are needed: at least two, and half as many again.
    function tiersFor(n) {
      var t = 1, size = TIER0, sum = TIER0;
      while (sum < 1.5 * n && t < 6) { size *= TIER_GROWTH; sum += size; t++; }
      return Math.max(t, 2);
    }

    // filters returns the tag and severity filters: sets for the rarer,
    // checks on cards for the commoner.
    async function filters(tag, sev) {
      var out = { sets: [], cards: [], share: 1, setShare: 1, none: false };
      if (!tag && !sev) return out;
      var f = await file(root.filters, readFilters);
      var want = [];
      if (tag) want.push([f.tags.get(tag), function (c) { return c.tags.indexOf(tag) >= 0; }]);
      if (sev) want.push([f.severities[sev], function (c) { return c.severity === sev; }]);
      for (var i = 0; i < want.length; i++) {
        var ref = want[i][0];
        if (!ref || !ref.count) { out.none = true; continue; }
        if (ref.set) { out.sets.push({ count: ref.count, has: await file(ref.set, readSet) }); out.setShare *= ref.count / root.docs; }
        else { out.cards.push(want[i][1]); out.share *= ref.count / root.docs; }
      }
      return out;
    }

    // ---- Search ----

    // find returns up to limit stories that match q and the filters, best
    // first, and how many match in all (exactly, or about).
    async function find(q, tag, sev, limit, early) {
      var ws = words(q).filter(function (w, i, a) { return a.indexOf(w) === i; }).slice(0, MAX_WORDS);
      if (!ws.length) return browse(await filters(tag, sev), limit, early);
      // The filters, and each word's terms with their first postings, at once.
      var got = await Promise.all([filters(tag, sev)].concat(ws.map(async function (q) {
        var w = { q: q, terms: await Promise.all((await lookup(q)).map(openTerm)), seen: new Map() };
        w.terms.forEach(function (t) { addPostings(w, t, t.first); });
        return w;
      })));
      var filt = got[0], word = got.slice(1);
      if (filt.none || word.some(function (w) { return !w.terms.length; })) return { count: 0, exact: true, results: [], terms: [] };
      var need = Math.ceil(limit / filt.share), tiers = tiersFor(limit / filt.setShare);
      for (;;) {
        // Read more postings while they could change the first results:
        // every tier of a rarer word, the first tiers of a common one.
        var r = rank(word, filt, need), reads = [];
        if (!r.certain) {
          word.forEach(function (w) {
            w.terms.forEach(function (t) {
              var upto = t.bit < 0 ? t.tails.length : Math.min(tiers - 1, t.tails.length);
              if (t.read < upto) reads.push(readTails(w, t, upto));
            });
          });
        }
        if (reads.length) { await Promise.all(reads); continue; }
        var terms = [].concat.apply([], word.map(function (w) { return w.terms.map(function (t) { return t.m.word; }); }));
        var res = await check(r.cands, filt, limit, r, terms, early);
        if (res.results.length >= limit || word.every(function (w) { return w.terms.every(termDone); })) return res;
        tiers++;
      }
    }

    // check fetches the cards of candidates in order and keeps those that
    // hold the words not seen in their postings and pass the card filters.
    // It calls early with the first EARLY results while it fetches the rest.
    async function check(cands, filt, limit, r, terms, early) {
      var out = [], i = 0, undecided = false;
      var count = function () { return Math.max(Math.round(r.count), out.length); };
      while (out.length < limit && i < cands.length) {
        // As many as are missing, and as many again as may fail their check.
        var n = limit - out.length, fail = 0;
        cands.slice(i, i + n).forEach(function (c) {
          var pass = c.unknown.reduce(function (p, w) { return p * share(w); }, filt.share);
          fail += pass < 1 ? (1 - pass) / Math.max(pass, 0.25) : 0;
        });
        var batch = cands.slice(i, i + n + Math.ceil(fail));
        i += batch.length;
        // The cards shown early are asked for before the others, which
        // would otherwise hold up their answers; but a couple of others
        // are not worth a round trip of their own.
        var lead = early && !out.length && batch.length > EARLY + 2 ? EARLY : batch.length;
        var first = Promise.all(batch.slice(0, lead).map(function (c) { return card(c.doc); }));
        var cards = batch.map(function (c, k) {
          return k < lead ? card(c.doc) : first.then(function () { return card(c.doc); });
        });
        for (var k = 0; k < batch.length; k++) {
          var cd = await cards[k], ok = passes(batch[k], cd, filt);
          if (ok === undefined) undecided = true;
          if (!ok || out.length >= limit) continue;
          out.push({ doc: batch[k].doc, score: batch[k].score, card: cd });
          var waiting = batch.slice(k + 1).some(function (c) { return !ready.has(cardFile(c.doc)); });
          if (early && out.length === EARLY && limit > EARLY && waiting) early({ results: out.slice(), count: count(), exact: r.exact, terms: terms });
        }
      }
      var all = i >= cands.length && r.complete && !undecided;
      return { results: out, count: all ? out.length : count(), exact: all || r.exact, terms: terms };
    }
    // passes says whether a candidate's card shows it holds the words its
    // postings did not (undefined when the card cannot tell) and passes the
    // filters that cards check.
    function passes(c, cd, filt) {
      if (!filt.cards.every(function (f) { return f(cd); })) return false;
      var ok = true;
      c.unknown.forEach(function (w) {
        var open = w.terms.filter(function (t) { return !termDone(t); });
        if (open.some(function (t) { return hasBit(cd, t.bit); })) return;
        if (ok && open.some(function (t) { return t.bit < 0; })) ok = undefined;
        else ok = false;
      });
      return ok;
    }

    // browse lists the newest stories that pass the filters.
    async function browse(filt, limit, early) {
      if (!filt.sets.length && !filt.cards.length) return { count: 0, exact: true, results: [], terms: [], empty: true };
      var docs;
      if (filt.sets.length) {
        docs = setDocs(filt.sets[0].has).filter(function (d) { return filt.sets.every(function (s) { return s.has[d]; }); });
      } else {
        docs = [];
        for (var d = root.docs - 1; d >= 0; d--) docs.push(d);
      }
      var r = { complete: true, exact: !filt.cards.length, count: (filt.sets.length ? docs.length : root.docs) * filt.share };
      return check(docs.map(function (d) { return { doc: d, score: 0, unknown: [] }; }), filt, limit, r, [], early);
    }

    return { docs: root.docs, find: find };
  }

  // ---- Page ----

  var form = document.getElementById("search-form");
  var box = document.getElementById("q");
  if (!form || !box || !form.getAttribute("data-index")) return;
  var tagSel = document.getElementById("tag");
  var sevSel = document.getElementById("severity");
  var status = document.getElementById("search-status");
  var list = document.getElementById("results");
  var rootURL = new URL(form.getAttribute("data-index"), location.href).href;
  var dir = rootURL.slice(0, rootURL.lastIndexOf("/") + 1);
  var site = form.getAttribute("action").replace(/search\/?$/, "");
  var script = document.currentScript;

  // ---- The engine, in a worker when one starts ----

  // A backend runs searches: find(q, tag, sev, limit, early) returns a
  // promise of what to show, and calls early with part of it on the way.
  function local(rootBytes) {
    var e = newEngine(dir, rootBytes);
    return {
      docs: e.docs,
      find: function (q, tag, sev, limit, early) { return answer(e, q, tag, sev, limit, early); },
    };
  }
  function worker(rootBytes) {
    var w = new Worker(script.src), waiting = new Map(), seq = 0;
    return new Promise(function (resolve, reject) {
      w.onerror = function (e) { e.preventDefault(); reject(new Error(e.message || "the search worker did not start")); };
      w.onmessage = function (e) {
        var m = e.data, q = waiting.get(m.id);
        if (m.type === "ready") resolve({ docs: m.docs, find: find });
        else if (m.type === "fail" && !q) reject(new Error(m.message));
        else if (!q) return;
        else if (m.type === "part") { if (q.early) q.early(m.res); }
        else { waiting.delete(m.id); if (m.type === "done") q.resolve(m.res); else q.reject(new Error(m.message)); }
      };
      w.postMessage({ type: "init", dir: dir, root: rootBytes.slice().buffer });
    });
    function find(q, tag, sev, limit, early) {
      var id = ++seq;
      return new Promise(function (resolve, reject) {
        waiting.set(id, { resolve: resolve, reject: reject, early: early });
        w.postMessage({ type: "find", id: id, q: q, tag: tag, sev: sev, limit: limit, early: !!early });
      });
    }
  }
  // The root file comes with the page (it is preloaded); the worker gets
  // a copy. Where no worker starts (a page opened from the disk, a policy
  // that forbids them), the engine runs on the page.
  var backend = fetch(rootURL).then(function (r) {
    if (!r.ok) throw new Error(rootURL.slice(dir.length) + ": " + r.status);
    return r.arrayBuffer();
  }).then(function (b) {
    var bytes = new Uint8Array(b);
    var started;
    try { started = worker(bytes); } catch (e) { started = Promise.reject(e); }
    return started.catch(function () { return local(bytes); });
  });

  // ---- Showing results ----

  function el(name, cls, text) {
    var e = document.createElement(name);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function plural(n, one, many) { return n === 1 ? one : many; }
  var numbers = new Intl.NumberFormat("en");
  function fmt(n) { return numbers.format(n); }

  // fill puts pieces of text into e, every second one in <mark>.
  function fill(e, pieces) {
    pieces.forEach(function (p, i) {
      if (i % 2) e.appendChild(el("mark", "", p));
      else if (p) e.appendChild(document.createTextNode(p));
    });
  }

  function resultCard(r, i) {
    var c = r.card, li = el("li", "card");
    li.id = "result-" + (i + 1);
    var h = el("h2", "card-title"), a = el("a");
    a.href = site + c.url.replace(/^\//, "");
    fill(a, r.marked.title);
    h.appendChild(a); li.appendChild(h);
    var meta = el("p", "meta"), d = r.date;
    if (d) { var t = el("time", "", d.text); t.setAttribute("datetime", d.iso); meta.appendChild(t); }
    if (c.severity) meta.appendChild(el("span", "sev sev-" + c.severity, c.severity));
    li.appendChild(meta);
    var p = el("p", "summary");
    fill(p, r.marked.summary);
    li.appendChild(p);
    if (c.tags.length) {
      var ul = el("ul", "tags");
      ul.setAttribute("aria-label", "Tags");
      c.tags.forEach(function (tag, k) {
        var tl = el("li"), ta = el("a");
        ta.href = site + "tags/" + encodeURIComponent(tag) + "/";
        fill(ta, r.marked.tags[k]);
        tl.appendChild(ta); ul.appendChild(tl);
      });
      li.appendChild(ul);
    }
    return li;
  }

  function say(parts) {
    var text = parts.map(function (p) { return typeof p === "string" ? p : p.text; }).join("");
    if (status.textContent === text) return;
    status.textContent = "";
    parts.forEach(function (p) {
      if (typeof p === "string") { status.appendChild(document.createTextNode(p)); return; }
      var a = el("a", "", p.text);
      a.href = site + p.href;
      status.appendChild(a);
    });
  }
  var TAGS_LINK = { text: "browse the tags", href: "tags/" };

  function describe(q, tag, sev) {
    var s = q ? "“" + q + "”" : "";
    if (tag) s += (s ? " " : "") + "tagged " + tag;
    if (sev) s += (s ? ", " : "") + "of " + sev + " severity";
    return s;
  }

  var shown = PAGE, seq = 0, running = false, again = false, last = "", firstMs = null, docs = 0;
  var moreButton = el("button", "more", "Show more results");
  moreButton.type = "button";
  moreButton.hidden = true;
  moreButton.addEventListener("click", function () {
    shown += PAGE;
    var n = links().length;
    run(true).then(function () { var ls = links(); if (ls[n]) ls[n].focus(); });
  });
  list.after(moreButton);
  function state() { return { q: box.value, tag: tagSel ? tagSel.value : "", sev: sevSel ? sevSel.value : "" }; }

  // render shows results; a part of them (partial) while the rest load.
  // A card already shown stays in place when it would show the same:
  // most keys that lengthen a word change no card, and the browser then
  // has nothing to build, lay out or paint again.
  var shownKeys = [];
  function render(st, res, ms, partial) {
    res.results.forEach(function (r, i) {
      var key = JSON.stringify([r.card.url, r.marked]);
      if (shownKeys[i] === key && list.children[i]) return;
      var c = resultCard(r, i);
      if (list.children[i]) list.children[i].replaceWith(c);
      else list.appendChild(c);
      shownKeys[i] = key;
    });
    while (list.children.length > res.results.length) list.lastElementChild.remove();
    shownKeys.length = res.results.length;
    moreButton.hidden = true;
    if (partial) return; // the count is told once, for the whole page
    var what = describe(st.q, st.tag, st.sev);
    if (res.empty) say(["Type to search " + fmt(docs) + " " + plural(docs, "story", "stories") + ", or ", TAGS_LINK, "."]);
    else if (!res.results.length) say(["No stories match " + what + ". Check the spelling, try fewer words, or ", TAGS_LINK, "."]);
    else {
      var n = Math.max(res.count, res.results.length);
      var count = (res.exact ? "" : "About ") + fmt(n) + " " + plural(n, "story matches", "stories match");
      say([count + " " + what + (res.results.length < n ? "; showing the first " + res.results.length + "." : ".")]);
    }
    moreButton.hidden = !(res.results.length < res.count && res.results.length >= shown);
    form.dispatchEvent(new CustomEvent("oops:results", { detail: { q: st.q, tag: st.tag, severity: st.sev, count: res.count, exact: res.exact, shown: res.results.length, ms: ms, firstMs: firstMs } }));
  }

  // keepInURL puts the search in the address once typing pauses for a
  // second: the browser takes long to change it, too long to do while
  // someone types.
  var urlTimer = 0, urlState = null;
  function keepInURL(st) {
    clearTimeout(urlTimer);
    urlState = st;
    urlTimer = setTimeout(flushURL, 1000);
  }
  // flushURL puts the search in the address now, before the page is left.
  function flushURL() {
    clearTimeout(urlTimer);
    if (urlState) setURL(urlState);
    urlState = null;
  }
  function setURL(st) {
    var p = new URLSearchParams();
    if (st.q) p.set("q", st.q);
    if (st.tag) p.set("tag", st.tag);
    if (st.sev) p.set("severity", st.sev);
    var s = p.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
  }

  // run searches for what the form holds, one search at a time: input
  // that arrives meanwhile is searched for when the search ends.
  async function run(more) {
    if (running) { again = true; return; }
    var st = state(), key = st.q + "\u0000" + st.tag + "\u0000" + st.sev;
    if (!more) { if (key === last) return; shown = PAGE; }
    last = key;
    keepInURL(st);
    running = true;
    var id = ++seq, t0 = performance.now();
    firstMs = null;
    try {
      var res = await (await backend).find(st.q, st.tag, st.sev, shown, more ? null : function (part) {
        if (id !== seq) return;
        firstMs = performance.now() - t0;
        render(st, part, null, true);
      });
      if (id === seq) render(st, res, performance.now() - t0);
    } catch (e) {
      list.textContent = "";
      shownKeys = [];
      moreButton.hidden = true;
      say(["Search is unavailable: the index could not be read (" + e.message + "). You can still ", TAGS_LINK, "."]);
      last = "";
    }
    running = false;
    if (again) { again = false; run(); }
  }

  // ---- Keyboard: arrows move through results, Escape clears ----

  function links() { return Array.prototype.slice.call(list.querySelectorAll(".card-title a")); }
  function onKey(e) {
    var ls = links(), i = ls.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && (e.target === box || i >= 0)) {
      if (i + 1 < ls.length) { ls[i + 1].focus(); e.preventDefault(); }
    } else if (e.key === "ArrowUp" && i >= 0) {
      (i > 0 ? ls[i - 1] : box).focus(); e.preventDefault();
    } else if (e.key === "Escape" && (e.target === box || list.contains(e.target))) {
      box.value = ""; box.focus(); run(); e.preventDefault();
    }
  }
  document.addEventListener("keydown", onKey);
  list.addEventListener("focusin", flushURL);
  list.addEventListener("click", flushURL);
  window.addEventListener("pagehide", flushURL);
  list.addEventListener("focusin", function (e) {
    var c = e.target.closest(".card");
    links().forEach(function (a) { a.closest(".card").classList.toggle("active", a.closest(".card") === c); });
  });
  list.addEventListener("focusout", function () {
    list.querySelectorAll(".card.active").forEach(function (c) { c.classList.remove("active"); });
  });

  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  box.addEventListener("input", function () { run(); });
  [tagSel, sevSel].forEach(function (s) { if (s) s.addEventListener("change", function () { run(); }); });

  // The engine, for scripts and tests: oopsSearch.find(q, {tag, severity, limit}).
  window.oopsSearch = {
    find: function (q, o) {
      o = o || {};
      return backend.then(function (b) { return b.find(q || "", o.tag || "", o.severity || "", o.limit || PAGE); });
    },
  };

  var params = new URLSearchParams(location.search);
  box.value = params.get("q") || "";
  if (tagSel) tagSel.value = params.get("tag") || "";
  if (sevSel) sevSel.value = params.get("severity") || "";
  backend.then(function (b) { docs = b.docs; run(); }, function (e) {
    say(["Search is unavailable: the index could not be read (" + e.message + "). You can still ", TAGS_LINK, "."]);
  });
})();
