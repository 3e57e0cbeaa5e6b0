package render

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestScriptImports checks that a script's fingerprinted copy names the
// fingerprinted copies of the scripts it imports, that its name changes
// when one of them does, and that scripts that import each other are an
// error.
func TestScriptImports(t *testing.T) {
	fsys := fstest.MapFS{
		"js/page.js":        {Data: []byte(`import { f } from "./page/engine.js";` + "\n" + `new Worker(new URL("./page/worker.js", import.meta.url), { type: "module" });` + "\n")},
		"js/page/engine.js": {Data: []byte(`import { g } from "../lib.js"; import { h } from "./none.js";` + "\n")},
		"js/page/worker.js": {Data: []byte(`import { f } from "./engine.js";` + "\n")},
		"js/lib.js":         {Data: []byte("export const g = 1;\n")},
		"css/site.css":      {Data: []byte("body {}\n")},
	}
	a, err := LoadAssets(fsys)
	if err != nil {
		t.Fatal(err)
	}
	base := func(name string) string { h := a.Get(name).Hashed; return h[strings.LastIndexByte(h, '/')+1:] }
	want := `import { f } from "./page/` + base("js/page/engine.js") + `";` + "\n" +
		`new Worker(new URL("./page/` + base("js/page/worker.js") + `", import.meta.url), { type: "module" });` + "\n"
	if got := string(a.Get("js/page.js").HashedData); got != want {
		t.Errorf("the fingerprinted page.js is\n%s\nwant\n%s", got, want)
	}
	if got, want := string(a.Get("js/page/engine.js").HashedData), `import { g } from "../`+base("js/lib.js")+`"; import { h } from "./none.js";`+"\n"; got != want {
		t.Errorf("the fingerprinted engine.js is\n%s\nwant\n%s", got, want)
	}
	if got := string(a.Get("js/page.js").Data); got != string(fsys["js/page.js"].Data) {
		t.Errorf("page.js at its own path is\n%s\nwant it as written", got)
	}
	if got, want := a.Imports("js/page.js"), []string{"js/lib.js", "js/page/engine.js", "js/page/worker.js"}; !slices.Equal(got, want) {
		t.Errorf("page.js imports %q, want %q", got, want)
	}
	if c := a.Get("css/site.css"); c.Hashed != "assets/css/site."+c.Sum[:10]+".css" || string(c.HashedData) != "body {}\n" {
		t.Errorf("site.css is fingerprinted as %s", c.Hashed)
	}

	// A change to lib.js renames every script that imports it.
	fsys["js/lib.js"] = &fstest.MapFile{Data: []byte("export const g = 2;\n")}
	b, err := LoadAssets(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"js/lib.js", "js/page/engine.js", "js/page/worker.js", "js/page.js"} {
		if a.Get(name).Hashed == b.Get(name).Hashed {
			t.Errorf("%s keeps its fingerprinted name %s when lib.js changes", name, a.Get(name).Hashed)
		}
	}

	fsys["js/lib.js"] = &fstest.MapFile{Data: []byte(`import "./page.js";` + "\n")}
	if _, err := LoadAssets(fsys); err == nil || err.Error() != "static/js/lib.js:1:1: the scripts js/lib.js, js/page.js, js/page/engine.js, js/lib.js import each other, so none can be fingerprinted" {
		t.Errorf("scripts that import each other: error %v", err)
	}
}
