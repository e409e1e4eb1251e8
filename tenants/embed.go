// Package tenants is the declarative data Peduli applies on every start and
// with `peduli apply`: regions with their minimum wages, the program-template
// catalog, donation hosts, the kinds of members' enterprises and groups. internal/provision loads and checks it.
package tenants

import "embed"

// FS holds the tenants directory shipped with the binary.
//
//go:embed regions.yaml hosts.yaml enterprise-kinds.yaml program-templates groups
var FS embed.FS
