package search

// A shardFile is a forward or reversed shard, encoded.
type shardFile struct {
	hash fileHash // of data
	data []byte
	code shardCode // what a forward shard was made of
}

// Shards are written in blocks of shardsPerBlock, each file named by its
// block's hash and its place among all shards, as card files are
// ("<hash>-<i>.bin"): the root then names a shard with the few bytes of
// its separator, not a hash of its own. A block's hash is that of its
// shards' hashes, so a shard changed renames the shards of its block.
const shardsPerBlock = 16

// putShards returns the hash of each block of shards and the jobs that
// write the shards under their names; a file is not written again when
// the previous Write wrote it.
func putShards(o *output, kind byte, shards []shardFile) ([]fileHash, []func() error) {
	var blocks []fileHash
	var jobs []func() error
	for lo := 0; lo < len(shards); lo += shardsPerBlock {
		hi := min(lo+shardsPerBlock, len(shards))
		e := newEnc(kind)
		for _, f := range shards[lo:hi] {
			e.hash(f.hash)
		}
		h := hashOf(e.b)
		blocks = append(blocks, h)
		jobs = append(jobs, func() error {
			for i := lo; i < hi; i++ {
				if err := o.put(blockName(h, i), shards[i].data); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return blocks, jobs
}

// appendShards appends to a root where words, in byte order, are cut
// into shards starting at starts, and the hashes of their blocks.
func appendShards(e *enc, words []string, starts []int, blocks []fileHash) {
	e.num(len(blocks))
	for _, h := range blocks {
		e.hash(h)
	}
	e.num(len(starts))
	prev := ""
	for i, s := range starts {
		sep := ""
		if i > 0 {
			sep = separator(words[s-1], words[s])
		}
		e.front(prev, sep)
		prev = sep
	}
}
