package provision

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"gopkg.in/yaml.v3"
)

// Files and folders of a tenants directory.
const (
	regionsFile     = "regions.yaml"
	hostsFile       = "hosts.yaml"
	templatesFolder = "program-templates"
	groupsFolder    = "groups"
)

// Load reads a tenants directory and validates it. regions.yaml is required;
// hosts.yaml and the program-templates and groups folders may be absent.
// Files in a folder are read in file-name order so the result, and any
// error, is the same on every run. Unknown fields are errors, because a
// misspelt field would otherwise be silently dropped.
func Load(fsys fs.FS) (*Bundle, error) {
	b := &Bundle{}
	var p problems

	var regions struct {
		Regions []Region `yaml:"regions"`
	}
	if err := decodeFile(fsys, regionsFile, &regions); err != nil {
		p = append(p, err)
	}
	b.Regions = regions.Regions

	var hosts struct {
		Hosts []Host `yaml:"hosts"`
	}
	if err := decodeFile(fsys, hostsFile, &hosts); err != nil && !errors.Is(err, fs.ErrNotExist) {
		p = append(p, err)
	}
	b.Hosts = hosts.Hosts

	var kinds struct {
		Kinds []EnterpriseKind `yaml:"kinds"`
	}
	if err := decodeFile(fsys, enterpriseKindsFile, &kinds); err != nil && !errors.Is(err, fs.ErrNotExist) {
		p = append(p, err)
	}
	b.EnterpriseKinds = kinds.Kinds

	for _, name := range folderFiles(fsys, templatesFolder, &p) {
		t := Template{source: name}
		if err := decodeFile(fsys, name, &t); err != nil {
			p = append(p, err)
			continue
		}
		b.Templates = append(b.Templates, t)
	}
	for _, name := range folderFiles(fsys, groupsFolder, &p) {
		g := Group{source: name}
		if err := decodeFile(fsys, name, &g); err != nil {
			p = append(p, err)
			continue
		}
		b.Groups = append(b.Groups, g)
	}

	// A file that failed to decode would make references to it look
	// broken too, so cross-file checks wait until every file reads.
	if len(p) > 0 {
		return nil, errors.Join(p...)
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return b, nil
}

// folderFiles lists the .yaml files of a folder, sorted by name. A missing
// folder holds none; a .yml file is reported rather than skipped, since
// skipping it would silently leave its entry out.
func folderFiles(fsys fs.FS, folder string, p *problems) []string {
	entries, err := fs.ReadDir(fsys, folder)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		p.add("%s: %w", folder, err)
		return nil
	}
	var names []string
	for _, e := range entries { // fs.ReadDir sorts by name
		name := path.Join(folder, e.Name())
		switch {
		case e.IsDir():
			continue
		case strings.HasSuffix(name, ".yml"):
			p.add("%s: rename to .yaml to have it read", name)
		case strings.HasSuffix(name, ".yaml"):
			names = append(names, name)
		}
	}
	return names
}

// decodeFile decodes the single YAML document in a file into v, rejecting
// unknown fields. Errors name the file; a missing file wraps fs.ErrNotExist.
func decodeFile(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err // an *fs.PathError, which names the file
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: file is empty", name)
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: holds more than one YAML document", name)
	}
	return nil
}
