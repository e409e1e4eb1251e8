package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestDevPayRefusesWithoutAPendingGift: `peduli dev pay` names what it
// needs and sends nothing when there is no pending gift to pay.
func TestDevPayRefusesWithoutAPendingGift(t *testing.T) {
	t.Setenv("PEDULI_DATA_DIR", t.TempDir())
	t.Setenv("PEDULI_DATABASE_URL", "")
	t.Setenv("PEDULI_STRIPE_SECRET_KEY", "sk_test_123")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"dev", "pay"}, strings.NewReader(""), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "peduli dev pay DONATION_ID") {
		t.Fatalf("dev pay without an id: %v", err)
	}
	err = run(context.Background(), []string{"dev", "pay", "latest", "--url", "http://127.0.0.1:1"}, strings.NewReader(""), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "no pending online gift to rindu-sejahtera") {
		t.Fatalf("dev pay latest with no gift: %v", err)
	}
	err = run(context.Background(), []string{"dev", "pay", "01a2271e-db26-74a9-84a7-b5d20e113d87", "--url", "http://127.0.0.1:1"}, strings.NewReader(""), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("dev pay of an unknown gift: %v", err)
	}
	if out.Len() != 0 {
		t.Fatalf("printed %q", out.String())
	}
}
