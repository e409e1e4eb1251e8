package testkit

import "testing"

func TestSuiteLogScanFindsPersonalData(t *testing.T) {
	suiteLogs.mu.Lock()
	saved := suiteLogs.buffers
	suiteLogs.buffers = nil
	suiteLogs.mu.Unlock()
	defer func() { suiteLogs.mu.Lock(); suiteLogs.buffers = saved; suiteLogs.mu.Unlock() }()

	a, b := &LogBuffer{}, &LogBuffer{}
	trackLogs(a)
	trackLogs(b)
	a.Forbid("rahasia-sekali")
	_, _ = b.Write([]byte(`{"msg":"request","route":"/api/v1/t/:slug","duration_ms":0.81234567,"took_s":12.0812345678,"id":"0193a5b2-0824-7abc-8def-081234567890"}` + "\n"))
	if p := CheckSuiteLogs(); len(p) != 0 {
		t.Fatalf("clean logs flagged: %v", p)
	}
	_, _ = b.Write([]byte(`{"msg":"oops","value":"rahasia-sekali"}` + "\n"))
	_, _ = b.Write([]byte(`{"nik":"5301084107850001","phone":"081234567890"}` + "\n"))
	if p := CheckSuiteLogs(); len(p) != 3 {
		t.Fatalf("want 3 problems (another test's secret, a NIK, a phone), got %v", p)
	}
}
