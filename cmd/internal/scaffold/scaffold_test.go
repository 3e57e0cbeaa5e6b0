package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"oops/cmd/internal/story"
)

var day = time.Date(2024, 3, 15, 23, 59, 0, 0, time.UTC)

// numbered returns n words: prefix0, prefix1, ...
func numbered(prefix string, n int) []string {
	var out []string
	for i := range n {
		out = append(out, prefix+strconv.Itoa(i))
	}
	return out
}

func TestCreate(t *testing.T) {
	tests := []struct {
		title string
		tags  []string
		file  string // "" when refused
		slug  string // the story's slug
		input bool   // refused as an InputError
	}{
		{"Café outage — 東京", []string{"database"}, "cafe-outage.md", "cafe-outage", false},
		{"  Expired certificate took down login ", nil, "expired-certificate-took-down-login.md", "expired-certificate-took-down-login", false},
		{"2024-03-15 outage", []string{"dns", "dns"}, "2024-03-15-outage.md", "2024-03-15-outage", false},
		{"東京", nil, "", "", true},
		{"—", nil, "", "", true},
		{"two\nlines", nil, "", "", true},
		{"bad \xff byte", nil, "", "", true},
		{"Fine", []string{"Deploys"}, "", "", true},
		{strings.Repeat("long ", 60) + "x", nil, "", "", true},
		{"Many tags", numbered("tag-", 51), "", "", true},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		name, err := Create(dir, tt.title, tt.tags, day)
		var input *InputError
		if got := errors.As(err, &input); got != tt.input || (err != nil) != (tt.file == "") {
			t.Errorf("Create(%q, %q): error %v", tt.title, tt.tags, err)
			continue
		}
		if err != nil {
			continue
		}
		if want := filepath.Join(dir, "content", "stories", tt.file); name != want {
			t.Errorf("Create(%q) wrote %s, want %s", tt.title, name, want)
		}
		src, _ := os.ReadFile(name)
		st, errs := story.Parse("content/stories/"+tt.file, src)
		if errs.Errors() > 0 && len(tt.tags) > 0 {
			t.Errorf("Create(%q): the story does not parse: %v", tt.title, errs)
		}
		if st.Slug != tt.slug || st.Title != strings.TrimSpace(tt.title) || st.Date != day.Truncate(24*time.Hour) {
			t.Errorf("Create(%q): slug %q, title %q, date %v", tt.title, st.Slug, st.Title, st.Date)
		}
		if _, err := Create(dir, tt.title, tt.tags, day); err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Errorf("Create(%q) twice: %v, want a refusal", tt.title, err)
		}
	}
}

func TestTemplate(t *testing.T) {
	src := string(Template(Placeholder))
	for _, want := range []string{
		`title: "(fill in) Your story's title"`, "date: YYYY-MM-DD ", "tags: []",
		"## What happened", "## Impact", "## How we owned it", "## Contributing factors", "## What changed afterward", "## Lessons",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("the template lacks %q", want)
		}
	}
	for _, field := range []string{"# slug", "summary", "authors", "severity", "impact", "duration", "lessons", "changes", "related", "aliases", "draft"} {
		if !strings.Contains(src, "\n"+field+":") {
			t.Errorf("the template lacks the field %s", field)
		}
	}
}
