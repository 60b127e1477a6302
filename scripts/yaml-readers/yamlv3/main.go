// yaml-v3-json prints every document of each YAML file given, as read by
// gopkg.in/yaml.v3 (the reader of Docker Compose's compose-go), as one JSON
// array per file and line. The test suite compares it with what the
// JavaScript and PyYAML readers see (plugins/data-stack-node/src/render/
// yamlReaders.test.ts): a rendered file must mean the same to all of them.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"gopkg.in/yaml.v3"
)

// typed marks values JSON cannot tell apart from strings.
func typed(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, item := range t {
			t[k] = typed(item)
		}
		return t
	case map[any]any:
		out := map[string]any{}
		for k, item := range t {
			out[fmt.Sprintf("%v", k)] = typed(item)
		}
		return map[string]any{"!nonStringKeys": out}
	case []any:
		for i, item := range t {
			t[i] = typed(item)
		}
		return t
	case time.Time:
		return map[string]any{"!timestamp": t.Format(time.RFC3339Nano)}
	default:
		return t
	}
}

func main() {
	status := 0
	for _, file := range os.Args[1:] {
		data, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		decoder := yaml.NewDecoder(bytes.NewReader(data))
		docs := []any{}
		for {
			var doc any
			err := decoder.Decode(&doc)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
				status = 1
				break
			}
			docs = append(docs, typed(doc))
		}
		line, err := json.Marshal(map[string]any{"file": file, "documents": docs})
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			status = 1
			continue
		}
		fmt.Println(string(line))
	}
	os.Exit(status)
}
