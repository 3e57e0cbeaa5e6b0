// Words as the index sees them: text folded the way oops folds it (see
// cmd/internal/fold), split into runs of letters, digits and spacing marks,
// each Han, Hiragana or Katakana character a word of its own. And how far
// apart two words are.
import { MAX_RUNES, SPECIAL } from "./rules.js";

const SPECIAL_RE = new RegExp("[" + Object.keys(SPECIAL).join("") + "]", "g");
const WORD_RE = /[\p{L}\p{Nd}\p{Mc}]+/gu;
const IDEOGRAPH_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function special(c) { return SPECIAL[c]; }

// fold lowercases s and removes its accents: NFKD, without nonspacing
// marks, with the special letters spelled out, lowercased, then NFC.
export function fold(s) {
  return s.normalize("NFKD").replace(/\p{Mn}/gu, "").replace(SPECIAL_RE, special)
    .toLowerCase().replace(SPECIAL_RE, special).normalize("NFC");
}

export function runes(s) { return Array.from(s); }

// words returns the folded words of s, those longer than MAX_RUNES left out.
export function words(s) {
  const out = [];
  for (const w of fold(s).match(WORD_RE) || []) {
    if (!IDEOGRAPH_RE.test(w)) {
      if (runes(w).length <= MAX_RUNES) out.push(w);
      continue;
    }
    let cur = "";
    for (const c of runes(w)) {
      if (IDEOGRAPH_RE.test(c)) {
        if (cur) out.push(cur);
        out.push(c);
        cur = "";
      } else cur += c;
    }
    if (cur && runes(cur).length <= MAX_RUNES) out.push(cur);
  }
  return out;
}

// within1 reports whether a and b (arrays of characters) are at most one
// edit apart: a letter changed, left out, added, or two swapped.
export function within1(a, b) {
  if (a.length > b.length) [a, b] = [b, a];
  if (b.length - a.length > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i === a.length) return true;
  if (a.length < b.length) return a.slice(i).join("") === b.slice(i + 1).join("");
  if (a.slice(i + 1).join("") === b.slice(i + 1).join("")) return true;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2).join("") === b.slice(i + 2).join("");
}

// prefixWithin1 reports whether w (an array of characters) starts with a
// word at most one edit from q.
export function prefixWithin1(q, w) {
  if (w.length <= q.length) return false;
  for (let n = q.length - 1; n <= q.length + 1; n++) if (n >= 1 && n < w.length && within1(q, w.slice(0, n))) return true;
  return false;
}
