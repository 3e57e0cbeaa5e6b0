// The search page. It looks up the words of a query in the index that
// oops build writes (its files are described in cmd/internal/search),
// fetching only the few small files a query needs, and lists the stories
// that hold every word, best first, as the query is typed. The engine
// (search/engine.js) runs in a module worker (search/worker.js), so that
// typing never waits for it.
import { start } from "./search/backend.js";
import { describe, el, fmt, plural, resultCard, say, TAGS_LINK } from "./search/show.js";

const PAGE = 10; // results a page shows

// A Page is the search form and its results.
class Page {
  constructor(form, box) {
    this.form = form;
    this.box = box;
    this.tagSel = document.getElementById("tag");
    this.sevSel = document.getElementById("severity");
    this.status = document.getElementById("search-status");
    this.list = document.getElementById("results");
    this.site = form.getAttribute("action").replace(/search\/?$/, "");
    this.backend = start(new URL(form.getAttribute("data-index"), location.href).href);
    this.shown = PAGE;
    this.seq = 0;
    this.running = false;
    this.again = false;
    this.last = "";
    this.firstMs = null;
    this.docs = 0;
    this.shownKeys = [];
    this.urlTimer = 0;
    this.urlState = null;
    this.more = el("button", "more", "Show more results");
    this.more.type = "button";
    this.more.hidden = true;
    this.list.after(this.more);
  }

  say(parts) { say(this.status, this.site, parts); }

  unavailable(e) {
    this.say(["Search is unavailable: the index could not be read (" + e.message + "). You can still ", TAGS_LINK, "."]);
  }

  state() {
    return { q: this.box.value, tag: this.tagSel ? this.tagSel.value : "", sev: this.sevSel ? this.sevSel.value : "" };
  }

  links() { return Array.from(this.list.querySelectorAll(".card-title a")); }

  // render shows results; a part of them (partial) while the rest load.
  // A card already shown stays in place when it would show the same:
  // most keys that lengthen a word change no card, and the browser then
  // has nothing to build, lay out or paint again.
  render(st, res, ms, partial) {
    const list = this.list;
    res.results.forEach((r, i) => {
      const key = JSON.stringify([r.card.url, r.marked, r.partial, r.lesson]);
      if (this.shownKeys[i] === key && list.children[i]) return;
      const c = resultCard(r, i, this.site);
      if (list.children[i]) list.children[i].replaceWith(c);
      else list.appendChild(c);
      this.shownKeys[i] = key;
    });
    while (list.children.length > res.results.length) list.lastElementChild.remove();
    this.shownKeys.length = res.results.length;
    this.more.hidden = true;
    if (partial) return; // the count is told once, for the whole page
    this.tell(st, res);
    this.more.hidden = !(res.results.length < res.count && res.results.length >= this.shown);
    this.form.dispatchEvent(new CustomEvent("oops:results", { detail: { q: st.q, tag: st.tag, severity: st.sev, count: res.count, exact: res.exact, shown: res.results.length, ms, firstMs: this.firstMs } }));
  }

  // tell says in the status line how many stories match.
  tell(st, res) {
    const what = describe(st.q, st.tag, st.sev), docs = this.docs;
    if (res.empty) this.say(["Type to search " + fmt(docs) + " " + plural(docs, "story", "stories") + ", or ", TAGS_LINK, "."]);
    else if (!res.results.length) this.say(["No stories match " + what + ". Check the spelling, try fewer words, or ", TAGS_LINK, "."]);
    else if (res.partial) {
      const n = res.count, m = res.partial;
      const full = n ? fmt(n) + " " + plural(n, "story matches", "stories match") : "No stories match";
      this.say([full + " " + what + "; ", { text: fmt(m) + " partial " + plural(m, "match holds", "matches hold") + " some of its words", cls: "partial-note" }, (n ? ", after " + plural(n, "it", "them") : "") + "."]);
    } else {
      const n = Math.max(res.count, res.results.length);
      const count = (res.exact ? "" : "About ") + fmt(n) + " " + plural(n, "story matches", "stories match");
      this.say([count + " " + what + (res.results.length < n ? "; showing the first " + res.results.length + "." : ".")]);
    }
  }

  // keepInURL puts the search in the address once typing pauses for a
  // second: the browser takes long to change it, too long to do while
  // someone types.
  keepInURL(st) {
    clearTimeout(this.urlTimer);
    this.urlState = st;
    this.urlTimer = setTimeout(() => this.flushURL(), 1000);
  }

