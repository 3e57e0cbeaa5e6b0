package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The values planted in the stories below: none may be printed whole, nor
// published.
const (
	plantedKey   = "AKIAZ7Q4MUXNBWEPSRT6"
	plantedEmail = "jordan.reyes@globexmail.com"
)

const secretStory = `
-- content/stories/leaked-key.md --
---
title: Leaked key
date: 2024-03-01
summary: A key in a log.
tags: [secrets]
---
The log said ` + "`aws_access_key_id=" + plantedKey + "`" + `.
`

const personalStory = `
-- content/stories/mail.md --
---
title: Mail
date: 2024-03-02
summary: An address in a story.
tags: [privacy]
---
The bounce named ` + "`" + plantedEmail + "`" + `.
`

// TestSecretRefusesTheBuild checks that a story with a secret fails the
// build and the check at the secret's place, with the secret masked in the
// terminal and in GitHub's annotations, and that the build leaves the
// published site as it was: no file of it, the search index's included,
// holds the secret.
func TestSecretRefusesTheBuild(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "true")
	src := libraryFrom(t, small)
	if code, _, stderr := runOops(t, "build", "-source", src); code != 0 {
		t.Fatal(stderr)
	}
	before := tree(t, filepath.Join(src, "public"))
	writeFile(t, filepath.Join(src, "content/stories/leaked-key.md"), strings.TrimPrefix(secretStory, "\n-- content/stories/leaked-key.md --\n"))
	for _, cmd := range []string{"build", "check"} {
		code, _, stderr := runOops(t, cmd, "-source", src)
		want := "content/stories/leaked-key.md:7:33: secret (aws-access-token) \"AKIA…\""
		if code != 1 || !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "::error file=content/stories/leaked-key.md,line=7,col=33::secret (aws-access-token)") {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant it to start %s, and an annotation", cmd, code, stderr, want)
		}
		if strings.Contains(stderr, plantedKey) || strings.Contains(stderr, plantedKey[:8]) {
			t.Errorf("%s printed the secret: %s", cmd, stderr)
		}
	}
	if after := tree(t, filepath.Join(src, "public")); !mapsEqual(before, after) {
		t.Error("a refused build changed public/")
	}
	filepath.WalkDir(filepath.Join(src, "public"), func(p string, d os.DirEntry, err error) error {
		if data, _ := os.ReadFile(p); err == nil && !d.IsDir() && strings.Contains(string(data), plantedKey) {
			t.Errorf("%s holds the secret", p)
		}
		return err
	})
}

// TestPersonalDataWarnsTheBuild checks that personal data fails the check
// (the pull request's gate) but only warns in a build, masked in both, and
// that the allow list silences it.
func TestPersonalDataWarnsTheBuild(t *testing.T) {
	src := libraryFrom(t, small+personalStory)
	want := "content/stories/mail.md:7:19: personal data (email) \"jord…\""
	code, _, stderr := runOops(t, "check", "-source", src)
	if code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("check: exit %d, stderr:\n%s\nwant an error starting %s", code, stderr, want)
	}
	code, _, stderr = runOops(t, "build", "-source", src)
	if code != 0 || !strings.HasPrefix(stderr, strings.Replace(want, "7:19: ", "7:19: warning: ", 1)) {
		t.Errorf("build: exit %d, stderr:\n%s\nwant a warning", code, stderr)
	}
	if strings.Contains(stderr, plantedEmail) {
		t.Errorf("the address was printed whole: %s", stderr)
	}
	writeFile(t, filepath.Join(src, "content/_index.md"), "---\ntitle: Small library\nallow: [globexmail.com]\n---\n")
	if code, _, stderr := runOops(t, "check", "-source", src); code != 0 {
		t.Errorf("check with the domain allowed: exit %d, %s", code, stderr)
	}
}

// TestSensitiveTermRefusesTheBuild checks that a term of the settings'
// sensitive list fails both commands.
func TestSensitiveTermRefusesTheBuild(t *testing.T) {
	src := libraryFrom(t, small)
	writeFile(t, filepath.Join(src, "content/_index.md"), "---\ntitle: Small library\nsensitive: [Second]\n---\n")
	for _, cmd := range []string{"build", "check"} {
		code, _, stderr := runOops(t, cmd, "-source", src)
		if code != 1 || !strings.Contains(stderr, "content/stories/second.md:2:8: sensitive term \"S…\"") {
			t.Errorf("%s: exit %d, stderr:\n%s", cmd, code, stderr)
		}
	}
}

// TestBasicAuth checks that credentials in OOPS_BASIC_AUTH protect every
// path in _headers, that the build says so in one line, and that a
// malformed value is refused without being printed.
func TestBasicAuth(t *testing.T) {
	src := libraryFrom(t, small)
	t.Setenv("OOPS_BASIC_AUTH", " ana:s3cret-one   bo:s3cret-two ")
	code, stdout, stderr := runOops(t, "build", "-source", src)
	if code != 0 || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "password-protected") {
		t.Errorf("exit %d, stdout %q, stderr %q; want one line saying the site is password-protected", code, stdout, stderr)
	}
	if strings.Contains(stderr, "s3cret") {
		t.Errorf("the build printed a password: %s", stderr)
	}
	headers, _ := os.ReadFile(filepath.Join(src, "public/_headers"))
	if !strings.Contains(string(headers), "/*\n  X-Robots-Tag: noindex\n  Basic-Auth: ana:s3cret-one bo:s3cret-two\n") {
		t.Errorf("_headers:\n%s", headers)
	}
	t.Setenv("OOPS_BASIC_AUTH", "ana:s3cret-one bo")
	code, _, stderr = runOops(t, "build", "-source", src)
	if code != 1 || !strings.Contains(stderr, "OOPS_BASIC_AUTH: entry 2 of 2 is not user:password") || strings.Contains(stderr, "s3cret") {
		t.Errorf("malformed: exit %d, stderr %q", code, stderr)
	}
}
