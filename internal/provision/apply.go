package provision

import (
	"context"
	"fmt"
	"io/fs"
)

// Step applies one part of a bundle (regions, templates, hosts, groups) to
// the database. Every step upserts and writes nothing when the database
// already matches, so applying the same directory twice changes nothing.
type Step struct {
	Name  string
	Apply func(ctx context.Context, b *Bundle) error
}

// Apply loads the tenants directory fsys and runs the steps in order.
func Apply(ctx context.Context, fsys fs.FS, steps []Step) error {
	b, err := Load(fsys)
	if err != nil {
		return err
	}
	for _, s := range steps {
		if err := s.Apply(ctx, b); err != nil {
			return fmt.Errorf("apply %s: %w", s.Name, err)
		}
	}
	return nil
}