  // flushURL puts the search in the address now, before the page is left.
  flushURL() {
    clearTimeout(this.urlTimer);
    if (this.urlState) setURL(this.urlState);
    this.urlState = null;
  }

  // run searches for what the form holds, one search at a time: input
  // that arrives meanwhile is searched for when the search ends.
  async run(more) {
    if (this.running) { this.again = true; return; }
    const st = this.state(), key = st.q + "\u0000" + st.tag + "\u0000" + st.sev;
    if (!more) {
      if (key === this.last) return;
      this.shown = PAGE;
    }
    this.last = key;
    this.keepInURL(st);
    this.running = true;
    const id = ++this.seq, t0 = performance.now();
    this.firstMs = null;
    try {
      // The first results are shown early while the rest load only when
      // the list is empty: over results already shown, a part would only
      // make the browser lay the list out twice.
      const early = more || this.list.children.length ? null : (part) => {
        if (id !== this.seq) return;
        this.firstMs = performance.now() - t0;
        this.render(st, part, null, true);
      };
      const res = await (await this.backend).find(st.q, st.tag, st.sev, this.shown, early);
      if (id === this.seq) this.render(st, res, performance.now() - t0);
    } catch (e) {
      this.list.textContent = "";
      this.shownKeys = [];
      this.more.hidden = true;
      this.unavailable(e);
      this.last = "";
    }
    this.running = false;
    if (this.again) { this.again = false; this.run(); }
  }

  // showMore shows another page of results and moves the focus to its first.
  showMore() {
    this.shown += PAGE;
    const n = this.links().length;
    this.run(true).then(() => { const ls = this.links(); if (ls[n]) ls[n].focus(); });
  }

  // onKey: arrows move through results, Escape clears.
  onKey(e) {
    const ls = this.links(), i = ls.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && (e.target === this.box || i >= 0)) {
      if (i + 1 < ls.length) { ls[i + 1].focus(); e.preventDefault(); }
    } else if (e.key === "ArrowUp" && i >= 0) {
      (i > 0 ? ls[i - 1] : this.box).focus();
      e.preventDefault();
    } else if (e.key === "Escape" && (e.target === this.box || this.list.contains(e.target))) {
      this.box.value = "";
      this.box.focus();
      this.run();
      e.preventDefault();
    }
  }

  listen() {
    const list = this.list, flush = () => this.flushURL();
    this.more.addEventListener("click", () => this.showMore());
    document.addEventListener("keydown", (e) => this.onKey(e));
    list.addEventListener("focusin", flush);
    list.addEventListener("click", flush);
    window.addEventListener("pagehide", flush);
    list.addEventListener("focusin", (e) => {
      const c = e.target.closest(".card");
      this.links().forEach((a) => { a.closest(".card").classList.toggle("active", a.closest(".card") === c); });
    });
    list.addEventListener("focusout", () => {
      list.querySelectorAll(".card.active").forEach((c) => c.classList.remove("active"));
    });
    this.form.addEventListener("submit", (e) => { e.preventDefault(); this.run(); });
    this.box.addEventListener("input", () => this.run());
    for (const s of [this.tagSel, this.sevSel]) if (s) s.addEventListener("change", () => this.run());
  }

  // begin fills the form from the address and runs its search.
  begin() {
    const params = new URLSearchParams(location.search);
    this.box.value = params.get("q") || "";
    if (this.tagSel) this.tagSel.value = params.get("tag") || "";
    if (this.sevSel) this.sevSel.value = params.get("severity") || "";
    this.backend.then((b) => { this.docs = b.docs; this.run(); }, (e) => this.unavailable(e));
  }
}

function setURL(st) {
  const p = new URLSearchParams();
  if (st.q) p.set("q", st.q);
  if (st.tag) p.set("tag", st.tag);
  if (st.sev) p.set("severity", st.sev);
  const s = p.toString();
  history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
}

const form = document.getElementById("search-form");
const box = document.getElementById("q");
if (form && box && form.getAttribute("data-index")) {
  const page = new Page(form, box);
  page.listen();
  // The engine, for scripts and tests: oopsSearch.find(q, {tag, severity, limit}).
  window.oopsSearch = {
    find: (q, o) => {
      o = o || {};
      return page.backend.then((b) => b.find(q || "", o.tag || "", o.severity || "", o.limit || PAGE));
    },
  };
  page.begin();
}
