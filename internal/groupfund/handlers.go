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
	var in SavingsInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Deposit(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Withdraw answers POST …/savings/withdrawals.
func (h *Handlers) Withdraw(c *fiber.Ctx) error {
	var in SavingsInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Withdraw(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// MemberSavings answers GET …/beneficiaries/{id}/savings.
func (h *Handlers) MemberSavings(c *fiber.Ctx) error {
	v, err := h.Service.MemberSavings(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
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
	var in LoanInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.CreateLoan(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Loan answers GET …/loans/{id}.
func (h *Handlers) Loan(c *fiber.Ctx) error {
	v, err := h.Service.Loan(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), c.Query("as_of"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// Repay answers POST …/loans/{id}/repayments.
func (h *Handlers) Repay(c *fiber.Ctx) error {
	var in RepaymentInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Repay(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// Portfolio answers GET …/loans/portfolio.
func (h *Handlers) Portfolio(c *fiber.Ctx) error {
	v, err := h.Service.Portfolio(c.UserContext(), h.Tenancy.ScopeOf(c), c.Query("as_of"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// RecordMeeting answers POST …/meetings.
func (h *Handlers) RecordMeeting(c *fiber.Ctx) error {
	var in MeetingInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.RecordMeeting(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// RequestWriteOff answers POST …/loans/{id}/write-off.
func (h *Handlers) RequestWriteOff(c *fiber.Ctx) error {
	var in WriteOffInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.RequestWriteOff(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// ApproveWriteOff answers POST …/loans/{id}/write-off/approval.
func (h *Handlers) ApproveWriteOff(c *fiber.Ctx) error {
	v, err := h.Service.ApproveWriteOff(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// CreateArisanRound answers POST …/arisan-rounds.
func (h *Handlers) CreateArisanRound(c *fiber.Ctx) error {
	var in ArisanRoundInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.CreateArisanRound(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// ArisanRound answers GET …/arisan-rounds/{id}.
func (h *Handlers) ArisanRound(c *fiber.Ctx) error {
	v, err := h.Service.ArisanRound(c.UserContext(), h.Tenancy.ScopeOf(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// Payout answers POST …/arisan-rounds/{id}/payouts.
func (h *Handlers) Payout(c *fiber.Ctx) error {
	var in PayoutInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.Payout(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// SetIKSRule answers PUT …/iks/rule.
func (h *Handlers) SetIKSRule(c *fiber.Ctx) error {
	var in IKSRuleInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.SetIKSRule(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// RecordIKS answers POST …/iks/contributions.
func (h *Handlers) RecordIKS(c *fiber.Ctx) error {
	var in IKSInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.RecordIKS(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}

// RescheduleLoan answers POST …/loans/{id}/reschedule.
func (h *Handlers) RescheduleLoan(c *fiber.Ctx) error {
	var in RescheduleInput
	if err := httpx.Bind(c, &in); err != nil {
		return err
	}
	v, err := h.Service.RescheduleLoan(c.UserContext(), h.Tenancy.ScopeOf(c), tenancy.ActorOf(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(v)
}
