// Package photo shrinks an uploaded picture before it is stored: a phone's
// 5–12 MB camera photo becomes a JPEG of at most MaxSide pixels a side,
// turned upright by its EXIF orientation and carrying no metadata (no GPS
// position, no camera serial), since the encoder writes pixels only.
package photo

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// MaxSide is the longest side of a stored photo: sharp enough to read a
// receipt, about 200–400 KB as a JPEG.
const MaxSide = 1600

// MaxPixels bounds the pictures decoded (a 50-megapixel camera and a
// little more), so a small file claiming huge dimensions cannot make the
// server allocate gigabytes.
const MaxPixels = 60_000_000

// quality is the JPEG quality of stored photos.
const quality = 82

// Errors Shrink returns.
var (
	// ErrNotPicture is a file that is no JPEG, PNG or WebP picture, or one
	// that does not decode.
	ErrNotPicture = errors.New("photo: not a JPEG, PNG or WebP picture")
	// ErrTooManyPixels is a picture over MaxPixels.
	ErrTooManyPixels = errors.New("photo: picture has too many pixels")
)

// IsPicture reports whether data sniffs as a picture Shrink reads.
func IsPicture(data []byte) bool {
	switch http.DetectContentType(data) {
	case "image/jpeg", "image/png", "image/webp":
		return true
	}
	return false
}

// decoding limits how many pictures are decoded at once: a decoded 12 MP
// photo holds about 18–48 MB, and the machine serves other requests too.
var decoding = make(chan struct{}, 2)

// Shrink decodes a JPEG, PNG or WebP picture and returns it as a JPEG no
// larger than MaxSide on its longest side (smaller pictures keep their
// size), upright, on white where it was transparent, without metadata.
func Shrink(data []byte) ([]byte, error) {
	decode := map[string]func([]byte) (image.Image, error){
		"image/jpeg": func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) },
		"image/png":  func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) },
		"image/webp": func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) },
	}[http.DetectContentType(data)]
	if decode == nil {
		return nil, ErrNotPicture
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, ErrNotPicture
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, ErrTooManyPixels
	}
	decoding <- struct{}{}
	defer func() { <-decoding }()
	src, err := decode(data)
	if err != nil {
		return nil, ErrNotPicture
	}
	small := scale(src)
	small = upright(small, orientation(data))
	var out bytes.Buffer
	if err := jpeg.Encode(&out, small, &jpeg.Options{Quality: quality}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// scale draws src onto a white canvas of at most MaxSide a side.
func scale(src image.Image) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > MaxSide || h > MaxSide {
		if w >= h {
			w, h = MaxSide, max(1, h*MaxSide/w)
		} else {
			w, h = max(1, w*MaxSide/h), MaxSide
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Over)
		return dst
	}
	// Bilinear widens its support when shrinking, so a 4000 px photo does
	// not alias; Catmull-Rom is sharper but about twice as slow.
	draw.BiLinear.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	return dst
}

// upright applies an EXIF orientation (1–8): how the camera says the
// stored pixels must be turned to be seen as taken.
func upright(m *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return m
	}
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := range h {
		for x := range w {
			var nx, ny int
			switch o {
			case 2: // mirrored
				nx, ny = w-1-x, y
			case 3: // upside down
				nx, ny = w-1-x, h-1-y
			case 4: // mirrored upside down
				nx, ny = x, h-1-y
			case 5: // mirrored, turned
				nx, ny = y, x
			case 6: // turned right
				nx, ny = h-1-y, x
			case 7: // mirrored, turned left
				nx, ny = h-1-y, w-1-x
			case 8: // turned left
				nx, ny = y, w-1-x
			}
			i, j := m.PixOffset(x, y), out.PixOffset(nx, ny)
			copy(out.Pix[j:j+4], m.Pix[i:i+4])
		}
	}
	return out
}
