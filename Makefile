# The commands a newcomer needs. `make test` is what CI runs.
.PHONY: run test test-short fmt vet build

run:
	go run ./cmd/peduli

build:
	CGO_ENABLED=0 go build -trimpath -o peduli ./cmd/peduli

test:
	go test -count=1 -timeout 30m ./...

# test-short skips the tests that start real `peduli serve` processes
# (internal/replicas); everything else runs as in `make test`.
test-short:
	go test -short ./...

fmt:
	gofmt -w cmd internal migrations tenants web

vet:
	go vet ./...
