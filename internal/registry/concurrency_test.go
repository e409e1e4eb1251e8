package registry_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/registry"
	"github.com/peduli/peduli/internal/testkit"
)

// TestConcurrentFirstWritesShareOneKeyAndOneNIK checks the races a busy
// first day brings: many first writes create one tenant key between them,
// and one NIK registered by several people at once is stored once.
func TestConcurrentFirstWritesShareOneKeyAndOneNIK(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Rindu Sejahtera")
		scope := e.App.DB.Scope(g.TenantID)
		actor := audit.Actor{UserID: g.OwnerID}
		create := func(name, nik string) error {
			_, err := e.App.Registry.Create(context.Background(), scope, actor, registry.Input{Name: &name, NIK: &nik})
			return err
		}
		var wg sync.WaitGroup
		results := make(chan error, 16)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				results <- create(fmt.Sprintf("Ibu %d", i), testkit.NIK(birth()))
			}(i)
		}
		const same = "5301086107900007"
		e.Logs.Forbid(same)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				results <- create(fmt.Sprintf("Kembar %d", i), same)
			}(i)
		}
		wg.Wait()
		close(results)
		var ok, taken int
		for err := range results {
			var c *errs.ConflictError
			switch {
			case err == nil:
				ok++
			case errors.As(err, &c) && c.Code == "nik_taken":
				taken++
			default:
				t.Errorf("create: %v", err)
			}
		}
		if ok != 9 || taken != 7 {
			t.Errorf("%d created and %d refused as taken, want 9 and 7", ok, taken)
		}
		if n := count(t, e, "tenant_keys", g.TenantID); n != 1 {
			t.Errorf("%d tenant keys, want 1", n)
		}
	})
}
