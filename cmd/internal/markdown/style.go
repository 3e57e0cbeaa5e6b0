package markdown

import (
	"bytes"
	"fmt"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// Light and Dark name the chroma styles of highlighted code.
const (
	Light = "github"
	Dark  = "github-dark"
)

// StyleCSS returns the CSS for highlighted code: the light style, and the
// dark style for readers whose system prefers dark. The default look keeps
// it in static/css/chroma.css.
func StyleCSS() []byte {
	var b bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	b.WriteString("/* Highlighted code (chroma styles " + Light + " and " + Dark + "). Made by oops; do not edit. */\n")
	if err := f.WriteCSS(&b, styles.Get(Light)); err != nil {
		panic(fmt.Sprint("chroma: ", err))
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := f.WriteCSS(&b, styles.Get(Dark)); err != nil {
		panic(fmt.Sprint("chroma: ", err))
	}
	b.WriteString("}\n")
	return b.Bytes()
}
