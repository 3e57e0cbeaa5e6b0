package site

import (
	"oops/cmd/internal/search"
	"oops/cmd/internal/story"
)

// SearchDoc is what the search index keeps of the story, whose body is
// text in plain words.
func (st *Story) SearchDoc(text []byte) search.Doc {
	return search.Doc{
		Slug: st.Slug, URL: st.URL, Title: st.Title, Summary: st.Summary,
		Date: st.Date.Format("2006-01-02"), Severity: st.Severity,
		Tags: st.Story.Tags, Authors: st.Authors, Impact: st.Impact,
		Lessons: st.Lessons, Anchors: st.Anchors, Changes: changeTexts(st.Changes), Body: text,
	}
}

func changeTexts(cs []story.Change) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.What
	}
	return out
}
