package markdown

import (
	"bytes"
	"os"
	"testing"
)

func BenchmarkSQL(b *testing.B) {
	src := []byte("```sql\nUPDATE accounts SET flag = 1 WHERE id IN (SELECT id FROM staging_users);\n```\n")
	for b.Loop() {
		Render(src)
	}
}

func BenchmarkPlain(b *testing.B) {
	src := []byte("## What happened\n\nSome text here with words and more words that go on. Another sentence follows it.\n\n- a list\n- of things\n")
	for b.Loop() {
		Render(src)
	}
}

func BenchmarkCorpusBody(b *testing.B) {
	dir := os.Getenv("OOPS_CORPUS")
	if dir == "" {
		b.Skip("set OOPS_CORPUS to a generated library to run this benchmark")
	}
	dir += "/content/stories/"
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	for _, e := range entries[:200] {
		src, _ := os.ReadFile(dir + e.Name())
		i := bytes.Index(src[4:], []byte("\n---\n"))
		bodies = append(bodies, src[i+9:])
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Render(bodies[i%len(bodies)])
	}
}
