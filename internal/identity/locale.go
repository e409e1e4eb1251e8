package identity

import (
	"context"
	"fmt"

	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/i18n"
)

// SetLocale stores u's interface language (users.locale): id or en.
func (s *Service) SetLocale(ctx context.Context, u *User, lang string) error {
	if !i18n.IsSupported(lang) {
		return errs.Invalid("lang", "oneof", "must be id or en")
	}
	if u.Locale == lang {
		return nil
	}
	err := s.Store.db.Global(ctx).Model(&User{}).Where("id = ?", u.ID).Update("locale", lang).Error
	if err != nil {
		return fmt.Errorf("identity: set locale: %w", err)
	}
	u.Locale = lang
	return nil
}
