// Package deploy holds no code: its test checks the deployment files
// against the binary (every variable set is one it reads, every probe a
// real endpoint) and that the production overlay renders.
package deploy

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

type doc = map[string]any

// decodeAll parses every YAML document in b.
func decodeAll(t *testing.T, name string, b []byte) []doc {
	t.Helper()
	var out []doc
	dec := yaml.NewDecoder(bytes.NewReader(b))
	for {
		var d doc
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d != nil {
			out = append(out, d)
		}
	}
}

// manifests reads every YAML file under deploy/k8s, by path.
func manifests(t *testing.T) map[string][]doc {
	t.Helper()
	out := map[string][]doc{}
	err := filepath.WalkDir("k8s", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".yaml") {
			return err
		}
		b, err := os.ReadFile(path) // #nosec G304 -- a file of this repository
		if err != nil {
			return err
		}
		out[path] = decodeAll(t, path, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(doc)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func list(v any) []any { l, _ := v.([]any); return l }

func str(v any) string { s, _ := v.(string); return s }

// containers returns the containers of a Deployment or Job.
func containers(d doc) []doc {
	var out []doc
	for _, c := range list(get(d, "spec", "template", "spec", "containers")) {
		if m, ok := c.(doc); ok {
			out = append(out, m)
		}
	}
	return out
}

// checkDocs checks one set of manifests (the sources or a rendering):
// every PEDULI_* variable is one the binary reads, every key a ConfigMap
// holds is one too, and every probe is an endpoint that answers.
func checkDocs(t *testing.T, where string, docs []doc, endpoints map[string]bool, wantAllEnv bool) {
	t.Helper()
	known := config.EnvNames()
	for _, d := range docs {
		kind, name := str(d["kind"]), str(get(d, "metadata", "name"))
		if kind == "ConfigMap" {
			for key := range get(d, "data").(doc) {
				if !slices.Contains(known, key) {
					t.Errorf("%s: ConfigMap %s sets %s, which peduli does not read", where, name, key)
				}
			}
		}
		for _, c := range containers(d) {
			var set []string
			for _, e := range list(c["env"]) {
				n := str(get(e, "name"))
				set = append(set, n)
				if strings.HasPrefix(n, "PEDULI_") && !slices.Contains(known, n) {
					t.Errorf("%s: %s %s sets %s, which peduli does not read", where, kind, name, n)
				}
				for _, ref := range []string{"configMapKeyRef", "secretKeyRef"} {
					if r := get(e, "valueFrom", ref); r != nil && str(get(r, "key")) != n {
						t.Errorf("%s: %s takes %s from key %q", where, name, n, str(get(r, "key")))
					}
				}
			}
			if wantAllEnv && kind == "Deployment" {
				for _, n := range known {
					if !slices.Contains(set, n) {
						t.Errorf("%s: Deployment %s does not reference %s", where, name, n)
					}
				}
			}
			ports := map[string]bool{}
			for _, p := range list(c["ports"]) {
				ports[str(get(p, "name"))] = true
			}
			for _, probe := range []string{"startupProbe", "readinessProbe", "livenessProbe"} {
				p := get(c, probe, "httpGet")
				if p == nil {
					if kind == "Deployment" && wantAllEnv {
						t.Errorf("%s: Deployment %s has no %s", where, name, probe)
					}
					continue
				}
				if path := str(get(p, "path")); !endpoints[path] {
					t.Errorf("%s: %s of %s asks %s, which is not a health endpoint", where, probe, name, path)
				}
				if port := str(get(p, "port")); !ports[port] {
					t.Errorf("%s: %s of %s uses port %q, which the container does not name", where, probe, name, port)
				}
			}
			if kind == "Deployment" && wantAllEnv { // a whole Deployment, not a patch
				sc := get(c, "securityContext")
				if get(sc, "readOnlyRootFilesystem") != true || get(sc, "allowPrivilegeEscalation") != false {
					t.Errorf("%s: %s is not read-only and unprivileged", where, name)
				}
				if get(d, "spec", "template", "spec", "securityContext", "runAsNonRoot") != true {
					t.Errorf("%s: %s may run as root", where, name)
				}
			}
		}
	}
}

// healthEndpoints are the probe paths, checked against a running App:
// each must answer 200 with a working database.
func healthEndpoints(t *testing.T) map[string]bool {
	e := testkit.New(t, db.SQLite)
	out := map[string]bool{}
	for _, p := range []string{"/healthz", "/readyz"} {
		if res := e.Do(http.MethodGet, p, "", nil); res.Status == http.StatusOK {
			out[p] = true
		}
	}
	if len(out) != 2 {
		t.Fatalf("health endpoints answering: %v", out)
	}
	return out
}

func TestManifestsMatchTheBinary(t *testing.T) {
	endpoints := healthEndpoints(t)
	all := manifests(t)
	if len(all) < 8 {
		t.Fatalf("found only %d manifest files", len(all))
	}
	for path, docs := range all {
		checkDocs(t, path, docs, endpoints, strings.HasSuffix(path, "base/deployment.yaml"))
	}
	base := all[filepath.Join("k8s", "base", "configmap.yaml")][0]
	// The listen addresses match the container's ports.
	dep := all[filepath.Join("k8s", "base", "deployment.yaml")][0]
	c := containers(dep)[0]
	for setting, port := range map[string]string{"PEDULI_ADDR": "http", "PEDULI_METRICS_ADDR": "metrics"} {
		_, p, err := net.SplitHostPort(str(get(base, "data", setting)))
		if err != nil {
			t.Fatalf("%s: %v", setting, err)
		}
		found := false
		for _, cp := range list(c["ports"]) {
			if str(get(cp, "name")) == port && p == strings.TrimSpace(strings.Trim(yamlString(get(cp, "containerPort")), `"`)) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s port %s is not the container's %q port", setting, p, port)
		}
	}
	// A required ConfigMap key exists.
	for _, e := range list(c["env"]) {
		r := get(e, "valueFrom", "configMapKeyRef")
		if r != nil && get(r, "optional") != true && get(base, "data", str(get(r, "key"))) == nil {
			t.Errorf("the ConfigMap lacks %s, which the Deployment requires", str(get(r, "key")))
		}
	}
	// compose.yaml sets only real variables too.
	b, err := os.ReadFile("compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	known := config.EnvNames()
	for _, d := range decodeAll(t, "compose.yaml", b) {
		for svc, def := range get(d, "services").(doc) {
			env, _ := get(def, "environment").(doc)
			for n := range env {
				if strings.HasPrefix(n, "PEDULI_") && !slices.Contains(known, n) {
					t.Errorf("compose.yaml: %s sets %s, which peduli does not read", svc, n)
				}
			}
		}
	}
}

func yamlString(v any) string {
	b, _ := yaml.Marshal(v)
	return strings.TrimSpace(string(b))
}

// TestProductionOverlayRenders renders the production overlay with
// `kubectl kustomize` (or `kustomize build`) and checks the result.
func TestProductionOverlayRenders(t *testing.T) {
	var cmd *exec.Cmd
	if p, err := exec.LookPath("kubectl"); err == nil {
		cmd = exec.Command(p, "kustomize", "k8s/overlays/production") // #nosec G204 -- fixed arguments
	} else if p, err := exec.LookPath("kustomize"); err == nil {
		cmd = exec.Command(p, "build", "k8s/overlays/production") // #nosec G204 -- fixed arguments
	} else if os.Getenv("PEDULI_TEST_REQUIRE_KUSTOMIZE") == "1" {
		t.Fatal("PEDULI_TEST_REQUIRE_KUSTOMIZE=1 but neither kubectl nor kustomize is installed")
	} else {
		t.Skip("neither kubectl nor kustomize is installed")
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("render: %v\n%s", err, stderr.String())
	}
	docs := decodeAll(t, "rendering", out)
	kinds := map[string]doc{}
	for _, d := range docs {
		kinds[str(d["kind"])] = d
		if ns := str(get(d, "metadata", "namespace")); ns != "peduli" {
			t.Errorf("%s %s is in namespace %q", d["kind"], get(d, "metadata", "name"), ns)
		}
	}
	for _, k := range []string{"ConfigMap", "Service", "Deployment", "Job", "HorizontalPodAutoscaler", "PodDisruptionBudget"} {
		if kinds[k] == nil {
			t.Errorf("the production rendering has no %s", k)
		}
	}
	checkDocs(t, "production", docs, healthEndpoints(t), true)
	dep := kinds["Deployment"]
	if img := str(get(containers(dep)[0], "image")); !strings.Contains(img, ":") || strings.HasSuffix(img, ":latest") {
		t.Errorf("production image is not pinned: %q", img)
	}
	if got := get(kinds["HorizontalPodAutoscaler"], "spec", "minReplicas"); got != 3 {
		t.Errorf("production minReplicas = %v", got)
	}
	if base := str(get(kinds["ConfigMap"], "data", "PEDULI_BASE_URL")); !strings.HasPrefix(base, "https://") {
		t.Errorf("production base URL %q is not HTTPS", base)
	}
	for _, m := range []doc{get(dep, "spec", "selector", "matchLabels").(doc), get(kinds["Service"], "spec", "selector").(doc), get(kinds["PodDisruptionBudget"], "spec", "selector", "matchLabels").(doc)} {
		if m["app.kubernetes.io/component"] != "web" {
			t.Errorf("a selector misses the web pods: %v", m)
		}
	}
}
