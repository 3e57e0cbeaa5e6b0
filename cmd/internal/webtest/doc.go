// Package webtest tests built sites end to end, as their readers get them.
//
// Its tests build small libraries with oops's own build, serve the output
// with the headers netlify.toml sends (the Content-Security-Policy among
// them), and check every kind of page: in headless Chromium, that no script
// runs that an author did not mean, that nothing breaks the policy, that
// axe-core finds no serious or critical accessibility violation and that
// narrow screens do not scroll sideways; in Go, that the HTML is valid
// (well-formed, one h1, unique ids, a language, alt text) and that assets
// are fingerprinted, small, and that pages carry no script they do not need.
//
// The package holds no code outside its tests. Browser tests skip without
// Chromium, and the accessibility test without axe-core, except under
// CI=true; .ci/run installs both. Set OOPS_SCREENSHOTS to a folder to have
// the layout test save screenshots there (bench/screenshots.sh does).
package webtest
