package funds_test

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/peduli/peduli/internal/platform/config"
	"github.com/peduli/peduli/internal/platform/db"
	"github.com/peduli/peduli/internal/platform/storage"
	"github.com/peduli/peduli/internal/testkit"
)

// TestReceiptsInObjectStore stores receipts in an S3-compatible bucket: the
// upload is served with the same headers, and on PostgreSQL a second
// replica (another App on the same database and bucket) serves a file the
// first one took.
func TestReceiptsInObjectStore(t *testing.T) {
	s3 := testkit.S3(t)
	withS3 := func(c *config.Config) {
		c.S3Endpoint, c.S3Bucket, c.S3Region = s3.Endpoint, s3.Bucket, s3.Region
		c.S3AccessKey, c.S3SecretKey = s3.AccessKey, s3.SecretKey
	}
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		e = testkit.New(t, e.Dialect, withS3)
		g := e.SignupGroup("Kelompok Awan")
		pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{3}, 2048)...)
		res := receiptUpload(t, e, g.Slug, g.OwnerToken, pdf).Expect(http.StatusCreated).Map()
		path := "/api/v1/t/" + g.Slug + "/ledger/" + testkit.Str(res, "id") + "/receipt"
		checkReceiptFile(t, e.Do(http.MethodGet, path, g.OwnerToken, nil).Expect(http.StatusOK), pdf)
		if e.Dialect == db.Postgres {
			other := testkit.New(t, db.Postgres, withS3)
			checkReceiptFile(t, other.Do(http.MethodGet, path, g.OwnerToken, nil).Expect(http.StatusOK), pdf)
		}
		// Another group's member cannot fetch it through the handler.
		stranger := e.SignupGroup("Kelompok Lain")
		e.Do(http.MethodGet, "/api/v1/t/"+stranger.Slug+"/ledger/"+testkit.Str(res, "id")+"/receipt", stranger.OwnerToken, nil).ExpectProblem(404, "not_found")
	})
}

// TestReceiptStoreDown: with the file store unreachable an upload answers
// 503 and writes no entry, and a download answers 503, not 500.
func TestReceiptStoreDown(t *testing.T) {
	testkit.Run(t, func(t *testing.T, e *testkit.Env) {
		g := e.SignupGroup("Kelompok Putus")
		pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{5}, 64)...)
		res := receiptUpload(t, e, g.Slug, g.OwnerToken, pdf).Expect(http.StatusCreated).Map()
		down, err := storage.NewS3(storage.S3Config{Endpoint: "http://127.0.0.1:1", Bucket: "peduli", AccessKey: "a", SecretKey: "b"})
		if err != nil {
			t.Fatal(err)
		}
		e.App.Funds.Files = down
		n := e.CountRows("ledger_entries", g.TenantID)
		receiptUpload(t, e, g.Slug, g.OwnerToken, pdf).ExpectProblem(http.StatusServiceUnavailable, "unavailable")
		if m := e.CountRows("ledger_entries", g.TenantID); m != n {
			t.Fatalf("a failed upload wrote %d entries", m-n)
		}
		e.Do(http.MethodGet, "/api/v1/t/"+g.Slug+"/ledger/"+testkit.Str(res, "id")+"/receipt", g.OwnerToken, nil).
			ExpectProblem(http.StatusServiceUnavailable, "unavailable")
	})
}
