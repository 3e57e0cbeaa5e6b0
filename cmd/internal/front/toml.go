package front

import (
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
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, errorf(base+pe.Position.Line, max(pe.Position.Col, 1), "invalid TOML front matter: %s", pe.Message)
		}
		return nil, errorf(base+1, 1, "invalid TOML front matter: %v", err)
	}
	pos := scanTOML(string(data), base)
	return fromTOML(m, "", pos, keyPos{base, 1}, 0), nil
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

func fromTOML(x any, path string, pos map[string]keyPos, at keyPos, depth int) *Value {
	if p, ok := pos[path]; ok {
		at = p
	}
	v := &Value{Line: at.line, Col: at.col}
	if depth > maxDepth {
		return v
	}
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
				Value: fromTOML(x[k], child, pos, kp, depth+1)})
		}
	case []map[string]any:
		v.Kind = List
		for i, item := range x {
			v.Items = append(v.Items, fromTOML(item, join(path, strconv.Itoa(i)), pos, at, depth+1))
		}
	case []any:
		v.Kind = List
		for i, item := range x {
			v.Items = append(v.Items, fromTOML(item, join(path, strconv.Itoa(i)), pos, at, depth+1))
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
