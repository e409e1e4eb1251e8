package main

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// detailSQL reads one whole record, sealed columns included (Peduli opens
// them; this handler only passes the ciphertexts on).
const detailSQL = `SELECT id, name, key_version, nik_sealed, kk_sealed, birth_date_sealed, phone_sealed,
 address_sealed, income_sealed, disability_sealed, birth_year, female, village, marital_status,
 household_head, dependents, education, occupation, created_at, updated_at
 FROM beneficiaries WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`

// detail answers GET /api/v1/t/{slug}/beneficiaries/{id} as an audited
// read: the record and one audit_events row in the tenant's transaction.
func detail(c *fiber.Ctx, pool *pgxpool.Pool) error {
	ctx := c.UserContext()
	k, status, err := resolve(c, pool)
	if err != nil {
		return err
	} else if status != 0 {
		return c.SendStatus(status)
	}
	var out map[string]any
	err = inTenant(ctx, pool, k.tenantID, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, detailSQL, k.tenantID, c.Params("id"))
		if err != nil {
			return err
		}
		out, err = pgx.CollectExactlyOneRow(rows, pgx.RowToMap)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO audit_events (tenant_id, id, actor_id, action, entity, entity_id,
			request_id, session_id, created_at) VALUES ($1, $2, $3, 'read_personal', 'beneficiary', $4, '', $5, $6)`,
			k.tenantID, uuid.Must(uuid.NewV7()).String(), k.userID, c.Params("id"), k.sessionID, time.Now().UTC())
		return err
	})
	if err == pgx.ErrNoRows {
		return c.SendStatus(fiber.StatusNotFound)
	} else if err != nil {
		return err
	}
	return c.JSON(out)
}

// publicGroup answers GET /api/v1/public/groups/{slug} with what Peduli's
// answer is built from: the group, its donation host, and its active
// programs read in the tenant's transaction. No login.
func publicGroup(c *fiber.Ctx, pool *pgxpool.Pool) error {
	ctx := c.UserContext()
	var g struct {
		ID, Slug, Name, Status, Story, RegionCode string
		Verified                                  bool
	}
	err := pool.QueryRow(ctx, `SELECT id, slug, name, status, story, region_code, verified FROM tenants WHERE slug = $1`,
		c.Params("slug")).Scan(&g.ID, &g.Slug, &g.Name, &g.Status, &g.Story, &g.RegionCode, &g.Verified)
	if err == pgx.ErrNoRows {
		return c.SendStatus(fiber.StatusNotFound)
	} else if err != nil {
		return err
	}
	var host *string
	err = pool.QueryRow(ctx, `SELECT host_key FROM group_hosts WHERE tenant_id = $1`, g.ID).Scan(&host)
	if err != nil && err != pgx.ErrNoRows {
		return err
	}
	type program struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		Category string `json:"category"`
	}
	programs := []program{}
	err = inTenant(ctx, pool, g.ID, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, name, category FROM programs WHERE tenant_id = $1 AND status = 'active' ORDER BY name`, g.ID)
		if err != nil {
			return err
		}
		programs, err = pgx.CollectRows(rows, pgx.RowToStructByPos[program])
		return err
	})
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"slug": g.Slug, "name": g.Name, "status": g.Status, "story": g.Story,
		"region_code": g.RegionCode, "verified": g.Verified, "host": host, "programs": programs})
}
