// The search worker: the engine, off the page's thread, answering the
// page's messages (see backend.js).
import { newEngine } from "./engine.js";
import { answer } from "./view.js";

let engine = null;

self.onmessage = (e) => {
  const m = e.data;
  if (m.type === "init") {
    try {
      engine = newEngine(m.dir, new Uint8Array(m.root));
    } catch (err) {
      self.postMessage({ type: "fail", message: err.message });
      return;
    }
    self.postMessage({ type: "ready", docs: engine.docs });
    return;
  }
  const part = m.early ? (v) => self.postMessage({ type: "part", id: m.id, res: v }) : null;
  answer(engine, m.q, m.tag, m.sev, m.limit, part).then(
    (v) => self.postMessage({ type: "done", id: m.id, res: v }),
    (err) => self.postMessage({ type: "fail", id: m.id, message: err.message }));
};
