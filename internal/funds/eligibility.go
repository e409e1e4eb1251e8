package funds

import (
	"context"

	"github.com/peduli/peduli/internal/tenancy"
)

// Reasons a group cannot take online donations, as stable codes pages
// translate.
const (
	ReasonSuspended     = "group_suspended"
	ReasonNotVerified   = "group_not_verified"
	ReasonNoHost        = "no_host"
	ReasonPermitInvalid = "host_permit_not_valid"
	ReasonNoPayments    = "payments_not_configured"
)

// Eligibility says whether a group takes online donations now, through
// which host, and if not, why.
type Eligibility struct {
	Enabled bool
	Reason  string
	Host    *Host
	account account
}

// EligibilityOf applies the fundraising rules: the group is active and
// verified, a host receives for it, and the host's permit is valid today.
func (s *Service) EligibilityOf(ctx context.Context, t *tenancy.Tenant) (Eligibility, error) {
	switch {
	case t.Status != tenancy.StatusActive:
		return Eligibility{Reason: ReasonSuspended}, nil
	case !t.Verified:
		return Eligibility{Reason: ReasonNotVerified}, nil
	}
	h, err := s.HostOf(ctx, t.ID)
	if err != nil {
		return Eligibility{}, err
	}
	if h == nil {
		return Eligibility{Reason: ReasonNoHost}, nil
	}
	if !h.PermitValidOn(s.today()) {
		return Eligibility{Reason: ReasonPermitInvalid, Host: h}, nil
	}
	a, ok, err := s.accountOf(h)
	if err != nil {
		return Eligibility{}, err
	}
	if !ok {
		return Eligibility{Reason: ReasonNoPayments, Host: h}, nil
	}
	return Eligibility{Enabled: true, Host: h, account: a}, nil
}

// reasonText is the English sentence for a reason code.
var reasonText = map[string]string{
	ReasonSuspended:     "this group is suspended",
	ReasonNotVerified:   "this group is not verified yet; give in cash or by transfer to the group directly",
	ReasonNoHost:        "no host with a fundraising permit receives donations for this group yet",
	ReasonPermitInvalid: "the fundraising permit of this group's host is not valid today",
	ReasonNoPayments:    "online payments are not configured",
}

// DisabledError says online giving is closed for a group, and why.
type DisabledError struct{ Reason string }

func (e *DisabledError) Error() string { return reasonText[e.Reason] }
