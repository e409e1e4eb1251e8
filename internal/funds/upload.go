package funds

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"

	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/errs"
	"github.com/peduli/peduli/internal/platform/httpx"
)

// MaxReceiptBytes bounds an uploaded receipt photo or scan. The whole
// request must also fit the server's 1 MiB body limit; phones should send
// a downscaled photo.
const MaxReceiptBytes = 1<<20 - 32<<10

// receiptTypes are the file types accepted, by sniffed content (the
// client's Content-Type is not trusted), with the extension stored.
var receiptTypes = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}

// uploadDir is where a tenant's receipt files live.
func (s *Service) uploadDir(tenantID string) string {
	return filepath.Join(s.DataDir, "uploads", "receipts", tenantID)
}

// SaveReceipt checks and stores an uploaded receipt under a random name.
func (s *Service) SaveReceipt(tenantID string, fh *multipart.FileHeader) (*Upload, error) {
	if fh.Size > MaxReceiptBytes {
		p := httpx.NewProblem("payload_too_large", "the receipt file is over the limit")
		return nil, &httpx.ProblemError{Problem: p}
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
		return nil, &httpx.ProblemError{Problem: httpx.NewProblem("payload_too_large", "the receipt file is over the limit")}
	}
	ct := http.DetectContentType(data)
	ext, ok := receiptTypes[ct]
	if !ok {
		return nil, errs.Invalid("receipt", "filetype", "must be a JPEG or PNG photo or a PDF")
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	name := hex.EncodeToString(b[:]) + ext
	dir := s.uploadDir(tenantID)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
		return nil, err
	}
	return &Upload{Name: name, ContentType: ct}, nil
}

// RemoveReceipt deletes a stored file whose entry was not written.
func (s *Service) RemoveReceipt(tenantID string, u *Upload) {
	if u != nil {
		_ = os.Remove(filepath.Join(s.uploadDir(tenantID), u.Name))
	}
}

// ReceiptFile returns the path and type of an entry's receipt file.
func (s *Service) ReceiptFile(tx *db.Tenant, entryID string) (string, string, error) {
	e, err := entry(tx, entryID)
	if err != nil {
		return "", "", err
	}
	if e.ReceiptFile == "" || filepath.Base(e.ReceiptFile) != e.ReceiptFile {
		return "", "", errs.ErrNotFound
	}
	return filepath.Join(s.uploadDir(tx.ID), e.ReceiptFile), e.ReceiptType, nil
}
