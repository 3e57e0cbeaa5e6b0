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
	entries, err := os.ReadDir("/tmp/c10k/content/stories")
	if err != nil {
		b.Skip()
	}
	var bodies [][]byte
	for _, e := range entries[:200] {
		src, _ := os.ReadFile("/tmp/c10k/content/stories/" + e.Name())
		i := bytes.Index(src[4:], []byte("\n---\n"))
		bodies = append(bodies, src[i+9:])
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Render(bodies[i%len(bodies)])
	}
}
