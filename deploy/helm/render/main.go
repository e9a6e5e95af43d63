// Command render renders a Helm chart the way `helm template` does, for machines where Helm
// itself cannot be installed (ours: no Debian or npm package ships it). It uses the same
// engine as Helm — Go's text/template with Sprig's functions (Debian's
// golang-github-masterminds-sprig-dev) — and implements the part of Helm's template API that
// the Consortia chart uses:
//
//   - .Values: the chart's values.yaml, deep-merged with each -f file in order, then --set
//     key.path=value pairs (true/false/null/integers typed as Helm types them; no list indexes)
//   - .Release.Name/Namespace/Service/IsInstall/IsUpgrade/Revision, .Chart (Chart.yaml, keys
//     capitalised: .Chart.Name, .Chart.Version, .Chart.AppVersion), .Template.Name/BasePath,
//     .Capabilities.KubeVersion
//   - include, tpl, required, fail, toYaml, fromYaml, toJson, lookup (always empty, as in
//     `helm template`), and every Sprig function Helm offers (not env/expandenv, as in Helm)
//   - templates/_*.tpl hold definitions only, templates/NOTES.txt is not a manifest; crds/*.yaml are copied verbatim (--include-crds)
//   - the output: every manifest as its own YAML document with a "# Source:" comment, CRDs
//     first, then Helm's install order by kind; invalid YAML is an error naming the template
//
// Build (GOPATH mode, Debian's Go and packages only):
//
//	GOPATH=/usr/share/gocode GO111MODULE=off /usr/lib/go-1.19/bin/go build -o render .
//
// Usage: render [--name NAME] [--namespace NS] [-f values.yaml]... [--set a.b=c]... [--include-crds] CHART
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/ioutil"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v2"
)

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "render:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	name, namespace, chartDir := "consortia", "default", ""
	var valueFiles, sets stringList
	includeCrds := false
	for i := 0; i < len(args); i++ {
		next := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", args[i])
			}
			i++
			return args[i], nil
		}
		var err error
		switch a := args[i]; {
		case a == "--name":
			name, err = next()
		case a == "--namespace" || a == "-n":
			namespace, err = next()
		case a == "-f" || a == "--values":
			var v string
			v, err = next()
			valueFiles = append(valueFiles, v)
		case a == "--set":
			var v string
			v, err = next()
			sets = append(sets, v)
		case a == "--include-crds":
			includeCrds = true
		case strings.HasPrefix(a, "-"):
			return fmt.Errorf("unknown option %s", a)
		default:
			if chartDir != "" {
				return errors.New("one chart directory only")
			}
			chartDir = a
		}
		if err != nil {
			return err
		}
	}
	if chartDir == "" {
		return errors.New("usage: render [--name NAME] [--namespace NS] [-f values.yaml]... [--set a.b=c]... [--include-crds] CHART")
	}
	out, err := render(chartDir, name, namespace, valueFiles, sets, includeCrds)
	if err != nil {
		return err
	}
	_, err = os.Stdout.WriteString(out)
	return err
}

func render(chartDir, name, namespace string, valueFiles, sets []string, includeCrds bool) (string, error) {
	chartMeta, err := readYamlMap(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return "", err
	}
	chartName, _ := chartMeta["name"].(string)
	if chartName == "" {
		return "", errors.New("Chart.yaml has no name")
	}
	chart := map[string]interface{}{}
	for k, v := range chartMeta {
		chart[strings.ToUpper(k[:1])+k[1:]] = v
	}
	values, err := readYamlMap(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return "", err
	}
	for _, f := range valueFiles {
		override, err := readYamlMap(f)
		if err != nil {
			return "", err
		}
		values = merge(values, override)
	}
	for _, s := range sets {
		if err := setValue(values, s); err != nil {
			return "", err
		}
	}

	root := template.New("gotpl").Option("missingkey=zero")
	root.Funcs(funcMap(root))
	files, err := templateFiles(filepath.Join(chartDir, "templates"))
	if err != nil {
		return "", err
	}
	names := []string{}
	for _, f := range files {
		rel, _ := filepath.Rel(chartDir, f)
		tname := chartName + "/" + filepath.ToSlash(rel)
		text, err := ioutil.ReadFile(f)
		if err != nil {
			return "", err
		}
		if _, err := root.New(tname).Parse(string(text)); err != nil {
			return "", err
		}
		names = append(names, tname)
	}
	release := map[string]interface{}{"Name": name, "Namespace": namespace, "Service": "Helm",
		"IsInstall": true, "IsUpgrade": false, "Revision": 1}
	capabilities := map[string]interface{}{"KubeVersion": map[string]interface{}{
		"Version": "v1.20.2", "Major": "1", "Minor": "20", "GitVersion": "v1.20.2"}}

	var docs []manifest
	if includeCrds {
		crds, _ := filepath.Glob(filepath.Join(chartDir, "crds", "*.y*ml"))
		sort.Strings(crds)
		for _, f := range crds {
			text, err := ioutil.ReadFile(f)
			if err != nil {
				return "", err
			}
			rel, _ := filepath.Rel(chartDir, f)
			ds, err := split(chartName+"/"+filepath.ToSlash(rel), string(text))
			if err != nil {
				return "", err
			}
			for i := range ds {
				ds[i].crd = true
			}
			docs = append(docs, ds...)
		}
	}
	for _, tname := range names {
		if base := filepath.Base(tname); strings.HasPrefix(base, "_") || base == "NOTES.txt" {
			continue // definitions only; NOTES.txt is shown after install, not applied
		}
		data := map[string]interface{}{
			"Values": values, "Release": release, "Chart": chart, "Capabilities": capabilities,
			"Template": map[string]interface{}{"Name": tname, "BasePath": chartName + "/templates"},
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, tname, data); err != nil {
			return "", err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		ds, err := split(tname, text)
		if err != nil {
			return "", err
		}
		docs = append(docs, ds...)
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].order() < docs[j].order() })
	var out strings.Builder
	for _, d := range docs {
		out.WriteString("---\n# Source: " + d.source + "\n" + d.text + "\n")
	}
	return out.String(), nil
}

