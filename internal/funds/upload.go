package funds

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/storage"
)

// MaxReceiptBytes bounds an uploaded receipt photo or scan. The whole
// request must also fit the server's 1 MiB body limit; phones should send
// a downscaled photo.
const MaxReceiptBytes = 1<<20 - 32<<10

// receiptTypes are the file types accepted, by sniffed content (the
// client's Content-Type is not trusted), with the extension stored.
var receiptTypes = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}

// receiptKey is where a receipt file lives in the store. A local store's
// root is PEDULI_DATA_DIR/uploads, so the files written before the store
// existed (uploads/receipts/<tenant>/<name>) are found under the same keys.
func receiptKey(tenantID, name string) string { return "receipts/" + tenantID + "/" + name }

// errTooLarge refuses a receipt file over MaxReceiptBytes.
var errTooLarge = errs.TooLarge("the receipt file is over the limit")

// SaveReceipt checks and stores an uploaded receipt under a random name.
func (s *Service) SaveReceipt(tenantID string, fh *multipart.FileHeader) (*Upload, error) {
	if fh.Size > MaxReceiptBytes {
		return nil, errTooLarge
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxReceiptBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxReceiptBytes {
		return nil, errTooLarge
	}
	ct := http.DetectContentType(data)
	ext, ok := receiptTypes[ct]
	if !ok {
		return nil, errs.Invalid("receipt", "filetype", "must be a JPEG or PNG photo or a PDF")
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	name := hex.EncodeToString(b[:]) + ext
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
	obj, err := s.Files.Open(ctx, key)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, errs.ErrNotFound
	}
	if err != nil {
		return nil, storeError(err)
	}
	defer obj.Body.Close()
	data, err := io.ReadAll(io.LimitReader(obj.Body, MaxReceiptBytes+1))
	if err != nil {
		return nil, storeError(fmt.Errorf("%w: %w", storage.ErrUnavailable, err))
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
