package tenancy

import (
	"context"
	"errors"
	"fmt"
	"mime/multipart"
	"path/filepath"

	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/audit"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/photo"
	"github.com/peduli/peduli/internal/platform/storage"
)

// MaxPhotoUpload bounds the group photo as sent: a phone's camera photo.
const MaxPhotoUpload = photo.MaxUpload

// maxStoredPhoto bounds a stored photo when it is read back (it was
// shrunk to at most 1600 px, a few hundred KB).
const maxStoredPhoto = 4 << 20

// photoKey is where a group's photo lives in the upload store.
func photoKey(tenantID, name string) string { return "groups/" + tenantID + "/" + name }

// SetPhoto stores a new photo of the group, shrunk to a JPEG of at most
// 1600 px without its EXIF data, and removes the one it replaces. A file
// too large or not a picture is a field error on "photo".
func (s *Service) SetPhoto(ctx context.Context, scope db.Scope, actor audit.Actor, fh *multipart.FileHeader) error {
	data, err := photo.ReadUpload(fh, "photo", MaxPhotoUpload)
	if err != nil {
		return err
	}
	if !photo.IsPicture(data) {
		return errs.Invalid("photo", "filetype", "must be a photo (JPEG, PNG or WebP)")
	}
	if data, err = photo.Shrink(data); err != nil {
		return photo.FieldError("photo", err)
	}
	name := storage.NewName(".jpg")
	tenantID := scope.TenantID()
	if err := s.Files.Put(ctx, photoKey(tenantID, name), data, "image/jpeg"); err != nil {
		return filesError(err)
	}
	var old []string
	err = s.DB.GlobalTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&Tenant{}).Where("id = ?", tenantID).Pluck("photo", &old).Error; err != nil {
			return err
		}
		return tx.Model(&Tenant{}).Where("id = ?", tenantID).Updates(map[string]any{"photo": name, "updated_at": s.Now()}).Error
	})
	if err == nil {
		err = scope.Write(ctx, func(t *db.Tenant) error {
			return audit.Record(t, actor, audit.Update, "tenant", tenantID, "photo")
		})
	}
	if err != nil {
		s.removePhoto(tenantID, name)
		return fmt.Errorf("tenancy: set photo: %w", err)
	}
	if len(old) == 1 && old[0] != "" {
		s.removePhoto(tenantID, old[0])
	}
	return nil
}

// removePhoto deletes a stored photo no row names any more.
func (s *Service) removePhoto(tenantID, name string) {
	if err := s.Files.Delete(context.Background(), photoKey(tenantID, name)); err != nil && s.Log != nil {
		s.Log.Warn("unused group photo not removed", "error", err)
	}
}

// PublicPhoto returns the photo named name of the group at slug, as its
// public page shows it: only the group's current photo, only while the
// group is active (a suspended group's page is gone, and so is its photo).
func (s *Service) PublicPhoto(ctx context.Context, slug, name string) ([]byte, error) {
	t, err := s.Store.TenantBySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	if t.Status != StatusActive {
		return nil, errs.ErrGone
	}
	if t.Photo == "" || name != t.Photo || filepath.Base(name) != name {
		return nil, errs.ErrNotFound
	}
	data, err := storage.ReadAll(ctx, s.Files, photoKey(t.ID, name), maxStoredPhoto)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, errs.ErrNotFound
	}
	if err != nil {
		return nil, filesError(err)
	}
	return data, nil
}

// PhotoURL is the path of a group's current photo, "" for none. The name
// changes with every new photo, so the address may be cached for good.
func PhotoURL(t *Tenant) string {
	if t.Photo == "" {
		return ""
	}
	return "/g/" + t.Slug + "/photo/" + t.Photo
}

// filesError turns an unreachable file store into a 503 the client may
// retry (as receipts do); nothing was changed.
func filesError(err error) error {
	if errors.Is(err, storage.ErrUnavailable) {
		return errs.Unavailable("unavailable", "the file store is unreachable; try again")
	}
	return err
}
