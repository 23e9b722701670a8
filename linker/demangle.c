/* demangle: Rust symbol names as a Rust programmer reads them, for messages. Both of rustc's
 * schemes: v0 (_R...: crate::module::function, generic arguments, impl and trait paths) and
 * legacy (_ZN...17h<hash>E). Anything it does not follow is left mangled by the caller. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demangle.h"

struct v0 {
	const char *s;   /* the mangled name after "_R" */
	size_t len;
	size_t pos;
	char *out;
	size_t cap;
	size_t used;
	bool bad;        /* malformed or beyond what this reader follows */
	unsigned depth;  /* recursion guard: backrefs can nest */
};

static void put(struct v0 *d, const char *text, size_t n)
{
	if (d->used + n + 1 > d->cap) {
		d->bad = true;
		return;
	}
	memcpy(d->out + d->used, text, n);
	d->used += n;
	d->out[d->used] = '\0';
}

static void puts0(struct v0 *d, const char *text)
{
	put(d, text, strlen(text));
}

static char peek(const struct v0 *d)
{
	return d->pos < d->len ? d->s[d->pos] : '\0';
}

static bool eat(struct v0 *d, char c)
{
	if (peek(d) != c)
		return false;
	d->pos++;
	return true;
}

/* <base-62-number>: digits 0-9a-zA-Z then '_'; "_" alone is 0, otherwise the value plus one. */
static uint64_t base62(struct v0 *d)
{
	uint64_t v = 0;

	if (eat(d, '_'))
		return 0;
	while (!d->bad) {
		char c = peek(d);
		unsigned digit;

		if (c >= '0' && c <= '9')
			digit = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'z')
			digit = 10 + (unsigned)(c - 'a');
		else if (c >= 'A' && c <= 'Z')
			digit = 36 + (unsigned)(c - 'A');
		else if (c == '_') {
			d->pos++;
			return v + 1;
		} else {
			d->bad = true;
			return 0;
		}
		/* Disambiguators are 64-bit hashes that may need all of 11 digits: saturate. */
		v = v > (UINT64_MAX - 1 - digit) / 62 ? UINT64_MAX - 1 : v * 62 + digit;
		d->pos++;
	}
	return 0;
}

static uint64_t decimal(struct v0 *d)
{
	uint64_t v = 0;

	if (peek(d) < '0' || peek(d) > '9') {
		d->bad = true;
		return 0;
	}
	while (peek(d) >= '0' && peek(d) <= '9') {
		if (v > 100000000) {
			d->bad = true;
			return 0;
		}
		v = v * 10 + (uint64_t)(peek(d) - '0');
		d->pos++;
	}
	return v;
}

/* [s <base-62>] <decimal> [_] <bytes>: prints the bytes (punycode names are left to the caller). */
static void identifier(struct v0 *d, bool print)
{
	uint64_t n;

	if (eat(d, 's'))
		base62(d);
	if (eat(d, 'u')) {
		d->bad = true; /* punycode */
		return;
	}
	n = decimal(d);
	eat(d, '_');
	if (d->bad || n > d->len - d->pos) {
		d->bad = true;
		return;
	}
	if (print)
		put(d, d->s + d->pos, (size_t)n);
	d->pos += (size_t)n;
}

static void path(struct v0 *d);
static void type(struct v0 *d);

/* B <base-62>: the same production again from an earlier position. */
static void backref(struct v0 *d, void (*production)(struct v0 *))
{
	uint64_t at = base62(d);
	size_t saved = d->pos;

	/* A backref points strictly backwards (at counts from after "_R"). */
	if (d->bad || at >= saved || d->depth > 64) {
		d->bad = true;
		return;
	}
	d->pos = (size_t)at;
	d->depth++;
	production(d);
	d->depth--;
	d->pos = saved;
}

/* K <const>: an integer's value, "_" for anything else (p: a placeholder). */
static void const_value(struct v0 *d)
{
	uint64_t v = 0;
	char text[24];

	if (eat(d, 'p')) {
		puts0(d, "_");
		return;
	}
	if (!peek(d) || !strchr("abchijlmnostxy", peek(d))) {
		d->bad = true;
		return;
	}
	d->pos++;
	if (eat(d, 'n'))
		puts0(d, "-");
	while (!d->bad && !eat(d, '_')) {
		char h = peek(d);

		if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f')) || v >> 60) {
			d->bad = true;
			return;
		}
		v = v << 4 | (uint64_t)(h <= '9' ? h - '0' : h - 'a' + 10);
		d->pos++;
	}
	snprintf(text, sizeof(text), "%llu", (unsigned long long)v);
	puts0(d, text);
}

