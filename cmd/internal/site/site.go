// Package site holds a whole oops library in memory: its settings, stories,
// tags, reading paths and plain pages, linked to each other, with the URL of
// every page and the redirects of every alias.
//
// A Site is built from an fs.FS rooted at the source folder (Load), so tests
// can hand it an in-memory tree. Story bodies are not kept: a Site holds the
// metadata of every story, which lists, tags and related stories need, and
// pages read a story's body again when they render it. This keeps memory
// proportional to the metadata, not to the library's text.
//
// The URLs a Site gives are permanent (README.md lists them all):
//
//	/stories/<slug>/   /tags/<tag>/   /paths/<name>/   /<page>/
package site

import (
	"time"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/story"
)

// A Site is a loaded, validated library.
type Site struct {
	Settings  *story.Settings
	Stories   []*Story // published stories, newest first
	Tags      []*Tag   // by name
	Paths     []*Path  // by name
	Pages     []*Page  // by name
	Redirects []Redirect
	Drafts    bool // drafts are included

	bySlug map[string]*Story
	byTag  map[string]*Tag
	drafts map[string]bool // slugs of stories left out as drafts
	words  *storyWords     // of the stories' front matter, for the next site
}

// A Story is a story placed in its site.
type Story struct {
	*story.Story
	// URL is the story's path, "/stories/<slug>/". It is a field, where
	// the URL of a tag, path or page is a method, because every list of
	// stories shows it, and a layout calls a method through reflection.
	URL     string
	Index   int    // position in Site.Stories
	Tags    []*Tag // its tags, in the order the story gives them
	Related []*Story
}

// StoryURL returns the path of the story whose slug is slug.
func StoryURL(slug string) string { return "/stories/" + slug + "/" }

// A Tag is a tag and the stories that carry it.
type Tag struct {
	Name    string
	Stories []*Story   // newest first
	Desc    *story.Tag // nil when content/tags/<name>.md does not exist
}

// URL returns the tag's path, "/tags/<name>/".
func (t *Tag) URL() string { return "/tags/" + t.Name + "/" }

// Title returns the tag's display name.
func (t *Tag) Title() string {
	if t.Desc != nil && t.Desc.Title != "" {
		return t.Desc.Title
	}
	return t.Name
}

// A Path is a reading path with its stories resolved, in order.
type Path struct {
	*story.Path
	Stories []*Story
}

// URL returns the path's URL, "/paths/<name>/".
func (p *Path) URL() string { return "/paths/" + p.Name + "/" }

// A Page is a plain page.
type Page struct{ *story.Page }

// URL returns the page's URL, "/<name>/".
func (p *Page) URL() string { return "/" + p.Name + "/" }

// A Redirect sends an old URL to a page.
type Redirect struct {
	From, To string
	File     string // where the alias is declared
}

// Story returns the published story with the slug, or nil.
func (s *Site) Story(slug string) *Story { return s.bySlug[slug] }

// Tag returns the tag with the name, or nil.
func (s *Site) Tag(name string) *Tag { return s.byTag[name] }

// Updated returns the date of the newest story, or the zero time.
func (s *Site) Updated() time.Time {
	if len(s.Stories) == 0 {
		return time.Time{}
	}
	return s.Stories[0].Date
}

// Reserved names the top-level URL segments that the site's own pages use;
// a plain page may not take them.
var Reserved = map[string]bool{
	"stories": true, "tags": true, "paths": true, "lessons": true, "changes": true,
	"search": true, "assets": true, "feed.xml": true, "sitemap.xml": true,
	"robots.txt": true, "urls.txt": true, "_redirects": true, "404": true,
	"index": true, "_oops": true, "insights": true, "api": true,
}

// Counts returns how many changes of the site's stories have each status.
func (s *Site) Counts() map[string]int {
	c := map[string]int{}
	for _, st := range s.Stories {
		for _, ch := range st.Changes {
			c[ch.Status]++
		}
	}
	return c
}

// Warnings and errors are diag.Lists; this alias keeps signatures short.
type diags = diag.List
