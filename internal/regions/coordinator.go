package regions

import (
	"context"
	"errors"
	"fmt"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// CoordinatorInput is the body of POST /admin/regions/{code}/coordinators.
type CoordinatorInput struct {
	Email string `json:"email" validate:"required,email,max=254"`
}

// Coordinator is someone who oversees a region.
type Coordinator struct {
	UserID     string `json:"user_id"`
	Name       string `json:"name"`
	Email      string `json:"email"`
	RegionCode string `json:"region_code"`
}

// AddCoordinator makes the account with email a coordinator of region code.
// The person must already have an account: coordinators are officers the
// platform operator knows, so an unknown email is a typo to fix (422)
// rather than an invitation sent to whoever owns that address. The account
// must have verified its email (409 email_unverified otherwise).
func (s *Service) AddCoordinator(ctx context.Context, code string, in CoordinatorInput) (*Coordinator, error) {
	if err := httpx.Validate(in); err != nil {
		return nil, err
	}
	if _, err := s.Tenancy.Region(ctx, code); err != nil {
		return nil, err
	}
	u, err := s.Users.UserByEmail(ctx, identity.NormalizeEmail(in.Email))
	if errors.Is(err, errs.ErrNotFound) {
		return nil, errs.Invalid("email", "account", "no account uses this email; ask the person to sign up first")
	}
	if err != nil {
		return nil, err
	}
	// Granted by email, so only to an address its owner has verified.
	if err := identity.RequireVerified(u); err != nil {
		return nil, err
	}
	if s.Access.Coordinates(u.ID, []string{code}) {
		return nil, errs.Conflict("already_coordinator", "this person already coordinates the region")
	}
	if err := s.Access.AddCoordinatorBy(ctx, u.ID, code, ""); err != nil {
		return nil, err
	}
	return &Coordinator{UserID: u.ID, Name: u.Name, Email: u.Email, RegionCode: code}, nil
}

// Coordinators lists who coordinates region code directly (not those of
// the regions above it).
func (s *Service) Coordinators(ctx context.Context, code string) ([]Coordinator, error) {
	if _, err := s.Tenancy.Region(ctx, code); err != nil {
		return nil, err
	}
	ids, err := s.Access.CoordinatorsOf(ctx, code)
	if err != nil {
		return nil, err
	}
	users, err := s.Users.Users(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Coordinator, 0, len(users))
	for _, u := range users {
		out = append(out, Coordinator{UserID: u.ID, Name: u.Name, Email: u.Email, RegionCode: code})
	}
	return out, nil
}

// RemoveCoordinator ends userID's coordination of region code; 404 when she
// does not coordinate it.
func (s *Service) RemoveCoordinator(ctx context.Context, code, userID string) error {
	if !s.Access.Coordinates(userID, []string{code}) {
		return errs.ErrNotFound
	}
	return s.Access.RemoveCoordinator(userID, code)
}

// AllCoordinators lists who coordinates which region, by region code.
func (s *Service) AllCoordinators(ctx context.Context) ([]Coordinator, error) {
	grants, err := s.Access.CoordinatorGrants(ctx)
	if err != nil {
		return nil, fmt.Errorf("regions: coordinators: %w", err)
	}
	ids := make([]string, 0, len(grants))
	for _, g := range grants {
		ids = append(ids, g.UserID)
	}
	users, err := s.Users.Users(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("regions: coordinators' accounts: %w", err)
	}
	byID := make(map[string]identity.User, len(users))
	for _, u := range users {
		byID[u.ID] = u
	}
	out := make([]Coordinator, 0, len(grants))
	for _, g := range grants {
		u := byID[g.UserID]
		out = append(out, Coordinator{UserID: g.UserID, Name: u.Name, Email: u.Email, RegionCode: g.RegionCode})
	}
	return out, nil
}
