package errs

// MalformedError is input that cannot be read or trusted at all (HTTP
// 400): broken JSON, a bad signature. Code refines malformed_request.
type MalformedError struct {
	Code    string // e.g. "bad_signature"; empty means malformed_request
	Message string // client-safe sentence
}

func (e *MalformedError) Error() string { return e.Message }

// Malformed returns a MalformedError with a code (or "") and message.
func Malformed(code, message string) error { return &MalformedError{Code: code, Message: message} }

// TooLargeError is input over a size limit (HTTP 413).
type TooLargeError struct{ Message string }

func (e *TooLargeError) Error() string { return e.Message }

// TooLarge returns a TooLargeError with a client-safe message.
func TooLarge(message string) error { return &TooLargeError{Message: message} }

// UnavailableError says a service this one needs is not answering and the
// client may try again later (HTTP 503). Code refines unavailable.
type UnavailableError struct {
	Code    string // e.g. "payment_provider_unavailable"; empty means unavailable
	Message string // client-safe sentence
}

func (e *UnavailableError) Error() string { return e.Message }

// Unavailable returns an UnavailableError with a code (or "") and message.
func Unavailable(code, message string) error { return &UnavailableError{Code: code, Message: message} }
