// Package api embeds the OpenAPI description of Peduli's JSON API, the
// authority that tests check every handler against.
package api

import _ "embed"

// OpenAPI is openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte
