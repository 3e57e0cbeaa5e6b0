package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// TestRebuildWorkflow checks the daily rebuild: it runs on a schedule,
// takes the build hook from a repository secret, and its script, run
// here as the runner would, posts to the hook, fails when the hook
// refuses, and without the secret only says so. (TestWorkflows lints it.)
func TestRebuildWorkflow(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl not found")
	}
	src, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", "rebuild.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On struct {
			Schedule []struct{ Cron string }
		}
		Jobs map[string]struct {
			Steps []struct {
				Env map[string]string
				Run string
			}
		}
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatal(err)
	}
	if len(wf.On.Schedule) != 1 || len(strings.Fields(wf.On.Schedule[0].Cron)) != 5 || !strings.HasSuffix(wf.On.Schedule[0].Cron, "* * *") {
		t.Errorf("schedule = %+v, want one daily cron", wf.On.Schedule)
	}
	var script string
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if s.Env["BUILD_HOOK"] == "${{ secrets.NETLIFY_BUILD_HOOK }}" {
				script = s.Run
			}
		}
	}
	if script == "" {
		t.Fatal("no step takes BUILD_HOOK from the secret NETLIFY_BUILD_HOOK")
	}
	run := func(hook string) (string, error) {
		cmd := exec.Command("bash", "-e", "-c", script)
		cmd.Env = append(os.Environ(), "BUILD_HOOK="+hook)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	if out, err := run(""); err != nil || !strings.Contains(out, "::notice::") || !strings.Contains(out, "NETLIFY_BUILD_HOOK") {
		t.Errorf("without the secret: %v, output %q; want success and a notice naming the secret", err, out)
	}
	var got []string
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.URL.RequestURI())
		w.WriteHeader(status)
	}))
	defer srv.Close()
	if out, err := run(srv.URL + "/build_hooks/abc"); err != nil {
		t.Errorf("with the hook: %v: %s", err, out)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "POST /build_hooks/abc") {
		t.Errorf("requests to the hook: %q, want one POST", got)
	}
	status = http.StatusNotFound
	if _, err := run(srv.URL + "/build_hooks/gone"); err == nil {
		t.Error("a hook that refuses does not fail the run")
	}
}
