package photo

import (
	"errors"
	"io"
	"mime/multipart"
	"strconv"

	"github.com/peduli/peduli/internal/platform/errs"
)

// MaxUpload bounds an uploaded picture as sent: a phone's camera photo of
// up to 12 MB (it is shrunk before it is stored).
const MaxUpload = 12 << 20

// ReadUpload reads an uploaded file of at most limit bytes; a larger one is
// a field error on field.
func ReadUpload(fh *multipart.FileHeader, field string, limit int) ([]byte, error) {
	if fh.Size > int64(limit) {
		return nil, TooLarge(field, limit)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, TooLarge(field, limit)
	}
	return data, nil
}

// TooLarge is the field error of a file over limit bytes; its Param is the
// limit in MB, which the message names.
func TooLarge(field string, limit int) error {
	mb := strconv.Itoa(limit >> 20)
	return &errs.ValidationError{Fields: []errs.FieldError{{Field: field, Rule: "filesize", Param: mb,
		Message: "must be at most " + mb + " MB"}}}
}

// FieldError is the field error of a picture that Shrink refused.
func FieldError(field string, err error) error {
	if errors.Is(err, ErrTooManyPixels) {
		return errs.Invalid(field, "pixels", "the picture has too many pixels")
	}
	if errors.Is(err, ErrNotPicture) {
		return errs.Invalid(field, "filetype", "the picture could not be read")
	}
	return err
}
