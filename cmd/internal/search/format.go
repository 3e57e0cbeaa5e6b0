package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
)

// version is the format version, the second byte of every file.
const version = 5

// Kinds of file, the first byte of each.
const (
	kindRoot     = 'R'
	kindForward  = 'F'
	kindReversed = 'V'
	kindTail     = 'T'
	kindCards    = 'C'
	kindFilters  = 'L'
	kindSet      = 'S'
)

// Dir is the folder of the index files in the output.
const Dir = "assets/search/"

// hashLen is the length of a file's hash.
const hashLen = 6

type fileHash [hashLen]byte

func hashOf(data []byte) fileHash {
	sum := sha256.Sum256(data)
	return fileHash(sum[:hashLen])
}

func (h fileHash) String() string { return hex.EncodeToString(h[:]) }

// fileName returns the output path of the file whose hash is h.
func fileName(h fileHash) string { return Dir + h.String() + ".bin" }

// blockName returns the output path of file i of a block whose hash is h:
// a card file, or a shard.
func blockName(h fileHash, i int) string { return fmt.Sprintf("%s%s-%d.bin", Dir, h, i) }

// An enc appends to a file.
type enc struct{ b []byte }

func newEnc(kind byte) *enc { return &enc{b: []byte{kind, version}} }

func (e *enc) num(x int)       { e.b = binary.AppendUvarint(e.b, uint64(x)) }
func (e *enc) byte1(c byte)    { e.b = append(e.b, c) }
func (e *enc) hash(h fileHash) { e.b = append(e.b, h[:]...) }
func (e *enc) raw(p []byte)    { e.b = append(e.b, p...) }
func (e *enc) str(s string)    { e.num(len(s)); e.b = append(e.b, s...) }
func (e *enc) front(prev, s string) {
	n := commonPrefix(prev, s)
	e.num(n)
	e.str(s[n:])
}

// errFormat is the error of a file that is not what its reader expects.
var errFormat = errors.New("search index: malformed file")

// A dec reads a file. After the first error every read returns zero
// values and err stays set; reads never panic.
type dec struct {
	b   []byte
	off int
	err error
}

func newDec(data []byte, kind byte) *dec {
	d := &dec{b: data}
	if len(data) < 2 || data[0] != kind || data[1] != version {
		d.fail()
		return d
	}
	d.off = 2
	return d
}

func (d *dec) fail() {
	if d.err == nil {
		d.err = errFormat
	}
	d.off = len(d.b)
}

func (d *dec) num() int {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 || x > 1<<40 {
		d.fail()
		return 0
	}
	d.off += n
	return int(x)
}

// count reads a number of items each at least min bytes long, failing if
// the rest of the file cannot hold them.
func (d *dec) count(min int) int {
	n := d.num()
	if n > (len(d.b)-d.off)/max(min, 1) {
		d.fail()
		return 0
	}
	return n
}

func (d *dec) byte1() byte {
	if d.err != nil || d.off >= len(d.b) {
		d.fail()
		return 0
	}
	d.off++
	return d.b[d.off-1]
}

func (d *dec) bytes(n int) []byte {
	if d.err != nil || n < 0 || n > len(d.b)-d.off {
		d.fail()
		return nil
	}
	d.off += n
	return d.b[d.off-n : d.off]
}

func (d *dec) str() string { return string(d.bytes(d.num())) }

func (d *dec) hash() fileHash {
	var h fileHash
	copy(h[:], d.bytes(hashLen))
	return h
}

func (d *dec) front(prev string) string {
	n := d.num()
	if n > len(prev) {
		d.fail()
		return ""
	}
	return prev[:n] + d.str()
}

// end returns the error of the file, including bytes left unread.
func (d *dec) end() error {
	if d.err == nil && d.off != len(d.b) {
		d.err = errFormat
	}
	return d.err
}
