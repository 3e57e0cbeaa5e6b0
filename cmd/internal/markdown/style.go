package markdown

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// Light and Dark name the chroma styles of highlighted code.
const (
	Light = "github"
	Dark  = "github-dark"
)

// StyleCSS returns the CSS for highlighted code: the light style, and the
// dark style for screens of readers whose system prefers dark (on paper,
// code is always light). The default look keeps it in static/css/chroma.css.
func StyleCSS() []byte {
	var b bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	b.WriteString("/* Highlighted code (chroma styles " + Light + " and " + Dark + "). Made by oops; do not edit. */\n")
	if err := f.WriteCSS(&b, styles.Get(Light)); err != nil {
		panic(fmt.Sprint("chroma: ", err))
	}
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	if err := f.WriteCSS(&b, styles.Get(Dark)); err != nil {
		panic(fmt.Sprint("chroma: ", err))
	}
	b.WriteString(undo(styles.Get(Light), styles.Get(Dark)))
	b.WriteString("}\n")
	return b.Bytes()
}

// undo returns the rules that take back, on dark pages, what the light
// style sets and the dark one leaves to the text's own look: both styles'
// rules apply there, so a light colour the dark style does not override
// would show dark on dark.
func undo(light, dark *chroma.Style) string {
	var b strings.Builder
	lbg, dbg := light.Get(chroma.Background), dark.Get(chroma.Background)
	for _, t := range slices.Sorted(maps.Keys(chroma.StandardTypes)) {
		class := chroma.StandardTypes[t]
		if t == chroma.Background || t == chroma.PreWrapper || class == "" {
			continue
		}
		l, d := light.Get(t).Sub(lbg), dark.Get(t).Sub(dbg)
		var css []string
		if l.Colour.IsSet() && !d.Colour.IsSet() {
			css = append(css, "color: inherit")
		}
		if l.Background.IsSet() && !d.Background.IsSet() {
			css = append(css, "background-color: transparent")
		}
		if l.Bold == chroma.Yes && d.Bold != chroma.Yes {
			css = append(css, "font-weight: normal")
		}
		if l.Italic == chroma.Yes && d.Italic != chroma.Yes {
			css = append(css, "font-style: normal")
		}
		if l.Underline == chroma.Yes && d.Underline != chroma.Yes {
			css = append(css, "text-decoration: none")
		}
		if len(css) > 0 {
			fmt.Fprintf(&b, "/* %s */ .chroma .%s { %s }\n", t, class, strings.Join(css, "; "))
		}
	}
	return b.String()
}
