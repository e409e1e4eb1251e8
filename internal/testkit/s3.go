package testkit

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/peduli/peduli/internal/platform/storage"
)

// S3 returns a fresh bucket's settings on the S3-compatible server named by
// PEDULI_TEST_S3_ENDPOINT (with PEDULI_TEST_S3_ACCESS_KEY and
// PEDULI_TEST_S3_SECRET_KEY). Without it the test is skipped, unless
// PEDULI_TEST_REQUIRE_S3=1 (CI), where it fails.
func S3(t testing.TB) storage.S3Config {
	t.Helper()
	endpoint := os.Getenv("PEDULI_TEST_S3_ENDPOINT")
	if endpoint == "" {
		if os.Getenv("PEDULI_TEST_REQUIRE_S3") == "1" {
			t.Fatal("PEDULI_TEST_REQUIRE_S3=1 but PEDULI_TEST_S3_ENDPOINT is empty")
		}
		t.Skip("no S3-compatible server: set PEDULI_TEST_S3_ENDPOINT")
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	return storage.S3Config{Endpoint: endpoint, Bucket: "peduli-test-" + hex.EncodeToString(b[:]),
		Region: "us-east-1", AccessKey: os.Getenv("PEDULI_TEST_S3_ACCESS_KEY"),
		SecretKey: os.Getenv("PEDULI_TEST_S3_SECRET_KEY")}
}
