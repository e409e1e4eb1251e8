package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// cameraJPEG is a w×h JPEG with an EXIF block holding orientation o and a
// GPS position, as a phone camera writes it.
func cameraJPEG(t testing.TB, w, h, o int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			// Red in the top-left quarter, so turning can be checked.
			c := color.RGBA{uint8(x * 7), uint8(y * 3), 200, 255}
			if x < w/2 && y < h/2 {
				c = color.RGBA{255, 0, 0, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return WithEXIF(b.Bytes(), o)
}

// WithEXIF inserts an EXIF APP1 block (orientation o, and a marker text
// standing for a GPS position) after a JPEG's start marker.
func WithEXIF(j []byte, o int) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08")
	tiff = binary.BigEndian.AppendUint16(tiff, 1)
	tiff = append(tiff, 0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1)
	tiff = binary.BigEndian.AppendUint16(tiff, uint16(o))
	tiff = append(tiff, 0, 0, 0, 0, 0, 0, 0, 0)
	tiff = append(tiff, "GPS -10.1772 123.6070"...)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xFF, 0xE1}
	app1 = binary.BigEndian.AppendUint16(app1, uint16(len(seg)+2))
	app1 = append(app1, seg...)
	return append(append(append([]byte{}, j[:2]...), app1...), j[2:]...)
}

func TestShrinkCameraPhoto(t *testing.T) {
	for _, tc := range []struct {
		name           string
		w, h, o        int
		wantW, wantH   int
		redX, redY     int // where the red corner must be after turning
		otherX, otherY int
	}{
		{"landscape as stored", 2000, 1500, 1, 1600, 1200, 10, 10, 1590, 1190},
		{"portrait turned right (6)", 2000, 1500, 6, 1200, 1600, 1190, 10, 10, 1590},
		{"upside down (3)", 2000, 1500, 3, 1600, 1200, 1590, 1190, 10, 10},
		{"turned left (8)", 1500, 2000, 8, 1600, 1200, 10, 1190, 1590, 10},
		{"small photo keeps its size", 800, 600, 1, 800, 600, 10, 10, 790, 590},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := cameraJPEG(t, tc.w, tc.h, tc.o)
			out, err := Shrink(in)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(out, []byte("Exif")) || bytes.Contains(out, []byte("GPS")) {
				t.Fatal("the stored photo still carries its EXIF block")
			}
			m, err := jpeg.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if b := m.Bounds(); b.Dx() != tc.wantW || b.Dy() != tc.wantH {
				t.Fatalf("size %dx%d, want %dx%d", b.Dx(), b.Dy(), tc.wantW, tc.wantH)
			}
			if r, g, _, _ := m.At(tc.redX, tc.redY).RGBA(); r>>8 < 200 || g>>8 > 60 {
				t.Errorf("(%d,%d) is not the red corner after orientation %d", tc.redX, tc.redY, tc.o)
			}
			if r, g, b, _ := m.At(tc.otherX, tc.otherY).RGBA(); r>>8 > 200 && g>>8 < 60 && b>>8 < 60 {
				t.Errorf("(%d,%d) is red: the photo was not turned by orientation %d", tc.otherX, tc.otherY, tc.o)
			}
			if tc.w > MaxSide && len(out) > 600<<10 {
				t.Errorf("shrunk photo is %d KB", len(out)>>10)
			}
		})
	}
}

func TestShrinkRefuses(t *testing.T) {
	var small bytes.Buffer
	if err := png.Encode(&small, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	huge := append([]byte{}, small.Bytes()...)
	// IHDR's width and height sit at bytes 16–23, its CRC at 29–32.
	binary.BigEndian.PutUint32(huge[16:], 100_000)
	binary.BigEndian.PutUint32(huge[20:], 100_000)
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"a PDF", []byte("%PDF-1.4\n1 0 obj\n"), ErrNotPicture},
		{"text", []byte("hello"), ErrNotPicture},
		{"a broken JPEG", []byte("\xFF\xD8\xFF\xE0 truncated"), ErrNotPicture},
		{"10 gigapixels", huge, ErrTooManyPixels},
	} {
		if _, err := Shrink(tc.data); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

func FuzzOrientation(f *testing.F) {
	f.Add(WithEXIF([]byte{0xFF, 0xD8, 0xFF, 0xD9}, 6))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x02})
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := orientation(data); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}
