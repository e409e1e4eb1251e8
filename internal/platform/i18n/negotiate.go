package i18n

import "golang.org/x/text/language"

var matcher = language.NewMatcher([]language.Tag{language.Indonesian, language.English})

// Negotiate picks the language for a request: the user's own setting, then
// the lang cookie, then the browser's Accept-Language, then Bahasa Indonesia.
func Negotiate(userSetting, cookie, acceptLanguage string) string {
	for _, l := range []string{userSetting, cookie} {
		if IsSupported(l) {
			return l
		}
	}
	if acceptLanguage != "" {
		tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
		if err == nil && len(tags) > 0 {
			_, idx, conf := matcher.Match(tags...)
			if conf != language.No {
				return Supported[idx]
			}
		}
	}
	return Indonesian
}

// IsSupported reports whether lang is a language Peduli speaks.
func IsSupported(lang string) bool { return lang == Indonesian || lang == English }
