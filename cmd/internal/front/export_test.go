package front

// ParseSimple is the fast path, for tests outside the package.
var ParseSimple = parseSimple
