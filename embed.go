// Package oops carries the default look of an oops library: the html/template
// layouts in layouts/ and the CSS, JavaScript and images in static/. A library
// that has only content/ builds with these; a file of the same name in the
// library's own layouts/ or static/ takes the place of the one here.
package oops

import "embed"

// Defaults holds layouts/ and static/.
//
//go:embed layouts static
var Defaults embed.FS
