package front

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Kind is the shape of a Value.
type Kind uint8

const (
	Null Kind = iota
	Scalar
	List
	Map
)

func (k Kind) String() string {
	return [...]string{"nothing", "a single value", "a list", "a map"}[k]
}

// A Value is one node of decoded front matter with its position in the file.
type Value struct {
	Kind   Kind
	Tag    string   // "bool" for true and false, "str" for other scalars, "null" for Null
	Text   string   // scalars: the text as written (strings unquoted)
	Items  []*Value // List
	Fields []Field  // Map, in file order
	Line   int
	Col    int
}

// A Field is one key of a Map and its value.
type Field struct {
	Key       string
	Line, Col int // of the key
	Value     *Value
}

// Get returns the value of key in a Map, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil {
		return nil
	}
	for _, f := range v.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

func decodeYAML(data []byte, base int) (v *Value, err error) {
	if v, ok := parseSimple(data, base); ok {
		return v, nil
	}
	return decodeFullYAML(data, base)
}

// decodeFullYAML decodes with go-yaml, for any front matter.
func decodeFullYAML(data []byte, base int) (v *Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errorf(base+1, 1, "invalid YAML front matter: %v", r)
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(err, data, base)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &Value{Kind: Map, Line: base, Col: 1}, nil
	}
	t := &yamlTree{base: base}
	root := t.value(doc.Content[0], 0)
	if t.err != nil {
		return nil, t.err
	}
	switch root.Kind {
	case Map:
		return root, nil
	case Null:
		return &Value{Kind: Map, Line: base, Col: 1}, nil
	}
	return nil, errorf(root.Line, root.Col, "front matter must be fields, one a line (title: ...), not %s", root.Kind)
}

var (
	yamlLine  = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)
	typeLine  = regexp.MustCompile(`^line (\d+): (.*)$`)
	zeroBased = regexp.MustCompile(`^(did not find expected (<document start>|node content|key|'-' indicator|',' or '[\]}]')|found undefined tag handle|found duplicate %|found incompatible YAML document)`)
)

// yamlError turns a go-yaml error into one at a file position, with a
// hint at what to do. go-yaml counts lines from 1 in most messages but
// from 0 in its parser's, which point at the start of the construct left
// unfinished.
func yamlError(err error, data []byte, base int) error {
	msg := err.Error()
	line := 1
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		msg = te.Errors[0]
		if m := typeLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
	} else if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
			if zeroBased.MatchString(m[2]) {
				line++
			}
		}
		msg = m[2]
	}
	msg = shiftLines(msg, base)
	if lines := strings.Split(string(data), "\n"); line-1 < len(lines) && strings.HasPrefix(lines[line-1], "\t") {
		return errorf(base+line, 1, "invalid YAML front matter: this line is indented with a tab; YAML indents with spaces only")
	}
	for prefix, hint := range yamlHints {
		if strings.HasPrefix(msg, prefix) {
			msg += hint
			break
		}
	}
	return errorf(base+line, 1, "invalid YAML front matter: %s", msg)
}

// yamlHints say what usually causes go-yaml's terser syntax errors.
var yamlHints = map[string]string{
	"found unexpected end of stream":                 " (is a quote opened on an earlier line never closed?)",
	"did not find expected ',' or ']'":               " (is a [list] on this line left open, or does an item need quotes?)",
	"did not find expected ',' or '}'":               " (is a {map} on this line left open, or does a value need quotes?)",
	"mapping values are not allowed in this context": " (does a value hold \": \"? Put the value in quotes)",
	"did not find expected key":                      " (is this line indented differently from the fields around it?)",
}

var atLine = regexp.MustCompile(`at line (\d+)`)

// shiftLines rewrites "at line N" inside a go-yaml message to a file line.
func shiftLines(msg string, base int) string {
	return atLine.ReplaceAllStringFunc(msg, func(s string) string {
		n, _ := strconv.Atoi(strings.TrimPrefix(s, "at line "))
		return fmt.Sprintf("at line %d", n+base)
	})
}

// maxDepth bounds nesting, of YAML and TOML alike: front matter needs a
// list of maps at most, and hostile input must not exhaust the stack.
const maxDepth = 64

// maxAliased bounds how many values aliases (*name) may copy into one
// front matter. Each alias copies its anchor's value, so aliases of lists
// of aliases grow exponentially; front matter has no need of them.
const maxAliased = 1000

// A yamlTree turns go-yaml's nodes into Values, copying the value of each
// alias, up to maxAliased values in all.
type yamlTree struct {
	base    int        // file line of the line before the front matter
	alias   *yaml.Node // the outermost alias being copied, or nil
	aliased int        // values copied through aliases so far
	err     *Error     // set when values nest too deep or aliases copy too many
}

// value turns n, depth levels down the tree, into a Value; on an error
// (t.err) it stops and returns what it has.
func (t *yamlTree) value(n *yaml.Node, depth int) *Value {
	v := &Value{Line: n.Line + t.base, Col: n.Column}
	if depth > maxDepth && t.err == nil {
		t.err = errorf(v.Line, v.Col, "invalid YAML front matter: lists and maps nested more than %d deep", maxDepth)
	}
	if t.err != nil || t.overBudget() {
		return v
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias != nil {
			outer := t.alias == nil
			if outer {
				t.alias = n
			}
			a := t.value(n.Alias, depth+1)
			if outer {
				t.alias = nil
			}
			a.Line, a.Col = v.Line, v.Col
			return a
		}
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			v.Tag = "null"
			return v
		case "!!bool":
			v.Tag = "bool"
		default:
			v.Tag = "str"
		}
		v.Kind, v.Text = Scalar, n.Value
	case yaml.SequenceNode:
		v.Kind = List
		for _, c := range n.Content {
			v.Items = append(v.Items, t.value(c, depth+1))
		}
	case yaml.MappingNode:
		v.Kind = Map
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			v.Fields = append(v.Fields, Field{
				Key: k.Value, Line: k.Line + t.base, Col: k.Column,
				Value: t.value(n.Content[i+1], depth+1),
			})
		}
	}
	return v
}

// overBudget counts a value copied through an alias, and reports at the
// outermost alias whether aliases have copied more than maxAliased.
func (t *yamlTree) overBudget() bool {
	if t.alias == nil {
		return false
	}
	if t.aliased++; t.aliased <= maxAliased {
		return false
	}
	t.err = errorf(t.alias.Line+t.base, t.alias.Column,
		"invalid YAML front matter: aliases here copy more than %d values (aliases of lists of aliases?); write the values out", maxAliased)
	return true
}
