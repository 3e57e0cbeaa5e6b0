package sensitive

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"

	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
)

// secrets returns the secrets in text: gitleaks's findings, and credentials
// in URLs.
func secrets(text []byte) []hit {
	rs, err := loadRules()
	if err != nil {
		// The rule set is compiled into the program: failing to load it is a bug.
		panic("sensitive: loading gitleaks's default rules: " + err.Error())
	}
	var hits []hit
	for r, wins := range rs.windows(text) {
		for _, w := range wins {
			hits = append(hits, r.detect(text, w)...)
		}
	}
	return append(dropGeneric(hits), urlCredentials(text)...)
}

// A rule is one of gitleaks's rules with a detector of its own, and what it
// takes to look for it only where it can match.
type rule struct {
	id       string
	det      *detect.Detector  // gitleaks's detector with this rule alone
	width    int               // the longest match, in bytes; 0 when unbounded
	needs    [][]string        // lower-case strings: a match holds one of each set
	assigned bool              // the rule is a keyword, an assignment and a value
	probes   map[string]*probe // by keyword
}

// A ruleSet is gitleaks's default rules, indexed by keyword.
type ruleSet struct {
	byKeyword map[string][]*rule // lower-case keyword to the rules it triggers
	always    []*rule            // rules without keywords: run on the whole text
	keywords  keywordIndex
}

var loadRules = sync.OnceValues(func() (*ruleSet, error) {
	d, err := detect.NewDetectorDefaultConfig()
	if err != nil {
		return nil, err
	}
	return newRuleSet(d.Config), nil
})

func newRuleSet(cfg config.Config) *ruleSet {
	rs := &ruleSet{byKeyword: map[string][]*rule{}}
	ids := make([]string, 0, len(cfg.Rules))
	for id := range cfg.Rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		cr := cfg.Rules[id]
		if cr.Regex == nil || cr.Path != nil {
			continue // rules on file names: a story's name is not a secret
		}
		r := newRule(cfg, cr)
		if len(cr.Keywords) == 0 {
			rs.always = append(rs.always, r)
		}
		for _, k := range cr.Keywords {
			k = asciiLower(k)
			rs.byKeyword[k] = append(rs.byKeyword[k], r)
		}
	}
	rs.keywords = newKeywordIndex(rs.byKeyword)
	return rs
}

func newRule(cfg config.Config, cr config.Rule) *rule {
	one := config.Config{
		Rules:      map[string]config.Rule{cr.RuleID: cr},
		Keywords:   map[string]struct{}{},
		Allowlists: cfg.Allowlists,
	}
	for _, k := range cr.Keywords {
		one.Keywords[strings.ToLower(k)] = struct{}{}
	}
	src := cr.Regex.String()
	r := &rule{
		id:       cr.RuleID,
		det:      detect.NewDetector(one),
		assigned: strings.Contains(src, assignment),
		probes:   map[string]*probe{},
	}
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return r // no shape: run on whole paragraphs, wherever a keyword is
	}
	r.width, r.needs = shape(re.Simplify())
	for k := range one.Keywords {
		r.probes[k] = newProbe(re.Simplify(), k)
	}
	return r
}

// A window is a part of the text a rule is run on.
type window struct{ start, end int }

// windows returns, for each rule that can match text, the parts of text it
// can match in: around each of its keywords, as wide as its longest match
// (the paragraph, when its matches have no bound), merged where they meet.
func (rs *ruleSet) windows(text []byte) map[*rule][]window {
	out := map[*rule][]window{}
	for _, r := range rs.always {
		out[r] = []window{{0, len(text)}}
	}
	for _, h := range rs.keywords.find(text, nil) {
		k, at := h.k, h.at
		for _, r := range rs.byKeyword[k] {
			if !r.probes[k].at(text, at) {
				continue
			}
			w := r.around(text, at, at+len(k))
			if r.assigned {
				var ok bool
				if w, ok = assignedWindow(text, at, at+len(k)); !ok {
					continue
				}
			}
			ws := out[r]
			if n := len(ws); n > 0 && ws[n-1].end >= w.start {
				ws[n-1].end = max(ws[n-1].end, w.end)
				continue
			}
			out[r] = append(ws, w)
		}
	}
	for r, ws := range out {
		ws = slices.DeleteFunc(ws, func(w window) bool { return !r.possible(text[w.start:w.end]) })
		if len(ws) == 0 {
			delete(out, r)
		} else {
			out[r] = ws
		}
	}
	return out
}

