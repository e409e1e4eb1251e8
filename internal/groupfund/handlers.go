package groupfund

import (
	"github.com/gofiber/fiber/v2"

	"github.com/peduli/peduli/internal/platform/httpx"
	"github.com/peduli/peduli/internal/tenancy"
)

// Handlers serves the group fund's API.
type Handlers struct {
	Service *Service
	Tenancy *tenancy.Service
}

// Deposit answers POST …/savings/deposits.
func (h *Handlers) Deposit(c *fiber.Ctx) error {
	return httpx.Created(c, func(in SavingsInput) (any, error) {
		return h.Service.Deposit(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	})
}

// Withdraw answers POST …/savings/withdrawals.
func (h *Handlers) Withdraw(c *fiber.Ctx) error {
	return httpx.Created(c, func(in SavingsInput) (any, error) {
		return h.Service.Withdraw(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	})
}

// MemberSavings answers GET …/beneficiaries/{id}/savings.
func (h *Handlers) MemberSavings(c *fiber.Ctx) error {
	return httpx.Reply(c, func() (any, error) {
		return h.Service.MemberSavings(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	})
}

// GroupSavings answers GET …/savings.
func (h *Handlers) GroupSavings(c *fiber.Ctx) error {
	v, err := h.Service.GroupSavings(c.UserContext(), h.Tenancy.ScopeOf(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"balances": v})
}

// CreateLoan answers POST …/loans.
func (h *Handlers) CreateLoan(c *fiber.Ctx) error {
	return httpx.Created(c, func(in LoanInput) (any, error) {
		return h.Service.CreateLoan(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	})
}

// Loan answers GET …/loans/{id}.
func (h *Handlers) Loan(c *fiber.Ctx) error {
	return httpx.Reply(c, func() (any, error) {
		return h.Service.Loan(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), c.Query("as_of"))
	})
}

// Repay answers POST …/loans/{id}/repayments.
func (h *Handlers) Repay(c *fiber.Ctx) error {
	return httpx.Created(c, func(in RepaymentInput) (any, error) {
		return h.Service.Repay(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	})
}

// Portfolio answers GET …/loans/portfolio.
func (h *Handlers) Portfolio(c *fiber.Ctx) error {
	return httpx.Reply(c, func() (any, error) {
		return h.Service.Portfolio(c.UserContext(), h.Tenancy.ScopeOf(c), c.Query("as_of"))
	})
}

// RecordMeeting answers POST …/meetings.
func (h *Handlers) RecordMeeting(c *fiber.Ctx) error {
	return httpx.Created(c, func(in MeetingInput) (any, error) {
		return h.Service.RecordMeeting(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	})
}

// RequestWriteOff answers POST …/loans/{id}/write-off.
func (h *Handlers) RequestWriteOff(c *fiber.Ctx) error {
	return httpx.Created(c, func(in WriteOffInput) (any, error) {
		return h.Service.RequestWriteOff(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	})
}

// ApproveWriteOff answers POST …/loans/{id}/write-off/approval.
func (h *Handlers) ApproveWriteOff(c *fiber.Ctx) error {
	return httpx.Reply(c, func() (any, error) {
		return h.Service.ApproveWriteOff(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	})
}

// CreateArisanRound answers POST …/arisan-rounds.
func (h *Handlers) CreateArisanRound(c *fiber.Ctx) error {
	return httpx.Created(c, func(in ArisanRoundInput) (any, error) {
		return h.Service.CreateArisanRound(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	})
}

// ArisanRound answers GET …/arisan-rounds/{id}.
func (h *Handlers) ArisanRound(c *fiber.Ctx) error {
	return httpx.Reply(c, func() (any, error) {
		return h.Service.ArisanRound(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"))
	})
}

// Payout answers POST …/arisan-rounds/{id}/payouts.
func (h *Handlers) Payout(c *fiber.Ctx) error {
	return httpx.Created(c, func(in PayoutInput) (any, error) {
		return h.Service.Payout(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	})
}

// SetIKSRule answers PUT …/iks/rule.
func (h *Handlers) SetIKSRule(c *fiber.Ctx) error {
	return httpx.Saved(c, func(in IKSRuleInput) (any, error) {
		return h.Service.SetIKSRule(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	})
}

// RecordIKS answers POST …/iks/contributions.
func (h *Handlers) RecordIKS(c *fiber.Ctx) error {
	return httpx.Created(c, func(in IKSInput) (any, error) {
		return h.Service.RecordIKS(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	})
}

// RescheduleLoan answers POST …/loans/{id}/reschedule.
func (h *Handlers) RescheduleLoan(c *fiber.Ctx) error {
	return httpx.Created(c, func(in RescheduleInput) (any, error) {
		return h.Service.RescheduleLoan(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	})
}