static void generic_args(struct v0 *d)
{
	bool first = true;

	puts0(d, "<");
	while (!d->bad && !eat(d, 'E')) {
		if (!first)
			puts0(d, ", ");
		first = false;
		if (eat(d, 'L')) {
			base62(d);
			puts0(d, "'_");
		} else if (eat(d, 'K')) {
			const_value(d);
		} else
			type(d);
	}
	puts0(d, ">");
}

/* An impl's own path (where it is written) is read but not shown: its type says what it is for. */
static void impl_path(struct v0 *d)
{
	size_t used = d->used;

	if (eat(d, 's'))
		base62(d);
	path(d);
	d->used = used;
	d->out[used] = '\0';
}

static void path(struct v0 *d)
{
	char tag;

	if (d->bad || d->depth > 64) {
		d->bad = true;
		return;
	}
	tag = peek(d);
	d->pos++;
	d->depth++;
	switch (tag) {
	case 'C': /* crate root */
		identifier(d, true);
		break;
	case 'N': { /* nested: a namespace (lowercase: ordinary, C: closure, S: shim) */
		char ns = peek(d);

		d->pos++;
		path(d);
		if (ns >= 'a' && ns <= 'z') {
			puts0(d, "::");
			identifier(d, true);
		} else if (ns == 'C') {
			identifier(d, false);
			puts0(d, "::{closure}");
		} else if (ns >= 'A' && ns <= 'Z') {
			identifier(d, false);
			puts0(d, "::{shim}");
		} else
			d->bad = true;
		break;
	}
	case 'M': /* inherent impl: <T> */
		impl_path(d);
		puts0(d, "<");
		type(d);
		puts0(d, ">");
		break;
	case 'X': /* trait impl: <T as Trait> */
		impl_path(d);
		/* fall through */
	case 'Y':
		puts0(d, "<");
		type(d);
		puts0(d, " as ");
		path(d);
		puts0(d, ">");
		break;
	case 'I': /* generic arguments */
		path(d);
		puts0(d, "::");
		generic_args(d);
		break;
	case 'B':
		backref(d, path);
		break;
	default:
		d->bad = true;
	}
	d->depth--;
}

static void type(struct v0 *d)
{
	static const char *const basic[26] = {
		['a' - 'a'] = "i8",   ['b' - 'a'] = "bool", ['c' - 'a'] = "char", ['d' - 'a'] = "f64",
		['e' - 'a'] = "str",  ['f' - 'a'] = "f32",  ['h' - 'a'] = "u8",   ['i' - 'a'] = "isize",
		['j' - 'a'] = "usize", ['l' - 'a'] = "i32", ['m' - 'a'] = "u32",  ['n' - 'a'] = "i128",
		['o' - 'a'] = "u128", ['p' - 'a'] = "_",    ['s' - 'a'] = "i16",  ['t' - 'a'] = "u16",
		['u' - 'a'] = "()",   ['v' - 'a'] = "...",  ['x' - 'a'] = "i64",  ['y' - 'a'] = "u64",
		['z' - 'a'] = "!",
	};
	char tag = peek(d);

	if (d->bad || d->depth > 64) {
		d->bad = true;
		return;
	}
	if (tag >= 'a' && tag <= 'z' && basic[tag - 'a']) {
		d->pos++;
		puts0(d, basic[tag - 'a']);
		return;
	}
	d->depth++;
	switch (tag) {
	case 'R':
	case 'Q':
		d->pos++;
		if (eat(d, 'L'))
			base62(d);
		puts0(d, tag == 'R' ? "&" : "&mut ");
		type(d);
		break;
	case 'P':
	case 'O':
		d->pos++;
		puts0(d, tag == 'P' ? "*const " : "*mut ");
		type(d);
		break;
	case 'A':
	case 'S':
		d->pos++;
		puts0(d, "[");
		type(d);
		if (tag == 'A') {
			puts0(d, "; _");
			/* The length is a const: skip it. */
			if (eat(d, 'K')) {
				d->pos++;
				while (!d->bad && !eat(d, '_'))
					if (++d->pos > d->len)
						d->bad = true;
			} else
				d->bad = true;
		}
		puts0(d, "]");
		break;
	case 'T': {
		bool first = true;

		d->pos++;
		puts0(d, "(");
		while (!d->bad && !eat(d, 'E')) {
			if (!first)
				puts0(d, ", ");
			first = false;
			type(d);
		}
		puts0(d, ")");
		break;
	}
	case 'B':
		d->pos++;
		backref(d, type);
		break;
	case 'C':
	case 'N':
	case 'M':
	case 'X':
	case 'Y':
	case 'I':
		path(d);
		break;
	default:
		d->bad = true; /* fn pointers, dyn Trait: left mangled */
	}
	d->depth--;
}

