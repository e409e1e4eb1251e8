package sealed

import "encoding/base64"

// SealString seals s for a text column, base64 (standard alphabet) encoded.
// An empty s stays empty so an absent value stays visibly absent; the price
// is that an emptied column is not detected as tampering.
func SealString(k DataKey, s string, aad string) string {
	if s == "" {
		return ""
	}
	return base64.StdEncoding.EncodeToString(k.Seal([]byte(s), []byte(aad)))
}

// OpenString reverses SealString; empty stays empty, and anything that is not
// a valid sealed value for this key and aad is ErrDecrypt.
func OpenString(k DataKey, s string, aad string) (string, error) {
	if s == "" {
		return "", nil
	}
	ciphertext, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", ErrDecrypt
	}
	plaintext, err := k.Open(ciphertext, []byte(aad))
	if err != nil {
		return "", err
	}
	return string(plaintext), nil
}