// around returns the window in which a match of r holding text[start:end]
// lies, widened to whitespace on both sides so that word boundaries at its
// edges are those of the text.
func (r *rule) around(text []byte, start, end int) window {
	if r.width == 0 {
		return paragraph(text, start, end)
	}
	s, e := max(0, start-r.width), min(len(text), end+r.width)
	for s > 0 && !isSpace(text[s-1]) {
		s--
	}
	for e < len(text) && !isSpace(text[e]) {
		e++
	}
	return window{s, e}
}

// paragraph returns the window from the blank line before start to the blank
// line after end.
func paragraph(text []byte, start, end int) window {
	s := bytes.LastIndex(text[:start], paraBreak) + 1
	e := bytes.Index(text[end:], paraBreak)
	if e < 0 {
		return window{s, len(text)}
	}
	return window{s, end + e + 1}
}

var paraBreak = []byte("\n\n")

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// possible reports whether part (a window) holds, ignoring ASCII case, one
// of each set of strings a match of r needs.
func (r *rule) possible(part []byte) bool {
	for _, set := range r.needs {
		if !slices.ContainsFunc(set, func(s string) bool { return containsFold(part, s) }) {
			return false
		}
	}
	return true
}

// detect runs r's detector on text[w.start:w.end].
func (r *rule) detect(text []byte, w window) []hit {
	part := string(text[w.start:w.end])
	var hits []hit
	for _, f := range r.det.Detect(detect.Fragment{Raw: part}) {
		start := matchStart(part, f.StartLine, f.StartColumn)
		if i := strings.Index(f.Match, f.Secret); i >= 0 && f.Secret != "" {
			start += i
		}
		end := start + len(f.Secret)
		if start < 0 || start >= end || end > len(part) || part[start:end] != f.Secret {
			continue // a finding gitleaks placed where it is not: nothing to mask
		}
		hits = append(hits, hit{Secret, f.RuleID, w.start + start, w.start + end})
	}
	return hits
}

// dropGeneric leaves out generic findings that a specific rule also found,
// as gitleaks does.
func dropGeneric(hits []hit) []hit {
	return slices.DeleteFunc(hits, func(h hit) bool {
		if !strings.Contains(h.rule, "generic") {
			return false
		}
		return slices.ContainsFunc(hits, func(o hit) bool {
			return !strings.Contains(o.rule, "generic") && o.start <= h.start && h.end <= o.end
		})
	})
}

// matchStart turns gitleaks's position of a match (its line, counted from 0,
// and its column, counted from the newline that ends the line before) into a
// byte offset in text.
func matchStart(text string, line, col int) int {
	prev, from := 0, 0
	for range line {
		i := strings.IndexByte(text[from:], '\n')
		if i < 0 {
			return -1
		}
		prev = from + i
		from = prev + 1
	}
	return prev + col - 1
}

// urlCredential is a URL with a user and password: scheme://user:password@host.
var urlCredential = regexp.MustCompile(`\b[a-zA-Z][a-zA-Z0-9+.-]{1,19}://[^\s:/@"'<>\x60\[\]()]+:([^\s/@"'<>\x60\[\]()]+)@[a-zA-Z0-9.-]`)

// placeholder matches passwords that stand for one: $VAR, ${VAR}, <password>,
// {{ .Password }}, ***, xxx.
var placeholder = regexp.MustCompile(`^(?:\$\{?\w+\}?|<[^>]*>|\{\{.*\}\}|%\w+%|\*+|x+|X+|\.\.\.|…)$`)

// urlCredentials returns the passwords of URLs with credentials in text.
func urlCredentials(text []byte) []hit {
	if !bytes.Contains(text, []byte("://")) {
		return nil
	}
	var hits []hit
	for _, m := range urlCredential.FindAllSubmatchIndex(text, -1) {
		if placeholder.Match(text[m[2]:m[3]]) {
			continue
		}
		hits = append(hits, hit{Secret, "url-credentials", m[2], m[3]})
	}
	return hits
}
