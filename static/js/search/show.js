// Showing results on the page: a result's card, and the status line.
export const TAGS_LINK = { text: "browse the tags", href: "tags/" };

const numbers = new Intl.NumberFormat("en");
export function fmt(n) { return numbers.format(n); }
export function plural(n, one, many) { return n === 1 ? one : many; }

export function el(name, cls, text) {
  const e = document.createElement(name);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

// fill puts pieces of text into e, every second one in <mark>.
function fill(e, pieces) {
  pieces.forEach((p, i) => {
    if (i % 2) e.appendChild(el("mark", "", p));
    else if (p) e.appendChild(document.createTextNode(p));
  });
}

// resultCard makes the card of result r, the i-th shown; links go under
// site, the URL of the site's root.
export function resultCard(r, i, site) {
  const c = r.card, li = el("li", r.partial ? "card partial-card" : "card");
  li.id = "result-" + (i + 1);
  const h = el("h2", "card-title"), a = el("a");
  a.href = site + c.url.replace(/^\//, "");
  fill(a, r.marked.title);
  h.appendChild(a);
  li.appendChild(h);
  const meta = el("p", "meta"), d = r.date;
  if (d) {
    const t = el("time", "", d.text);
    t.setAttribute("datetime", d.iso);
    meta.appendChild(t);
  }
  if (c.severity) meta.appendChild(el("span", "sev sev-" + c.severity, c.severity));
  if (r.partial) meta.appendChild(el("span", "partial", "partial match"));
  li.appendChild(meta);
  const p = el("p", "summary");
  fill(p, r.marked.summary);
  li.appendChild(p);
  if (r.lesson) li.appendChild(lessonLine(r, a.href));
  if (c.tags.length) li.appendChild(tagList(r, site));
  return li;
}

// lessonLine shows the lesson of r that holds a query word, linked to
// its anchor on the story's page at url.
function lessonLine(r, url) {
  const p = el("p", "lesson"), a = el("a");
  a.href = url + "#" + r.lesson.anchor;
  fill(a, r.lesson.marked);
  p.appendChild(el("span", "lesson-label", "Lesson: "));
  p.appendChild(a);
  return p;
}

function tagList(r, site) {
  const ul = el("ul", "tags");
  ul.setAttribute("aria-label", "Tags");
  r.card.tags.forEach((tag, k) => {
    const tl = el("li"), ta = el("a");
    ta.href = site + "tags/" + encodeURIComponent(tag) + "/";
    fill(ta, r.marked.tags[k]);
    tl.appendChild(ta);
    ul.appendChild(tl);
  });
  return ul;
}

// say puts parts into the status line: strings, links {text, href} to
// paths under site, and spans {text, cls} of a class.
export function say(status, site, parts) {
  const text = parts.map((p) => typeof p === "string" ? p : p.text).join("");
  if (status.textContent === text) return;
  status.textContent = "";
  parts.forEach((p) => {
    if (typeof p === "string") { status.appendChild(document.createTextNode(p)); return; }
    if (!p.href) { status.appendChild(el("span", p.cls, p.text)); return; }
    const a = el("a", "", p.text);
    a.href = site + p.href;
    status.appendChild(a);
  });
}

// describe says what a search is for.
export function describe(q, tag, sev) {
  let s = q ? "“" + q + "”" : "";
  if (tag) s += (s ? " " : "") + "tagged " + tag;
  if (sev) s += (s ? ", " : "") + "of " + sev + " severity";
  return s;
}
