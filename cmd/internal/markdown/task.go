package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskRenderer renders the check box of a task list item with a name, "done"
// or "to do", so that a screen reader says what it is; without one it is an
// unlabelled form field.
type taskRenderer struct{}

func (taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*extast.TaskCheckBox).IsChecked {
			w.WriteString(`<input checked="" disabled="" type="checkbox" aria-label="done"> `)
		} else {
			w.WriteString(`<input disabled="" type="checkbox" aria-label="to do"> `)
		}
		return ast.WalkContinue, nil
	})
}
