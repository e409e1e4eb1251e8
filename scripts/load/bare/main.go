// Command bare is the yardstick of the load scripts, not part of Peduli: a
// bare Fiber + pgx server that answers GET /api/v1/t/{slug}/beneficiaries
// with the same SQL Peduli runs for that page — the session by token hash,
// the user, the tenant by slug, then the page inside a transaction that
// sets app.tenant_id — and nothing else (no permission check, no unsealing
// of the masked fields, no access log). It must run as the same
// non-owner role as Peduli so row-level security applies to it too.
//
//	BARE_DATABASE_URL=postgres://…_app@127.0.0.1/… bare -addr 127.0.0.1:8091
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"log"
	"os"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

const listSQL = `SELECT tenant_id, id, name, key_version, nik_sealed, phone_sealed, birth_year, female, village,
 marital_status, household_head, dependents, education, occupation, consent_services, consent_reporting,
 consent_sharing, consent_recorded_at, consent_recorded_by, eligible_prse, created_at, updated_at, erased_at
 FROM beneficiaries WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY name, id LIMIT 51`

type item struct {
	ID            string     `json:"id"`
	Name          string     `json:"name"`
	BirthYear     *int32     `json:"birth_year"`
	Female        bool       `json:"female"`
	Village       string     `json:"village"`
	MaritalStatus string     `json:"marital_status"`
	HouseholdHead bool       `json:"household_head"`
	Dependents    int32      `json:"dependents"`
	Education     string     `json:"education"`
	Occupation    string     `json:"occupation"`
	Consent       [3]bool    `json:"consent"`
	ConsentAt     *time.Time `json:"consent_recorded_at"`
	EligiblePRSE  *bool      `json:"eligible_prse"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8091", "listen address")
	conns := flag.Int("conns", 20, "pool size (Peduli's default on PostgreSQL is 20)")
	flag.Parse()
	cfg, err := pgxpool.ParseConfig(os.Getenv("BARE_DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	cfg.MaxConns, cfg.MinConns = int32(*conns), int32(*conns) // #nosec G115 -- a small flag value
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		log.Fatal(err)
	}
	app := fiber.New(fiber.Config{Immutable: true})
	app.Get("/readyz", func(c *fiber.Ctx) error { return c.SendString("ok") })
	app.Get("/api/v1/t/:slug/beneficiaries", func(c *fiber.Ctx) error { return list(c, pool) })
	app.Get("/api/v1/t/:slug/beneficiaries/:id", func(c *fiber.Ctx) error { return detail(c, pool) })
	app.Get("/api/v1/public/groups/:slug", func(c *fiber.Ctx) error { return publicGroup(c, pool) })
	log.Fatal(app.Listen(*addr))
}

// caller is who a signed-in request comes from and the group it names.
type caller struct{ sessionID, userID, tenantID string }

// resolve runs the look-ups every workspace request makes, one statement
// each: the session by token hash, its user, the group by slug. A zero
// status means found; otherwise it is the status to answer.
func resolve(c *fiber.Ctx, pool *pgxpool.Pool) (caller, int, error) {
	ctx := c.UserContext()
	token := strings.TrimPrefix(c.Get("Authorization"), "Bearer ")
	sum := sha256.Sum256([]byte(token))
	now := time.Now().UTC()
	var k caller
	err := pool.QueryRow(ctx, `SELECT id, user_id FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL
		AND expires_at > $2 AND last_seen_at > $3 LIMIT 1`, hex.EncodeToString(sum[:]), now, now.Add(-24*time.Hour)).
		Scan(&k.sessionID, &k.userID)
	if err == pgx.ErrNoRows {
		return k, fiber.StatusUnauthorized, nil
	} else if err != nil {
		return k, 0, err
	}
	var email string
	if err := pool.QueryRow(ctx, `SELECT email FROM users WHERE id = $1 LIMIT 1`, k.userID).Scan(&email); err != nil {
		return k, 0, err
	}
	err = pool.QueryRow(ctx, `SELECT id FROM tenants WHERE slug = $1 LIMIT 1`, c.Params("slug")).Scan(&k.tenantID)
	if err == pgx.ErrNoRows {
		return k, fiber.StatusNotFound, nil
	}
	return k, 0, err
}

// inTenant runs fn in a transaction bound to the tenant, as Peduli's
// tenant scope does.
func inTenant(ctx context.Context, pool *pgxpool.Pool, tenantID string, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT set_config('app.tenant_id', $1, true)`, tenantID); err != nil {
			return err
		}
		return fn(tx)
	})
}

func list(c *fiber.Ctx, pool *pgxpool.Pool) error {
	ctx := c.UserContext()
	k, status, err := resolve(c, pool)
	if err != nil {
		return err
	} else if status != 0 {
		return c.SendStatus(status)
	}
	tenantID := k.tenantID
	items := make([]item, 0, 51)
	err = inTenant(ctx, pool, tenantID, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, listSQL, tenantID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var it item
			var tid, nik, phone string
			var kv int32
			var by *string
			var erased *time.Time
			if err := rows.Scan(&tid, &it.ID, &it.Name, &kv, &nik, &phone, &it.BirthYear, &it.Female, &it.Village,
				&it.MaritalStatus, &it.HouseholdHead, &it.Dependents, &it.Education, &it.Occupation,
				&it.Consent[0], &it.Consent[1], &it.Consent[2], &it.ConsentAt, &by, &it.EligiblePRSE,
				&it.CreatedAt, &it.UpdatedAt, &erased); err != nil {
				return err
			}
			items = append(items, it)
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	var next *string
	if len(items) > 50 {
		items = items[:50]
		next = &items[49].ID
	}
	return c.JSON(fiber.Map{"items": items, "next_cursor": next})
}
