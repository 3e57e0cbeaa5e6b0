package render

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing/fstest"

	"oops/cmd/internal/site"
	"testing"
)

// TestExport decodes /api/stories.json and checks it field by field.
func TestExport(t *testing.T) {
	r := newRenderer(t, Options{})
	var buf bytes.Buffer
	if err := r.exportJob().Run(&buf); err != nil {
		t.Fatal(err)
	}
	type change struct {
		What, Status, Owner, Due, Done, Link string
		OverdueDays                          int `json:"overdue_days"`
	}
	type lesson struct{ Text, URL string }
	var got struct {
		Version int
		Site    string
		AsOf    string `json:"as_of"`
		Stories []struct {
			Slug, URL, Title, Date, Summary, Severity, Impact, Duration string
			Tags, Related                                               []string
			Lessons                                                     []lesson
			Changes                                                     []change
		}
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("decoding: %v\n%s", err, buf.String())
	}
	if got.Version != ExportVersion || got.Site != "Test library" || got.AsOf != "2024-06-01" {
		t.Errorf("head = %d %q %q", got.Version, got.Site, got.AsOf)
	}
	var slugs []string
	for _, s := range got.Stories {
		slugs = append(slugs, s.Slug)
	}
	if want := []string{"cert-expiry", "dns-outage", "oops-meeting"}; !reflect.DeepEqual(slugs, want) {
		t.Fatalf("stories = %v, want %v (newest first, no drafts)", slugs, want)
	}
	s := got.Stories[0]
	for _, f := range []struct{ name, got, want string }{
		{"url", s.URL, "https://oops.example.com/stories/cert-expiry/"},
		{"title", s.Title, "The certificate expired: login was down"},
		{"date", s.Date, "2024-03-01"},
		{"summary", s.Summary, "A TLS certificate expired on a Sunday and nobody could log in."},
		{"severity", s.Severity, "high"},
		{"impact", s.Impact, "70 minutes of failed logins for every user."},
		{"duration", s.Duration, "70m"},
	} {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	if !reflect.DeepEqual(s.Tags, []string{"certificates", "on-call"}) || !reflect.DeepEqual(s.Related, []string{"dns-outage"}) {
		t.Errorf("tags = %v, related = %v", s.Tags, s.Related)
	}
	wantLessons := []lesson{
		{"Alert on expiry dates, not on failures.", "https://oops.example.com/stories/cert-expiry/#lesson-1"},
		{"Put renewals on a calendar that has an owner.", "https://oops.example.com/stories/cert-expiry/#lesson-2"},
	}
	if !reflect.DeepEqual(s.Lessons, wantLessons) {
		t.Errorf("lessons = %+v\nwant %+v", s.Lessons, wantLessons)
	}
	wantChanges := []change{
		{What: "Expiry alerts 30 days ahead", Status: "done", Owner: "Platform team", Done: "2024-03-20", Link: "https://example.com/pr/12"},
		{What: "Automatic renewal", Status: "in-progress", Owner: "Platform team", Due: "2024-05-01", OverdueDays: 31},
		{What: "A second on-call for weekends", Status: "planned", Owner: "SRE", Due: "2024-09-30"},
		{What: "Buying a certificate monitoring service", Status: "dropped"},
	}
	if !reflect.DeepEqual(s.Changes, wantChanges) {
		t.Errorf("changes = %+v\nwant %+v", s.Changes, wantChanges)
	}
	// A pinned lesson links by its anchor, not by its place.
	wantPinned := []lesson{
		{"Dry-run every cleanup script.", "https://oops.example.com/stories/dns-outage/#lesson-1"},
		{"Review the records a script will touch", "https://oops.example.com/stories/dns-outage/#lesson-review"},
	}
	if l := got.Stories[1].Lessons; !reflect.DeepEqual(l, wantPinned) {
		t.Errorf("lessons of dns-outage = %+v\nwant %+v", l, wantPinned)
	}
	if c := got.Stories[1].Changes; len(c) != 1 || c[0].Status != "done" || c[0].What != "Scripts print what they would delete first" {
		t.Errorf("a plain change = %+v, want done", c)
	}
}

// TestExportLeavesOutDrafts builds with drafts, as a preview does: the
// export still holds only published stories, and names none as related.
func TestExportLeavesOutDrafts(t *testing.T) {
	story := func(slug, extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + slug + "\ndate: 2024-01-01\nsummary: S.\ntags: [a]\n" + extra + "---\nBody.\n")}
	}
	src := fstest.MapFS{
		"content/stories/kept.md":  story("kept", "related: [draft]\n"),
		"content/stories/draft.md": story("draft", "draft: true\n"),
	}
	r := loadRenderer(t, src, site.Options{Drafts: true}, Options{})
	var buf bytes.Buffer
	if err := r.exportJob().Run(&buf); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Stories []struct {
			Slug    string
			Related []string
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Stories) != 1 || got.Stories[0].Slug != "kept" || len(got.Stories[0].Related) != 0 {
		t.Errorf("export with drafts built = %+v, want only the published story, relating to none", got.Stories)
	}
}
