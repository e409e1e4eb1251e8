package funds

import (
	"context"
	"errors"
	"mime/multipart"
	"net/http"
	"path/filepath"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/photo"
	"github.com/peduli/peduli/internal/platform/storage"
)

// MaxUploadBytes bounds an uploaded receipt file as sent: a phone's camera
// photo of up to 12 MB is accepted (and shrunk); the browser usually
// shrinks it before sending.
const MaxUploadBytes = photo.MaxUpload

// MaxReceiptBytes bounds a stored receipt: a PDF kept as sent, or a photo
// after shrinking (a few hundred KB).
const MaxReceiptBytes = 5 << 20

// receiptKey is where a receipt file lives in the store. A local store's
// root is PEDULI_DATA_DIR/uploads, so the files written before the store
// existed (uploads/receipts/<tenant>/<name>) are found under the same keys.
func receiptKey(tenantID, name string) string { return "receipts/" + tenantID + "/" + name }

// SaveReceipt checks and stores an uploaded receipt under a random name. A
// photo (JPEG, PNG or WebP, by sniffed content: the client's Content-Type
// is not trusted) is stored shrunk to a JPEG without its EXIF data; a PDF
// is stored as sent. A file too large or of another kind is a field error
// on "receipt", so a form shows it beside the file input.
func (s *Service) SaveReceipt(tenantID string, fh *multipart.FileHeader) (*Upload, error) {
	data, err := photo.ReadUpload(fh, "receipt", MaxUploadBytes)
	if err != nil {
		return nil, err
	}
	ct := http.DetectContentType(data)
	switch {
	case ct == "application/pdf" && len(data) > MaxReceiptBytes:
		return nil, photo.TooLarge("receipt", MaxReceiptBytes)
	case ct == "application/pdf":
	case photo.IsPicture(data):
		if data, err = photo.Shrink(data); err != nil {
			return nil, photo.FieldError("receipt", err)
		}
		ct = "image/jpeg"
	default:
		return nil, errs.Invalid("receipt", "filetype", "must be a photo (JPEG, PNG or WebP) or a PDF")
	}
	name := storage.NewName(map[string]string{"image/jpeg": ".jpg", "application/pdf": ".pdf"}[ct])
	if err := s.Files.Put(context.Background(), receiptKey(tenantID, name), data, ct); err != nil {
		return nil, storeError(err)
	}
	return &Upload{Name: name, ContentType: ct}, nil
}

// RemoveReceipt deletes a stored file whose entry was not written.
func (s *Service) RemoveReceipt(tenantID string, u *Upload) {
	if u != nil {
		if err := s.Files.Delete(context.Background(), receiptKey(tenantID, u.Name)); err != nil {
			s.Log.Warn("unused receipt file not removed", "error", err)
		}
	}
}

// ReceiptFile returns the store key and type of an entry's receipt file.
func (s *Service) ReceiptFile(tx *db.Tenant, entryID string) (string, string, error) {
	e, err := entry(tx, entryID)
	if err != nil {
		return "", "", err
	}
	if e.ReceiptFile == "" || filepath.Base(e.ReceiptFile) != e.ReceiptFile {
		return "", "", errs.ErrNotFound
	}
	return receiptKey(tx.ID, e.ReceiptFile), e.ReceiptType, nil
}

// ReadReceipt reads a receipt file by the key ReceiptFile returned.
func (s *Service) ReadReceipt(ctx context.Context, key string) ([]byte, error) {
	data, err := storage.ReadAll(ctx, s.Files, key, MaxReceiptBytes+1)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, errs.ErrNotFound
	}
	if err != nil {
		return nil, storeError(err)
	}
	return data, nil
}

// storeError turns an unreachable file store into a 503 the client may
// retry; nothing was written.
func storeError(err error) error {
	if errors.Is(err, storage.ErrUnavailable) {
		return errs.Unavailable("", "the file store is unreachable; try again")
	}
	return err
}