// funcMap is Helm's: Sprig without env/expandenv, plus Helm's own functions.
func funcMap(root *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	f["toYaml"] = func(v interface{}) string {
		b, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(b), "\n")
	}
	f["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		var raw interface{}
		if err := yaml.Unmarshal([]byte(s), &raw); err != nil {
			m["Error"] = err.Error()
			return m
		}
		if mm, ok := normalize(raw).(map[string]interface{}); ok {
			return mm
		}
		return m
	}
	f["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		err = t.Execute(&buf, data)
		return strings.ReplaceAll(buf.String(), "<no value>", ""), err
	}
	f["required"] = func(message string, v interface{}) (interface{}, error) {
		if v == nil {
			return nil, errors.New(message)
		}
		if s, ok := v.(string); ok && s == "" {
			return nil, errors.New(message)
		}
		return v, nil
	}
	f["fail"] = func(message string) (string, error) { return "", errors.New(message) }
	// `helm template` has no cluster to look in: lookup finds nothing, as here
	f["lookup"] = func(apiVersion, kind, namespace, name string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	return f
}

type manifest struct {
	source, text, kind string
	crd                bool
}

// Helm's install order (releaseutil.InstallOrder), CRDs before everything.
var installOrder = []string{"Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
	"PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
	"ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
	"CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
	"ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
	"DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
	"HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
	"APIService"}

func (m manifest) order() int {
	if m.crd {
		return -1
	}
	for i, k := range installOrder {
		if k == m.kind {
			return i
		}
	}
	return len(installOrder)
}

// split cuts a rendered template into its YAML documents, drops empty ones and checks each
// parses, naming the template when one does not.
func split(source, text string) ([]manifest, error) {
	var out []manifest
	for _, part := range strings.Split("\n"+text, "\n---") {
		doc := strings.TrimSpace(part)
		if doc == "" {
			continue
		}
		var obj map[string]interface{}
		// strict: a duplicated key is an error, as it is for the API server
		if err := yaml.UnmarshalStrict([]byte(doc), &obj); err != nil {
			return nil, fmt.Errorf("%s: not valid YAML: %v\n%s", source, err, doc)
		}
		if len(obj) == 0 {
			continue // only comments
		}
		kind, _ := obj["kind"].(string)
		out = append(out, manifest{source: source, text: doc, kind: kind})
	}
	return out, nil
}

func templateFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		ext := filepath.Ext(p)
		if !info.IsDir() && (ext == ".yaml" || ext == ".yml" || ext == ".tpl" || ext == ".txt") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func readYamlMap(path string) (map[string]interface{}, error) {
	text, err := ioutil.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw interface{}
	if err := yaml.Unmarshal(text, &raw); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if raw == nil {
		return map[string]interface{}{}, nil
	}
	m, ok := normalize(raw).(map[string]interface{})
	if !ok {
		return nil, fmt.Errorf("%s: not a map of values", path)
	}
	return m, nil
}

// normalize turns yaml.v2's map[interface{}]interface{} into the map[string]interface{} that
// Helm's values are (and Sprig's dict functions expect).
func normalize(v interface{}) interface{} {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, val := range t {
			m[fmt.Sprint(k)] = normalize(val)
		}
		return m
	case []interface{}:
		for i := range t {
			t[i] = normalize(t[i])
		}
		return t
	default:
		return v
	}
}

// merge overlays src on dst as Helm merges value files: maps key by key, anything else replaced;
// a null in src deletes the key.
func merge(dst, src map[string]interface{}) map[string]interface{} {
	for k, v := range src {
		if v == nil {
			delete(dst, k)
			continue
		}
		if sm, ok := v.(map[string]interface{}); ok {
			if dm, ok := dst[k].(map[string]interface{}); ok {
				dst[k] = merge(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
	return dst
}

// setValue applies one --set a.b.c=value (comma-separated pairs allowed, as in Helm).
func setValue(values map[string]interface{}, expr string) error {
	for _, pair := range strings.Split(expr, ",") {
		eq := strings.Index(pair, "=")
		if eq <= 0 {
			return fmt.Errorf("--set %q: expected key=value", pair)
		}
		key, raw := pair[:eq], pair[eq+1:]
		if strings.ContainsAny(key, "[]") {
			return fmt.Errorf("--set %q: list indexes are not supported by this renderer", pair)
		}
		var value interface{} = raw
		switch {
		case raw == "true" || raw == "false":
			value = raw == "true"
		case raw == "null":
			value = nil
		default:
			if n, err := strconv.ParseInt(raw, 10, 64); err == nil && !strings.HasPrefix(raw, "0") || raw == "0" {
				value = n
			}
		}
		path := strings.Split(key, ".")
		m := values
		for _, p := range path[:len(path)-1] {
			child, ok := m[p].(map[string]interface{})
			if !ok {
				child = map[string]interface{}{}
				m[p] = child
			}
			m = child
		}
		if value == nil {
			delete(m, path[len(path)-1])
		} else {
			m[path[len(path)-1]] = value
		}
	}
	return nil
}
