// query types q at once into oops's search page (and picks tag), waits for its results to be shown
// and then painted, and returns what the page reports of them: the time until the page said they
// were shown (searchMs) and until they were painted (renderedMs), the first results' time, the
// count, how many are shown, their paths, and the resources the page itself fetched meanwhile.
export const query = (page, q, tag) => page.evaluate(async ([q, tag]) => {
  const form = document.getElementById("search-form"), box = document.getElementById("q");
  const done = new Promise((r) => form.addEventListener("oops:results", function h(e) {
    if (e.detail.q === q && e.detail.tag === tag) { form.removeEventListener("oops:results", h); r(e.detail); }
  }));
  const t0 = performance.now();
  document.getElementById("tag").value = tag;
  box.value = q;
  box.dispatchEvent(new Event("input"));
  const d = await done;
  const shown = performance.now();
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { searchMs: shown - t0, renderedMs: performance.now() - t0, firstMs: d.firstMs, count: d.count, exact: d.exact, shown: d.shown,
    top: Array.from(document.querySelectorAll("#results .card-title a")).map((a) => a.pathname),
    fetches: performance.getEntriesByType("resource").filter((e) => e.startTime >= t0).map((e) => [e.name.replace(location.origin, ""), Math.round(e.startTime - t0), Math.round(e.responseEnd - t0)]) };
}, [q, tag || ""]);
