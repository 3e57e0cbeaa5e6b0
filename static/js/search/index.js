// The files of a search index: fetched once each, when first needed.
import { cardsReader, readFilters, readForward, readReversed, readRoot, setReader } from "./decode.js";

function cmpBytes(a, b) {
  for (let i = 0, n = Math.min(a.length, b.length); i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function reverse(b) { return b.slice().reverse(); }

// shardOf returns the shard whose words key (UTF-8 bytes) would be among.
function shardOf(list, key) {
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (cmpBytes(list[m].sep, key) <= 0) lo = m + 1; else hi = m;
  }
  return list[Math.max(lo - 1, 0)].name;
}

// An Index reads the files of the index in the folder dir (a URL ending
// in "/") whose root file holds rootBytes.
export class Index {
  constructor(dir, rootBytes) {
    this.dir = dir;
    this.root = readRoot(rootBytes);
    this.loaded = new Map(); // promises of files, by name
    this.ready = new Set(); // the names of files fetched
    this.readCards = cardsReader(this.root);
    this.readSet = setReader(this.root);
  }

  // load returns a promise of what read makes of the file called name.
  load(name, read) {
    let p = this.loaded.get(name);
    if (!p) {
      p = fetch(this.dir + name).then((r) => {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.arrayBuffer();
      }).then((b) => { this.ready.add(name); return read(new Uint8Array(b)); });
      this.loaded.set(name, p);
      p.catch(() => { this.loaded.delete(name); });
    }
    return p;
  }

  file(hash, read) { return this.load(hash + ".bin", read); }

  // cardFile names the file that holds the card of document n.
  cardFile(n) {
    const f = Math.floor(n / this.root.perFile);
    return this.root.blocks[Math.floor(f / this.root.perBlock)] + "-" + f + ".bin";
  }

  // card returns the card of document n.
  card(n) {
    return this.load(this.cardFile(n), this.readCards).then((cs) => cs[n % this.root.perFile]);
  }

  // forward returns the forward shard that would hold the word key (UTF-8).
  forward(key) { return this.load(shardOf(this.root.fwd, key), readForward); }

  // reversed returns the reversed shard that would hold the word key (UTF-8).
  reversed(key) { return this.load(shardOf(this.root.rev, reverse(key)), readReversed); }

  filters() { return this.file(this.root.filters, readFilters); }

  set(hash) { return this.file(hash, this.readSet); }
}
