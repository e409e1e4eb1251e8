package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/peduli/peduli/internal/platform/config"
)

// devPay ("peduli dev pay DONATION_ID", or "latest", the group's newest)
// sends the running server the signed event Stripe would send when a
// pending online gift is paid; it works only with a Stripe test key.
func devPay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) < 1 || strings.HasPrefix(args[0], "-") {
		return errors.New(devUsage)
	}
	id, server, group := args[0], "", "rindu-sejahtera"
	cfg, err := config.Load("dev pay", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&server, "url", "", "the running server (default: the base URL)")
		fs.StringVar(&group, "group", group, "with latest: the group whose newest pending gift to pay")
	})
	if err != nil {
		return err
	}
	if server == "" {
		server = cfg.BaseURL
	}
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	if id == "latest" {
		if id, err = a.Funds.LatestPendingGift(ctx, group); err != nil {
			return fmt.Errorf("no pending online gift to %s: %w", group, err)
		}
	}
	payload, signature, err := a.Funds.TestPayment(ctx, id)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(server, "/")+"/api/v1/stripe/webhook", bytes.NewReader(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Stripe-Signature", signature)
	res, err := http.DefaultClient.Do(req) // #nosec G704 -- the operator's own server, named by her flag or config
	if err != nil {
		return fmt.Errorf("is the server running at %s? %w", server, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("the server answered %d: %s", res.StatusCode, strings.TrimSpace(string(body)))
	}
	fmt.Fprintf(stdout, "Sent a paid test event for donation %s: %s\n", id, strings.TrimSpace(string(body)))
	return nil
}
