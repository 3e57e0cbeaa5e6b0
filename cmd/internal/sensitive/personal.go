package sensitive

import (
	"bytes"
	"regexp"
	"strings"
)

// personal returns the email addresses, phone numbers and payment card
// numbers in text that no secret in secrets already covers.
func personal(text []byte, secrets []hit) []hit {
	var hits []hit
	for _, h := range append(emails(text), numbers(text)...) {
		if !overlaps(h, secrets) {
			hits = append(hits, h)
		}
	}
	return hits
}

func overlaps(h hit, others []hit) bool {
	for _, o := range others {
		if h.start < o.end && o.start < h.end {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isAlnum(c byte) bool {
	return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' || c >= 0x80
}

// emails returns the email addresses in text outside the reserved domains.
// It looks only around each "@", so text without one costs a byte search.
func emails(text []byte) []hit {
	var hits []hit
	for off := 0; ; {
		i := bytes.IndexByte(text[off:], '@')
		if i < 0 {
			return hits
		}
		at := off + i
		off = at + 1
		start, end := at, at+1
		for start > 0 && isLocal(text[start-1]) {
			start--
		}
		for end < len(text) && isDomain(text[end]) {
			end++
		}
		for end > at+1 && (text[end-1] == '.' || text[end-1] == '-') {
			end--
		}
		for start < at && !isAlnum(text[start]) {
			start++
		}
		domain := text[at+1 : end]
		if start == at || !isHostname(domain) || reserved(string(domain)) || remote(text, end) {
			continue
		}
		hits = append(hits, hit{Personal, "email", start, end})
		off = end
	}
}

func isLocal(c byte) bool {
	return isAlnum(c) || strings.IndexByte("._%+-'", c) >= 0
}

func isDomain(c byte) bool { return isAlnum(c) || c == '.' || c == '-' }

// isHostname reports whether s is dot-separated labels ending in a top-level
// domain of letters.
func isHostname(s []byte) bool {
	dot := bytes.LastIndexByte(s, '.')
	if dot <= 0 || bytes.Contains(s, []byte("..")) || s[0] == '.' || s[0] == '-' {
		return false
	}
	tld := s[dot+1:]
	if len(tld) < 2 || len(tld) > 24 {
		return false
	}
	for i := range len(tld) {
		if c := tld[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// reserved reports whether domain is reserved for documentation and tests
// (RFC 2606, RFC 6761): no one's address can be there.
func reserved(domain string) bool {
	d := strings.ToLower(domain)
	for _, r := range []string{"example.com", "example.org", "example.net"} {
		if d == r || strings.HasSuffix(d, "."+r) {
			return true
		}
	}
	tld := d[strings.LastIndexByte(d, '.')+1:]
	return tld == "example" || tld == "test" || tld == "invalid" || tld == "localhost"
}

// remote reports whether the address ending at end is the host of an
// scp-style Git remote (git@github.com:org/repo.git), not a mailbox.
func remote(text []byte, end int) bool {
	return end+1 < len(text) && text[end] == ':' && (text[end+1] == '/' || isAlnum(text[end+1]))
}

// numbers returns the phone numbers and payment card numbers in text.
// It walks the text once, taking each run of digits and separators that
// starts and ends at a word boundary, and tries it, and each of its tails
// that starts at a group, as a card number and as a phone number.
func numbers(text []byte) []hit {
	var hits []hit
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !isDigit(c) && c != '+' && c != '(' {
			continue
		}
		if i > 0 && !boundaryBefore(text[i-1]) {
			for i+1 < len(text) && (isDigit(text[i+1]) || isAlnum(text[i+1])) {
				i++
			}
			continue
		}
		end := numberRun(text, i)
		if !boundaryAfter(text, end) {
			i = end
			continue
		}
		if h, ok := number(text, i, end); ok {
			hits = append(hits, h)
		}
		i = end
	}
	return hits
}

func boundaryBefore(c byte) bool {
	return !isAlnum(c) && strings.IndexByte("-._/+#$%&@\\", c) < 0
}

func boundaryAfter(text []byte, end int) bool {
	if end >= len(text) {
		return true
	}
	c := text[end]
	if isAlnum(c) || c == '_' || c == '@' || c == '%' {
		return false
	}
	if strings.IndexByte(".-/:,", c) >= 0 && end+1 < len(text) && isDigit(text[end+1]) {
		return false
	}
	return true
}

// numberRun returns the end of the run of digits and single separators
// (space, -, ., /, parentheses) that starts at i, without trailing separators.
func numberRun(text []byte, i int) int {
	end, seps := i, 0
run:
	for j := i; j < len(text); j++ {
		c := text[j]
		switch {
		case isDigit(c):
			end, seps = j+1, 0
			continue
		case j == i && c == '+':
			continue
		case c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')':
			seps++
			if seps <= 2 {
				continue
			}
		}
		break run
	}
	return end
}

// number returns the card or phone number in text[start:end]: the whole run
// or the longest of its tails that is one.
func number(text []byte, start, end int) (hit, bool) {
	for s := start; s < end; {
		run := text[s:end]
		switch {
		case isCard(run):
			return hit{Personal, "payment-card", s, end}, true
		case isPhone(run):
			return hit{Personal, "phone", s, end}, true
		}
		next := bytes.IndexAny(run, " -./")
		if next < 0 {
			break
		}
		s += next + 1
		for s < end && !isDigit(text[s]) && text[s] != '+' && text[s] != '(' {
			s++
		}
	}
	return hit{}, false
}

// digits returns the digits of s and the separators between them.
func digits(s []byte) (ds []byte, seps string) {
	var sb strings.Builder
	for i := range len(s) {
		if isDigit(s[i]) {
			ds = append(ds, s[i])
		} else if strings.IndexByte(sb.String(), s[i]) < 0 {
			sb.WriteByte(s[i])
		}
	}
	return ds, sb.String()
}

// isCard reports whether s is a payment card number: 13 to 19 digits, in
// groups split by one kind of separator or none, with a card network's
// prefix and length, that pass the Luhn check.
func isCard(s []byte) bool {
	ds, seps := digits(s)
	if len(ds) < 13 || len(ds) > 19 || (seps != "" && seps != " " && seps != "-") {
		return false
	}
	return network(string(ds)) && luhn(ds)
}

// network reports whether a number's prefix and length are those of a card
// network: Visa, Mastercard, American Express, Discover, JCB, Diners Club,
// UnionPay.
func network(n string) bool {
	p2, p4 := n[:2], n[:4]
	switch l := len(n); {
	case n[0] == '4':
		return l == 13 || l == 16 || l == 19
	case "51" <= p2 && p2 <= "55", "2221" <= p4 && p4 <= "2720":
		return l == 16
	case p2 == "34" || p2 == "37":
		return l == 15
	case p4 == "6011", p2 == "65", "644" <= n[:3] && n[:3] <= "649", "3528" <= p4 && p4 <= "3589", p2 == "62":
		return l >= 16
	case p2 == "36", p2 == "38", p2 == "39", "300" <= n[:3] && n[:3] <= "305":
		return l >= 14
	}
	return false
}

// luhn reports whether ds passes the Luhn check.
func luhn(ds []byte) bool {
	sum := 0
	for i := range ds {
		d := int(ds[len(ds)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// northAmerican is a NANP number: (NXX) NXX-XXXX, NXX-NXX-XXXX, NXX.NXX.XXXX,
// optionally led by 1.
var northAmerican = regexp.MustCompile(`^(?:1[ .-]?)?(?:\([2-9]\d\d\) ?|[2-9]\d\d[ .-])[2-9]\d\d[ .-]\d{4}$`)

// isPhone reports whether s is a phone number: international (+ and 9 to 15
// digits), North American, or national with a trunk 0 and 10 or 11 digits
// in groups.
func isPhone(s []byte) bool {
	if len(s) < 8 {
		return false
	}
	ds, seps := digits(s)
	switch {
	case s[0] == '+':
		return len(ds) >= 9 && len(ds) <= 15 && s[1] != '0' && isDigit(s[1]) && !strings.Contains(seps, "/")
	case northAmerican.Match(s):
		return true
	case s[0] == '0' && '1' <= s[1] && s[1] <= '9':
		return len(ds) >= 10 && len(ds) <= 11 && seps != "" && !strings.ContainsAny(seps, "()") &&
			(!strings.Contains(seps, ".") || frenchStyle(s))
	}
	return false
}

// frenchStyle reports whether s is five pairs of digits split by dots, the
// one national form written with dots (01.23.45.67.89).
func frenchStyle(s []byte) bool {
	groups := bytes.Split(s, []byte("."))
	if len(groups) != 5 {
		return false
	}
	for _, g := range groups {
		if len(g) != 2 {
			return false
		}
	}
	return true
}
