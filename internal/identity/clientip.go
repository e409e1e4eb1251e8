package identity

import "context"

type clientIPKey struct{}

// WithClientIP records the client's address in ctx; the auth middleware
// does it for every request, so logins from pages and the API alike are
// throttled per address.
func WithClientIP(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, clientIPKey{}, ip)
}

// ClientIP returns the address WithClientIP recorded, or "unknown".
func ClientIP(ctx context.Context) string {
	if ip, ok := ctx.Value(clientIPKey{}).(string); ok && ip != "" {
		return ip
	}
	return "unknown"
}
