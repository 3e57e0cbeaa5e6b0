package main

// Tests of the repository's deploy files: netlify.toml, which builds the
// site with this program, and the GitHub Actions workflows, which test it
// and check the library on every pull request.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/rhysd/actionlint"
	yaml "go.yaml.in/yaml/v3"
)

// repoRoot is the repository's root, seen from this package's folder.
const repoRoot = "../.."

type netlifyConfig struct {
	Build struct {
		Command     string
		Publish     string
		Environment map[string]string
	}
	Context map[string]struct {
		Command     string
		Environment map[string]string
	}
	Headers []struct {
		For    string
		Values map[string]string
	}
}

func readNetlify(t *testing.T) *netlifyConfig {
	t.Helper()
	var c netlifyConfig
	md, err := toml.DecodeFile(filepath.Join(repoRoot, "netlify.toml"), &c)
	if err != nil {
		t.Fatal(err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		t.Errorf("netlify.toml has keys this test does not know: %v", un)
	}
	return &c
}

func TestNetlifyBuild(t *testing.T) {
	c := readNetlify(t)
	if c.Build.Publish != "public" {
		t.Errorf("publish = %q, want public", c.Build.Publish)
	}
	gomod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	if goVersion == nil || c.Build.Environment["GO_VERSION"] != string(goVersion[1]) {
		t.Errorf("GO_VERSION = %q, want the go directive of go.mod (%s)", c.Build.Environment["GO_VERSION"], goVersion)
	}
	for _, name := range []string{"production", "deploy-preview", "branch-deploy"} {
		if _, ok := c.Context[name]; !ok {
			t.Errorf("netlify.toml has no [context.%s]", name)
		}
	}
}

// TestNetlifyContexts runs the build command of each context, as Netlify
// would with its environment, and checks what it makes: production pages
// are indexed and carry no banner; previews are neither.
func TestNetlifyContexts(t *testing.T) {
	c := readNetlify(t)
	env := map[string]string{
		"URL":              "https://oops-library.netlify.app",
		"DEPLOY_PRIME_URL": "https://deploy-preview-42--oops-library.netlify.app",
	}
	tests := []struct {
		context, command, canonical string
		preview                     bool
	}{
		{"build", c.Build.Command, "", false},
		{"production", c.Context["production"].Command, env["URL"] + "/", false},
		{"deploy-preview", c.Context["deploy-preview"].Command, env["DEPLOY_PRIME_URL"] + "/", true},
		{"branch-deploy", c.Context["branch-deploy"].Command, env["DEPLOY_PRIME_URL"] + "/", true},
	}
	for _, tt := range tests {
		t.Run(tt.context, func(t *testing.T) {
			args := shellWords(os.Expand(tt.command, func(k string) string { return env[k] }))
			if len(args) < 4 || strings.Join(args[:4], " ") != "go run ./cmd/oops build" {
				t.Fatalf("command %q does not build with go run ./cmd/oops build", tt.command)
			}
			dir := library(t)
			status, _, stderr := runOops(t, append(args[3:], "-source", dir)...)
			if status != 0 {
				t.Fatalf("%s: status %d: %s", tt.command, status, stderr)
			}
			home, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			page := string(home)
			if tt.canonical != "" && !strings.Contains(page, `<link rel="canonical" href="`+tt.canonical+`">`) {
				t.Errorf("no canonical link to %s in the home page", tt.canonical)
			}
			// The test library is internal: never indexed, previews or not.
			noindex := strings.Contains(page, `<meta name="robots" content="noindex, nofollow">`)
			banner := strings.Contains(page, `class="preview-banner"`)
			if !noindex || banner != tt.preview {
				t.Errorf("noindex %v, banner %v; want noindex, and a banner %v", noindex, banner, tt.preview)
			}
		})
	}
}

// shellWords splits a command line as sh would, for the quoting that
// netlify.toml uses.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	quote, inWord := rune(0), false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

func TestNetlifyHeaders(t *testing.T) {
	c := readNetlify(t)
	headers := map[string]map[string]string{}
	for _, h := range c.Headers {
		headers[h.For] = h.Values
	}
	all := headers["/*"]
	if all == nil {
		t.Fatal(`no [[headers]] for "/*"`)
	}
	csp := all["Content-Security-Policy"]
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy lacks %q: %s", want, csp)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*;"} {
		if strings.Contains(csp, bad) {
			t.Errorf("Content-Security-Policy allows %q: %s", bad, csp)
		}
	}
	for name, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
	} {
		if all[name] != want {
			t.Errorf("%s = %q, want %q", name, all[name], want)
		}
	}
	if all["Permissions-Policy"] == "" {
		t.Error("no Permissions-Policy")
	}
	if all["Cache-Control"] != "" {
		t.Error(`"/*" sets Cache-Control: only fingerprinted files may be cached for good`)
	}
	if got := headers["/assets/*"]["Cache-Control"]; got != "public, max-age=31536000, immutable" {
		t.Errorf(`Cache-Control of "/assets/*" = %q`, got)
	}
	for path := range headers {
		if path != "/*" && path != "/assets/*" {
			t.Errorf("headers for %q: this test does not know them", path)
		}
	}
	checkGeneratedHeaders(t, headers)
}

