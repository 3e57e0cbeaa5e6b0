package front

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

func decodeTOML(data []byte, base int) (v *Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errorf(base+1, 1, "invalid TOML front matter: %v", r)
		}
	}()
	if off := tooDeep(data); off >= 0 {
		line, col := position(data, off)
		return nil, errorf(base+line, col, "invalid TOML front matter: lists, tables or dotted keys nested more than %d deep", maxDepth)
	}
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, errorf(base+pe.Position.Line, max(pe.Position.Col, 1), "invalid TOML front matter: %s", pe.Message)
		}
		return nil, errorf(base+1, 1, "invalid TOML front matter: %v", err)
	}
	pos := scanTOML(string(data), base)
	return fromTOML(m, "", pos, keyPos{base, 1}), nil
}

// tooDeep returns the offset of the first place in data that nests lists,
// tables or the parts of a dotted key (a.b.c) more than maxDepth deep, or
// -1. It skips strings and comments, and runs before decoding: the TOML
// decoder takes time and memory that grow faster than the depth.
func tooDeep(data []byte) int {
	depth, dots := 0, 0 // dots: of the key or value being read
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			dots = 0
		case '"', '\'':
			i = stringEnd(data, i)
		case '.':
			dots++
		case '[', '{':
			depth, dots = depth+1, 0
		case ']', '}':
			depth, dots = max(depth-1, 0), 0
		case '=', ',', '\n':
			dots = 0
		}
		if depth+dots > maxDepth {
			return i
		}
	}
	return -1
}

// stringEnd returns the offset of the last byte of the TOML string that
// starts at data[i]: basic ("), literal (') or multi-line (""" or ”'). A
// string left open ends at the end of its line, or of data.
func stringEnd(data []byte, i int) int {
	q := data[i]
	delim, multi := []byte{q}, bytes.HasPrefix(data[i:], []byte{q, q, q})
	if multi {
		delim, i = []byte{q, q, q}, i+2
	}
	for i++; i < len(data); i++ {
		switch {
		case data[i] == '\\' && q == '"':
			i++
		case data[i] == '\n' && !multi:
			return i
		case bytes.HasPrefix(data[i:], delim):
			return i + len(delim) - 1
		}
	}
	return len(data)
}

type keyPos struct{ line, col int }

// scanTOML finds the line and column of each key, by dotted path: "title",
// "changes.0", "changes.0.what". The decoder does not report them; this scan
// covers what front matter uses (top-level keys, tables, arrays of tables).
func scanTOML(data string, base int) map[string]keyPos {
	pos := map[string]keyPos{}
	count := map[string]int{}
	table := ""
	for i, line := range strings.Split(data, "\n") {
		trimmed := strings.TrimSpace(line)
		col := len(line) - len(strings.TrimLeft(line, " \t")) + 1
		here := keyPos{base + 1 + i, col}
		switch {
		case strings.HasPrefix(trimmed, "[["):
			name := strings.TrimSpace(strings.Trim(trimmed, "[] "))
			table = name + "." + strconv.Itoa(count[name])
			count[name]++
			pos[table] = here
		case strings.HasPrefix(trimmed, "["):
			table = strings.TrimSpace(strings.Trim(trimmed, "[] "))
			pos[table] = here
		default:
			key, _, ok := strings.Cut(trimmed, "=")
			if !ok || strings.HasPrefix(trimmed, "#") {
				continue
			}
			key = strings.Trim(strings.TrimSpace(key), `"'`)
			if table != "" {
				key = table + "." + key
			}
			if _, seen := pos[key]; !seen {
				pos[key] = here
			}
		}
	}
	return pos
}

func fromTOML(x any, path string, pos map[string]keyPos, at keyPos) *Value {
	if p, ok := pos[path]; ok {
		at = p
	}
	v := &Value{Line: at.line, Col: at.col}
	switch x := x.(type) {
	case map[string]any:
		v.Kind = Map
		for _, k := range sortedKeys(x, path, pos) {
			child := join(path, k)
			kp, ok := pos[child]
			if !ok {
				kp = at
			}
			v.Fields = append(v.Fields, Field{Key: k, Line: kp.line, Col: kp.col,
				Value: fromTOML(x[k], child, pos, kp)})
		}
	case []map[string]any:
		v.Kind = List
		for i, item := range x {
			v.Items = append(v.Items, fromTOML(item, join(path, strconv.Itoa(i)), pos, at))
		}
	case []any:
		v.Kind = List
		for i, item := range x {
			v.Items = append(v.Items, fromTOML(item, join(path, strconv.Itoa(i)), pos, at))
		}
	default:
		v.Kind = Scalar
		v.Tag, v.Text = tomlScalar(x)
	}
	return v
}

func tomlScalar(x any) (string, string) {
	switch x := x.(type) {
	case string:
		return "str", x
	case bool:
		return "bool", strconv.FormatBool(x)
	case int64:
		return "str", strconv.FormatInt(x, 10)
	case float64:
		return "str", strconv.FormatFloat(x, 'g', -1, 64)
	case time.Time:
		if x.Location().String() == "date-local" {
			return "str", x.Format(time.DateOnly)
		}
		return "str", x.Format(time.RFC3339)
	}
	return "str", fmt.Sprint(x)
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// sortedKeys orders a table's keys as they stand in the file.
func sortedKeys(m map[string]any, path string, pos map[string]keyPos) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := pos[join(path, keys[i])], pos[join(path, keys[j])]
		if a.line != b.line {
			return a.line < b.line
		}
		return keys[i] < keys[j]
	})
	return keys
}
