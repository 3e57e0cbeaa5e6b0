package main

import (
	"bytes"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output of the testdata cases")

// TestCheckCases runs the cases of testdata/check: each archive holds a
// library's files, the command line (cmd), and what it must print on
// stderr and stdout and the status it must exit with. $DIR in cmd and in
// the output stands for the library's folder, which is also -source.
// An env file sets environment variables, one NAME=value a line.
func TestCheckCases(t *testing.T) {
	files, err := filepath.Glob("testdata/check/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/check: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runCase(t, file)
		})
	}
}

// caseFiles are the archive's files that describe the run, not the library.
var caseFiles = map[string]bool{"cmd": true, "env": true, "status": true, "stdout": true, "stderr": true}

func runCase(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	want := map[string]string{}
	t.Setenv("GITHUB_ACTIONS", "")
	for _, f := range ar.Files {
		if caseFiles[f.Name] {
			want[f.Name] = string(f.Data)
			continue
		}
		writeFile(t, filepath.Join(dir, f.Name), string(f.Data))
	}
	for _, kv := range strings.Split(strings.TrimSpace(want["env"]), "\n") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			t.Setenv(k, v)
		}
	}
	args := strings.Fields(strings.ReplaceAll(want["cmd"], "$DIR", dir))
	if len(args) == 0 {
		t.Fatal("the case has no cmd")
	}
	args = append(args, "-source", dir)
	var stdout, stderr bytes.Buffer
	status := run(args, &stdout, &stderr)
	got := map[string]string{
		"status": strconv.Itoa(status) + "\n",
		"stdout": strings.ReplaceAll(stdout.String(), dir, "$DIR"),
		"stderr": strings.ReplaceAll(stderr.String(), dir, "$DIR"),
	}
	if *update {
		rewriteCase(t, file, ar, got)
		return
	}
	for _, name := range []string{"status", "stderr", "stdout"} {
		if w, ok := want[name]; ok && w != got[name] {
			t.Errorf("%s of %q:\n got:\n%s\nwant:\n%s", name, strings.Join(args, " "), got[name], w)
		}
	}
}

// rewriteCase writes what the run printed into the case's archive: the
// command, then what it printed, then the library's files.
func rewriteCase(t *testing.T, file string, ar *txtar.Archive, got map[string]string) {
	have := map[string][]byte{}
	var rest []txtar.File
	for _, f := range ar.Files {
		if caseFiles[f.Name] {
			have[f.Name] = f.Data
		} else {
			rest = append(rest, f)
		}
	}
	var files []txtar.File
	for _, name := range []string{"cmd", "env", "status", "stderr", "stdout"} {
		data, ok := have[name]
		if g, printed := got[name]; printed && (ok || name != "stdout") {
			data, ok = []byte(g), true
		}
		if ok {
			files = append(files, txtar.File{Name: name, Data: data})
		}
	}
	ar.Files = append(files, rest...)
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runOops runs oops with args and returns its status, stdout and stderr.
func runOops(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := run(args, &stdout, &stderr)
	return status, stdout.String(), stderr.String()
}

// library writes a small library that passes check into a new folder.
func library(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "---\ntitle: Test library\n---\n")
	writeFile(t, filepath.Join(dir, "content/stories/expired-certificate-took-down-login.md"), `---
title: Expired certificate took down login
date: 2024-03-15
summary: The login certificate expired on a Saturday; nobody could sign in for 70 minutes.
tags: [certificates]
---
Renewal was a calendar reminder that went to a shared mailbox.
`)
	return dir
}

func TestCheckBaselineOverHTTP(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "")
	dir := library(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/urls.txt":
			fmt.Fprint(w, "/\n/stories/\n/stories/expired-cert/\n/stories/expired-certificate-took-down-login/\n")
		case "/kept.txt":
			fmt.Fprint(w, "/\n/stories/\n/stories/page/3/\n/tags/certificates/\n")
		case "/broken.txt":
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		case "/empty.txt":
			w.WriteHeader(http.StatusOK)
		case "/comments.txt":
			fmt.Fprint(w, "# nothing but a comment\n\n")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	tests := []struct {
		baseline string
		status   int
		stderr   []string // lines that stderr must hold
	}{
		{"/urls.txt", 1, []string{
			`content/stories/expired-certificate-took-down-login.md:6:1: published URL "/stories/expired-cert/" has no page or redirect any more: add the line aliases: ["/stories/expired-cert/"] to the front matter of content/stories/expired-certificate-took-down-login.md`,
			"oops check: 1 error, 0 warnings",
		}},
		{"/kept.txt", 0, nil},
		{"/missing.txt", 1, []string{"oops check: cannot fetch the baseline " + srv.URL + "/missing.txt: 404 Not Found"}},
		{"/broken.txt", 1, []string{"oops check: cannot fetch the baseline " + srv.URL + "/broken.txt: 503 Service Unavailable"}},
		{"/empty.txt", 1, []string{srv.URL + "/empty.txt:1:1: the baseline lists no URL: a baseline is the urls.txt of a published oops site, one path a line"}},
		{"/comments.txt", 1, []string{srv.URL + "/comments.txt:1:1: the baseline lists no URL: a baseline is the urls.txt of a published oops site, one path a line"}},
	}
	for _, tt := range tests {
		for _, strict := range []string{"-strict=false", "-strict"} {
			t.Run(tt.baseline+strict, func(t *testing.T) {
				checkBaseline(t, dir, srv.URL+tt.baseline, strict, tt.status, tt.stderr)
			})
		}
	}
}

// checkBaseline runs check with a baseline and compares its status and
// every line of its stderr with what is wanted.
func checkBaseline(t *testing.T, dir, baseline, strict string, want int, wantStderr []string) {
	t.Helper()
	status, _, stderr := runOops(t, "check", "-source", dir, strict, "-baseline", baseline)
	if status != want {
		t.Errorf("status %d, want %d; stderr:\n%s", status, want, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if stderr == "" {
		lines = nil
	}
	if strings.Join(lines, "\n") != strings.Join(wantStderr, "\n") {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, strings.Join(wantStderr, "\n"))
	}
}

func TestCheckUsage(t *testing.T) {
	dir := library(t)
	tests := []struct {
		args   []string
		status int
		stderr string // a part of stderr
	}{
		{[]string{"check", "-source", dir, "extra"}, 2, `oops check: unexpected argument "extra"`},
		{[]string{"check", "-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"check", "-source", filepath.Join(dir, "absent")}, 1, "oops check: source folder:"},
		{[]string{"check", "-source", dir, "-baseline", filepath.Join(dir, "absent.txt")}, 1, "absent.txt: no such file or directory"},
		{[]string{"check", "--source", dir, "--strict"}, 0, ""},
	}
	for _, tt := range tests {
		status, _, stderr := runOops(t, tt.args...)
		if status != tt.status || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("oops %s: status %d, stderr:\n%s\nwant status %d and %q", strings.Join(tt.args, " "), status, stderr, tt.status, tt.stderr)
		}
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := library(t)
	before := listFiles(t, dir)
	if status, _, stderr := runOops(t, "check", "-source", dir); status != 0 {
		t.Fatalf("status %d:\n%s", status, stderr)
	}
	if after := listFiles(t, dir); after != before {
		t.Errorf("check changed the folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func listFiles(t *testing.T, dir string) string {
	var b strings.Builder
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %d %v\n", strings.TrimPrefix(p, dir), info.Size(), info.ModTime())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
