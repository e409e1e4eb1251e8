package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
	"gorm.io/gorm"

	"github.com/peduli/peduli/internal/identity"
	"github.com/peduli/peduli/internal/platform/config"
)

func user(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: peduli user create --email E --name N [--platform-admin]")
	}
	var email, name string
	var admin bool
	cfg, err := config.Load("user create", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "email address (required; recorded as verified, the operator vouches for it)")
		fs.StringVar(&name, "name", "", "full name (required)")
		fs.BoolVar(&admin, "platform-admin", false, "make the user a platform admin")
	})
	if err != nil {
		return err
	}
	if email == "" || name == "" {
		return errors.New("--email and --name are required")
	}
	password, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	// The account and its platform role are one transaction; a running
	// server enforces the role within a second.
	var u *identity.User
	err = a.Access.ChangePlatformAdmins(ctx, func(tx *gorm.DB, grant func(userID string) error) error {
		var err error
		if u, err = a.Identity.CreateUser(tx, identity.NewUser{Email: email, Name: name, Password: password, Verified: true}); err != nil {
			return err
		}
		if admin {
			return grant(u.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created user %s (%s)%s\n", u.Email, u.ID, map[bool]string{true: " as platform admin"}[admin])
	return nil
}

// readPassword prompts without echo on a terminal, else reads one line.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}
