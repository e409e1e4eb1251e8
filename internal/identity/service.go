package identity

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// Service owns the rules of accounts and logins.
type Service struct {
	Store           *Store
	SessionIdle     time.Duration
	SessionAbsolute time.Duration
	Now             func() time.Time
	// BaseURL starts the links mailed to users.
	BaseURL string
	// MailVerification sends verification links; nil when mail is not
	// configured (addresses then stay unverified).
	MailVerification VerificationMailer
	// QueueVerification queues the job that mails a verification link for
	// the address with addressHash (MailVerificationLink); nil when mail is
	// not configured.
	QueueVerification func(ctx context.Context, userID, addressHash string) error
	Log               *slog.Logger
}

// NewUser is what it takes to create an account.
type NewUser struct {
	Email    string
	Name     string
	Phone    string
	Password string
	Locale   string
	// Verified records the address as verified at once: only for accounts
	// an operator makes (demo users, the command line).
	Verified bool
}

// Validate checks a new account's fields; prefix names the JSON object
// holding them ("owner." in sign-up).
func (n NewUser) Validate(prefix string) error {
	v := &errs.ValidationError{}
	if msg := CheckPasswordRules(n.Password); msg != "" {
		v.Add(prefix+"password", "password", msg)
	}
	return v.Err()
}

// CreateUser inserts a user inside tx (so sign-up can create her together
// with her group). A taken email is a conflict.
func (s *Service) CreateUser(tx *gorm.DB, n NewUser) (*User, error) {
	if err := n.Validate(""); err != nil {
		return nil, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	u := &User{
		ID: db.NewID(), Email: NormalizeEmail(n.Email), Name: n.Name, Phone: n.Phone,
		Locale: n.Locale, PasswordHash: hash, PasswordChangedAt: now, CreatedAt: now, UpdatedAt: now,
	}
	if n.Verified {
		u.EmailVerifiedAt = &now
	}
	if err := tx.Create(u).Error; err != nil {
		if db.IsDuplicate(err) {
			return nil, errs.Conflict("email_taken", "an account with this email already exists")
		}
		return nil, err
	}
	return u, nil
}

// ErrBadCredentials is returned for a wrong email or password alike.
var ErrBadCredentials = errors.New("email or password is wrong")

// Login is LoginFrom from the client address the auth middleware put in
// ctx (see WithClientIP).
func (s *Service) Login(ctx context.Context, in LoginInput) (string, *User, error) {
	return s.LoginFrom(ctx, in, ClientIP(ctx))
}

// LoginFrom checks the credentials sent from address ip and opens a new
// session with a new token. A wrong email and a wrong password take the
// same time, give the same error and count the same against the throttle;
// while the throttle blocks, it answers a ThrottledError without checking.
func (s *Service) LoginFrom(ctx context.Context, in LoginInput, ip string) (string, *User, error) {
	if err := httpx.Validate(in); err != nil {
		return "", nil, err
	}
	email, password := in.Email, in.Password
	now := s.Now()
	if err := s.Store.checkThrottle(ctx, email, ip, now); err != nil {
		return "", nil, err
	}
	u, err := s.Store.UserByEmail(ctx, email)
	if errors.Is(err, errs.ErrNotFound) {
		_, _ = VerifyPassword(dummyHash, password)
		return "", nil, s.failed(ctx, email, ip, now)
	}
	if err != nil {
		return "", nil, err
	}
	ok, err := VerifyPassword(u.PasswordHash, password)
	if err != nil {
		return "", nil, err
	}
	if !ok || u.DisabledAt != nil {
		return "", nil, s.failed(ctx, email, ip, now)
	}
	if err := s.Store.clearAccount(ctx, email, ip); err != nil {
		return "", nil, err
	}
	token, err := s.StartSession(ctx, u.ID)
	return token, u, err
}

// failed counts a failed login and returns ErrBadCredentials.
func (s *Service) failed(ctx context.Context, email, ip string, now time.Time) error {
	if err := s.Store.recordFailure(ctx, email, ip, now); err != nil {
		return err
	}
	return ErrBadCredentials
}

// StartSession opens a new session for a user already authenticated.
func (s *Service) StartSession(ctx context.Context, userID string) (string, error) {
	token, _, err := s.Store.CreateSession(ctx, userID, s.Now(), s.SessionAbsolute)
	return token, err
}

// Resolve returns the user and session behind a token.
func (s *Service) Resolve(ctx context.Context, token string) (*User, *Session, error) {
	now := s.Now()
	sess, u, err := s.Store.SessionUser(ctx, token, now, s.SessionIdle)
	if err != nil {
		return nil, nil, err
	}
	if u.DisabledAt != nil {
		return nil, nil, errs.ErrUnauthenticated
	}
	if err := s.Store.TouchSession(ctx, sess, now); err != nil {
		return nil, nil, err
	}
	return u, sess, nil
}

// Logout revokes the session at once.
func (s *Service) Logout(ctx context.Context, sessionID string) error {
	return s.Store.RevokeSession(ctx, sessionID, s.Now())
}

// LogoutEverywhere ends every session of the user at once.
func (s *Service) LogoutEverywhere(ctx context.Context, userID string) error {
	return s.Store.RevokeUserSessions(ctx, userID, "", s.Now())
}

// SetPassword replaces a user's password and ends all her sessions and
// open reset links.
func (s *Service) SetPassword(ctx context.Context, userID, password string) error {
	if msg := CheckPasswordRules(password); msg != "" {
		return errs.Invalid("password", "password", msg)
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.Store.db.GlobalTx(ctx, func(tx *gorm.DB) error { return s.SetPasswordIn(tx, userID, hash) })
}
