package testkit

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"testing"
)

// GPSMarker is the text CameraPhoto hides in its EXIF block, standing for
// the position a phone records: a stored photo must not contain it.
const GPSMarker = "GPS -10.1772 123.6070"

// CameraPhoto is a w×h JPEG full of fine detail (so it is as heavy as a
// phone's photo: about 5–6 MB at 3000×2000) with an EXIF block holding an
// orientation of 1 and GPSMarker, as a phone camera writes it.
func CameraPhoto(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	for i := range m.Y {
		m.Y[i] = uint8(r.UintN(256))
	}
	for i := range m.Cb {
		m.Cb[i], m.Cr[i] = uint8(r.UintN(256)), uint8(r.UintN(256))
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	return withEXIF(b.Bytes())
}

// SmallPhoto is a small plain JPEG, as a browser sends after shrinking.
func SmallPhoto(t testing.TB) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range m.Pix {
		m.Pix[i] = 200
	}
	m.Set(0, 0, color.Black)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withEXIF inserts an EXIF block (orientation 1, then GPSMarker) after the
// JPEG's start marker.
func withEXIF(j []byte) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00")
	tiff = append(tiff, GPSMarker...)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(seg)+2))
	app1 = append(app1, seg...)
	return append(append(append([]byte{}, j[:2]...), app1...), j[2:]...)
}