// checkGeneratedHeaders builds a library as a password-protected deploy
// preview, the case with the most in its _headers, and checks that no
// header of that file is one netlify.toml sets too: Netlify would send both.
func checkGeneratedHeaders(t *testing.T, toml map[string]map[string]string) {
	t.Setenv("OOPS_BASIC_AUTH", "ana:pw")
	dir := library(t)
	if status, _, stderr := runOops(t, "build", "-source", dir, "-preview"); status != 0 {
		t.Fatalf("build: %s", stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "public", "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, line := range strings.Split(string(data), "\n") {
		if name, _, ok := strings.Cut(strings.TrimSpace(line), ":"); ok && strings.HasPrefix(line, "  ") {
			names = append(names, name)
		}
	}
	if len(names) != 2 {
		t.Errorf("_headers sets %v, want X-Robots-Tag and Basic-Auth:\n%s", names, data)
	}
	for _, name := range names {
		for path, values := range toml {
			for set := range values {
				if strings.EqualFold(set, name) {
					t.Errorf("netlify.toml sets %s for %s, and so does the generated _headers", name, path)
				}
			}
		}
	}
}

// TestPagesWorkUnderCSP builds a library that uses every kind of Markdown
// and checks that no page needs what the Content-Security-Policy refuses
// (inline scripts and styles, event handlers, javascript: URLs), and that
// every script and style sheet is a fingerprinted file under /assets/,
// which netlify.toml lets browsers cache for good.
func TestPagesWorkUnderCSP(t *testing.T) {
	dir := library(t)
	writeFile(t, filepath.Join(dir, "content/stories/markdown.md"), "---\ntitle: Markdown\ndate: 2024-02-02\nsummary: Every kind.\ntags: [x]\nlessons: [One]\nchanges: [Done]\n---\n"+
		"| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ https://example.com [^1]\n\n[^1]: Note.\n\n```go\nfunc main() {}\n```\n\n"+
		"<script>alert(1)</script><b onclick=\"x()\" style=\"color:red\">raw</b> [js](javascript:alert(1)) ![i](/img.png)\n")
	if status, _, stderr := runOops(t, "build", "-source", dir); status != 0 {
		t.Fatalf("build: status %d: %s", status, stderr)
	}
	refused := regexp.MustCompile(`(?i)<style|\son[a-z]+=|\sstyle=|javascript:`)
	script := regexp.MustCompile(`(?i)<script[^>]*>`)
	asset := regexp.MustCompile(`(?:<script[^>]* src|<link rel="stylesheet" href)="([^"]*)"`)
	fingerprinted := regexp.MustCompile(`^/assets/.+\.[0-9a-f]{10}\.(?:css|js)$`)
	pages := 0
	err := filepath.Walk(filepath.Join(dir, "public"), func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if m := refused.Find(data); m != nil {
			t.Errorf("%s has %q, which the Content-Security-Policy refuses", p, m)
		}
		for _, m := range script.FindAll(data, -1) {
			if !bytes.Contains(m, []byte(" src=")) {
				t.Errorf("%s has an inline script, which the Content-Security-Policy refuses: %s", p, m)
			}
		}
		for _, m := range asset.FindAllSubmatch(data, -1) {
			if !fingerprinted.Match(m[1]) {
				t.Errorf("%s links %s: scripts and style sheets must be fingerprinted files under /assets/", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Errorf("only %d pages built", pages)
	}
}

// TestWorkflows runs actionlint over the workflows (with shellcheck when it
// is installed), and checks that CI tests the code and checks the library
// against the published site.
func TestWorkflows(t *testing.T) {
	opts := &actionlint.LinterOptions{}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	}
	var out bytes.Buffer
	l, err := actionlint.NewLinter(&out, opts)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", "*.y*ml"))
	if len(files) == 0 {
		t.Fatal("no workflows in .github/workflows")
	}
	errs, err := l.LintFiles(files, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("actionlint: %s", e)
	}

	src, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", "ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On struct {
			PullRequest yaml.Node `yaml:"pull_request"`
			Push        struct{ Branches []string }
		}
		Jobs map[string]struct {
			Steps []struct {
				Uses string
				With map[string]any
				Run  string
			}
		}
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatal(err)
	}
	var uses, runs []string
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			runs = append(runs, s.Run)
			if strings.HasPrefix(s.Uses, "actions/setup-go@") {
				uses = append(uses, s.Uses)
				if s.With["go-version-file"] != "go.mod" || s.With["cache"] != true {
					t.Errorf("%s with %v: want go-version-file: go.mod and cache: true", s.Uses, s.With)
				}
			}
		}
	}
	if len(uses) == 0 {
		t.Error("no job sets up Go with actions/setup-go")
	}
	for _, want := range []string{"go test ./...", "go run ./cmd/oops check -strict -baseline https://oops-library.netlify.app/urls.txt"} {
		if !strings.Contains(strings.Join(runs, "\n"), want) {
			t.Errorf("no step runs %q", want)
		}
	}
	if wf.On.PullRequest.Kind == 0 {
		t.Error("CI does not run on pull requests")
	}
	if !slices.Contains(wf.On.Push.Branches, "main") {
		t.Errorf("CI does not run on pushes to main: %v", wf.On.Push.Branches)
	}
}

