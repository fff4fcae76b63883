// Reads YAML streams as kubectl and Argo CD do, and prints them as JSON for the differential test.
//
// Each argument is a file; the output is one JSON array per line (in argument order), holding the
// file's documents converted by sigs.k8s.io/yaml (goyaml.v2 underneath, YAML 1.1). Documents are
// split at lines that are exactly "---", as k8s.io/apimachinery's YAMLReader splits a stream; empty
// documents are dropped, as kubectl does. A parse error is printed as {"error": "..."} for that file.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"sigs.k8s.io/yaml"
)

func documents(data []byte) [][]byte {
	var docs [][]byte
	var current bytes.Buffer
	scanner := bufio.NewScanner(bytes.NewReader(data))
	scanner.Buffer(make([]byte, 1024*1024), 64*1024*1024)
	flush := func() {
		if strings.TrimSpace(current.String()) != "" {
			docs = append(docs, append([]byte(nil), current.Bytes()...))
		}
		current.Reset()
	}
	for scanner.Scan() {
		line := scanner.Text()
		if strings.TrimRight(line, " \t") == "---" {
			flush()
			continue
		}
		current.WriteString(line)
		current.WriteByte('\n')
	}
	flush()
	return docs
}

func convert(file string) string {
	data, err := os.ReadFile(file)
	if err != nil {
		return errorJSON(err)
	}
	parsed := []json.RawMessage{}
	for _, doc := range documents(data) {
		out, err := yaml.YAMLToJSON(doc)
		if err != nil {
			return errorJSON(err)
		}
		parsed = append(parsed, out)
	}
	encoded, err := json.Marshal(parsed)
	if err != nil {
		return errorJSON(err)
	}
	return string(encoded)
}

func errorJSON(err error) string {
	encoded, _ := json.Marshal(map[string]string{"error": err.Error()})
	return string(encoded)
}

func main() {
	for _, file := range os.Args[1:] {
		fmt.Println(convert(file))
	}
}
