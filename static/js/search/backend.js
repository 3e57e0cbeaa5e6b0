// The backend that runs the page's searches: the engine in a module
// worker when one starts, else on the page itself (where a policy forbids
// workers). Its find(q, tag, sev, limit, early) returns a promise of what
// to show, and calls early with part of it on the way.
import { newEngine } from "./engine.js";
import { answer } from "./view.js";

function local(dir, rootBytes) {
  const e = newEngine(dir, rootBytes);
  return {
    docs: e.docs,
    find: (q, tag, sev, limit, early) => answer(e, q, tag, sev, limit, early),
  };
}

function worker(dir, rootBytes) {
  const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const waiting = new Map();
  let seq = 0;
  const find = (q, tag, sev, limit, early) => new Promise((resolve, reject) => {
    const id = ++seq;
    waiting.set(id, { resolve, reject, early });
    w.postMessage({ type: "find", id, q, tag, sev, limit, early: !!early });
  });
  return new Promise((resolve, reject) => {
    w.onerror = (e) => { e.preventDefault(); reject(new Error(e.message || "the search worker did not start")); };
    w.onmessage = (e) => {
      const m = e.data, q = waiting.get(m.id);
      if (m.type === "ready") resolve({ docs: m.docs, find });
      else if (m.type === "fail" && !q) reject(new Error(m.message));
      else if (!q) return;
      else if (m.type === "part") { if (q.early) q.early(m.res); }
      else { waiting.delete(m.id); if (m.type === "done") q.resolve(m.res); else q.reject(new Error(m.message)); }
    };
    w.postMessage({ type: "init", dir, root: rootBytes.slice().buffer });
  });
}

// start fetches the index's root file (the page preloads it) and starts
// the backend on it; the worker gets a copy.
export function start(rootURL) {
  const dir = rootURL.slice(0, rootURL.lastIndexOf("/") + 1);
  return fetch(rootURL).then((r) => {
    if (!r.ok) throw new Error(rootURL.slice(dir.length) + ": " + r.status);
    return r.arrayBuffer();
  }).then((b) => {
    const bytes = new Uint8Array(b);
    let started;
    try { started = worker(dir, bytes); } catch (e) { started = Promise.reject(e); }
    return started.catch(() => local(dir, bytes));
  });
}