// TestNetlifyResolver reads netlify.toml with Netlify's own resolver, the
// netlify-config program of the npm package @netlify/config, when it is
// installed (on PATH, or at the path in NETLIFY_CONFIG): it must read the
// file without a warning and give each context its build command.
func TestNetlifyResolver(t *testing.T) {
	bin := os.Getenv("NETLIFY_CONFIG")
	if bin == "" {
		bin, _ = exec.LookPath("netlify-config")
	}
	if bin == "" {
		msg := "netlify-config not found (npm install @netlify/config, then set NETLIFY_CONFIG to node_modules/.bin/netlify-config)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	want := readNetlify(t)
	for _, context := range []string{"production", "deploy-preview", "branch-deploy"} {
		cmd := exec.Command(bin, "--context", context, "--offline")
		cmd.Dir = repoRoot
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			t.Fatalf("netlify-config --context %s: %v\n%s", context, err, stderr.String())
		}
		var got struct {
			Config struct {
				Build struct{ Command, Publish string }
			}
		}
		if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Config.Build.Command != want.Context[context].Command || filepath.Base(got.Config.Build.Publish) != "public" {
			t.Errorf("context %s: Netlify resolves command %q, publish %q", context, got.Config.Build.Command, got.Config.Build.Publish)
		}
	}
}