static bool demangle_v0(const char *symbol, char *out, size_t cap)
{
	struct v0 d = { .s = symbol + 2, .len = strlen(symbol + 2), .out = out, .cap = cap };

	if (!cap)
		return false;
	out[0] = '\0';
	/* An optional encoding version (decimal) before the path. */
	if (peek(&d) >= '0' && peek(&d) <= '9')
		decimal(&d);
	path(&d);
	/* What may follow (the instantiating crate, a vendor suffix) is not shown. */
	return !d.bad && d.used;
}

/* _ZN <len><name>... [17h<16 hex>] E, with $LT$-style escapes in the names. */
static bool demangle_legacy(const char *symbol, char *out, size_t cap)
{
	static const struct {
		const char *from, *to;
	} escapes[] = {
		{ "$LT$", "<" }, { "$GT$", ">" }, { "$RF$", "&" }, { "$BP$", "*" }, { "$C$", "," },
		{ "$u20$", " " }, { "$u27$", "'" }, { "$u5b$", "[" }, { "$u5d$", "]" },
		{ "$u7b$", "{" }, { "$u7d$", "}" }, { "$u3b$", ";" }, { "$u2b$", "+" }, { "$u22$", "\"" },
	};
	const char *p = symbol + 3;
	size_t used = 0;
	bool first = true;

	while (*p && *p != 'E') {
		char *end;
		unsigned long n = strtoul(p, &end, 10);

		if (end == p || n == 0 || n > strlen(end))
			return false;
		/* The last element "h" + 16 hex digits is a hash. */
		if (n == 17 && end[0] == 'h' && end[n] == 'E' && strspn(end + 1, "0123456789abcdef") >= 16) {
			p = end + n;
			break;
		}
		if (!first) {
			if (used + 3 > cap)
				return false;
			memcpy(out + used, "::", 2);
			used += 2;
		}
		first = false;
		for (const char *c = end; c < end + n;) {
			const char *text = c;
			size_t len = 1, adv = 1;

			if (*c == '$') {
				len = 0;
				for (size_t i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++)
					if (!strncmp(c, escapes[i].from, strlen(escapes[i].from)) &&
					    (size_t)(end + n - c) >= strlen(escapes[i].from)) {
						text = escapes[i].to;
						len = strlen(text);
						adv = strlen(escapes[i].from);
						break;
					}
				if (!len)
					return false;
			} else if (c[0] == '.' && c + 1 < end + n && c[1] == '.') {
				text = "::";
				len = 2;
				adv = 2;
			} else if (c == end && c[0] == '_' && c + 1 < end + n && c[1] == '$') {
				c++; /* "_$" starts an element that begins with an escape */
				continue;
			}
			if (used + len + 1 > cap)
				return false;
			memcpy(out + used, text, len);
			used += len;
			c += adv;
		}
		p = end + n;
	}
	if (!used || *p != 'E')
		return false;
	out[used] = '\0';
	return true;
}

bool demangle_rust(const char *symbol, char *out, size_t cap)
{
	if (!strncmp(symbol, "_R", 2))
		return demangle_v0(symbol, out, cap);
	if (!strncmp(symbol, "_ZN", 3))
		return demangle_legacy(symbol, out, cap);
	return false;
}

const char *demangle_or_keep(const char *symbol, char *buffer, size_t cap)
{
	return demangle_rust(symbol, buffer, cap) ? buffer : symbol;
}
