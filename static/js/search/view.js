// What the page shows of a search's results: each card's fields, its
// date written out, and the words of the query marked.
import { MIN_PREFIX, MONTHS } from "./rules.js";
import { runes, words } from "./words.js";

// marks splits text into pieces, alternately plain and marked: the
// marked ones are the words the query matched (terms, the indexed
// words it stood for) or that start with one of its words (prefixes).
function marks(text, terms, prefixes) {
  const ascii = /^[\x00-\x7f]*$/.test(text), re = ascii ? /[A-Za-z0-9]+/g : /[\p{L}\p{N}\p{M}]+/gu, out = [];
  let at = 0, m;
  while ((m = re.exec(text))) {
    const ws = ascii ? [m[0].toLowerCase()] : words(m[0]);
    if (!ws.some((w) => terms.has(w) || prefixes.some((p) => w.startsWith(p)))) continue;
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
  const t = new Date((day - 1) * 864e5);
  return { iso: t.toISOString().slice(0, 10), text: t.getUTCDate() + " " + MONTHS[t.getUTCMonth()] + " " + t.getUTCFullYear() };
}

// lessonOf returns the first of lessons that holds a word of the query,
// {anchor, marked}, or null: mark splits a text into pieces, every second
// one a word of the query.
function lessonOf(lessons, mark) {
  for (const l of lessons) {
    const marked = mark(l.text);
    if (marked.length > 1) return { anchor: l.anchor, marked };
  }
  return null;
}

// view turns a result of find into what the page shows of it: the
// card's fields, its date written out, and the words of query q marked.
function view(res, q) {
  const terms = new Set(res.terms || []);
  const prefixes = words(q).filter((p) => runes(p).length >= MIN_PREFIX);
  const mark = (text) => marks(text, terms, prefixes);
  return {
    count: res.count, exact: res.exact, empty: !!res.empty, partial: res.partial || 0,
    results: res.results.map((r) => {
      const c = r.card, lesson = lessonOf(c.lessons, mark);
      return {
        doc: r.doc, score: r.score, partial: !!r.partial,
        card: { url: c.url, title: c.title, summary: c.summary, day: c.day, severity: c.severity, tags: c.tags },
        date: dateOf(c.day),
        marked: { title: mark(c.title), summary: mark(c.summary), tags: c.tags.map(mark) },
        lesson,
      };
    }),
  };
}

// answer runs a search on engine e and returns a promise of what the
// page shows of it; it calls early, if given, with a part on the way.
export function answer(e, q, tag, sev, limit, early) {
  return e.find(q, tag, sev, limit, early && ((res) => early(view(res, q))))
    .then((res) => view(res, q));
}
