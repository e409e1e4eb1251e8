package app

import "github.com/peduli/peduli/internal/platform/config"

// proxyHeader is the header that names the client's address, and only when
// trusted proxies are configured: Fiber trusts every peer when its proxy
// check is off, so a header without a proxy list would let any client pick
// its own address and walk around the login throttle.
func proxyHeader(cfg config.Config) string {
	if len(cfg.TrustedProxies) == 0 {
		return ""
	}
	return cfg.ProxyHeader
}
