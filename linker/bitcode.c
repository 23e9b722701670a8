/* bitcode: the IDENTIFICATION block is read with a small bitstream reader before LLVM sees the
 * module, so that bitcode from a newer LLVM gets an error naming both versions instead of LLVM's
 * "Invalid record". Modules are parsed lazily: function bodies are read only when linked. */
#include "bitcode.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/BitReader.h>
#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>

#include "diag.h"

enum {
	BLOCK_MODULE = 8,          /* MODULE_BLOCK_ID */
	BLOCK_IDENTIFICATION = 13, /* IDENTIFICATION_BLOCK_ID */
	RECORD_STRING = 1,         /* IDENTIFICATION_CODE_STRING */
	RECORD_DATALAYOUT = 3,     /* MODULE_CODE_DATALAYOUT */
	ABBREV_END_BLOCK = 0,
	ABBREV_ENTER_SUBBLOCK = 1,
	ABBREV_DEFINE = 2,
	ABBREV_UNABBREV_RECORD = 3,
	MAX_ABBREVS = 16,
	MAX_ABBREV_OPS = 16,
};

enum operand_encoding { OP_LITERAL, OP_FIXED, OP_VBR, OP_ARRAY, OP_CHAR6, OP_BLOB };

struct abbrev_op {
	enum operand_encoding encoding; /* how the operand is stored */
	uint64_t value;                 /* the literal, or the width of fixed and vbr fields */
};

struct abbrev {
	struct abbrev_op ops[MAX_ABBREV_OPS]; /* operands, the record code first */
	unsigned count;                       /* operands in use */
};

struct bitstream {
	const uint8_t *data; /* the bitcode, after any wrapper */
	size_t bits;         /* its length in bits */
	size_t pos;          /* next bit to read */
	bool bad;            /* a read ran past the end */
};

static uint64_t read_fixed(struct bitstream *s, unsigned width)
{
	uint64_t value = 0;

	if (width > 64 || s->pos + width > s->bits) {
		s->bad = true;
		return 0;
	}
	for (unsigned i = 0; i < width; i++, s->pos++)
		value |= (uint64_t)((s->data[s->pos / 8] >> (s->pos % 8)) & 1) << i;
	return value;
}

static uint64_t read_vbr(struct bitstream *s, unsigned width)
{
	uint64_t value = 0, chunk;
	unsigned shift = 0;

	/* LLVM's own limit; a wider chunk from a hostile abbreviation would overflow the shifts. */
	if (width < 2 || width > 32) {
		s->bad = true;
		return 0;
	}
	do {
		chunk = read_fixed(s, width);
		if (shift < 64)
			value |= (chunk & ((1ull << (width - 1)) - 1)) << shift;
		shift += width - 1;
	} while (!s->bad && (chunk >> (width - 1)) && shift < 70);
	return value;
}

static size_t bits_left(const struct bitstream *s)
{
	return s->pos < s->bits ? s->bits - s->pos : 0;
}

static void align32(struct bitstream *s)
{
	s->pos = (s->pos + 31) & ~(size_t)31;
	if (s->pos > s->bits)
		s->bad = true;
}

static uint64_t read_scalar(struct bitstream *s, const struct abbrev_op *op)
{
	static const char char6[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._";

	switch (op->encoding) {
	case OP_LITERAL:
		return op->value;
	case OP_FIXED:
		return read_fixed(s, (unsigned)op->value);
	case OP_VBR:
		return read_vbr(s, (unsigned)op->value);
	case OP_CHAR6:
		return (uint8_t)char6[read_fixed(s, 6)];
	default:
		s->bad = true;
		return 0;
	}
}

/* Read one record's operands (code first) into VALUES; returns how many, at most CAP kept. */
static size_t read_abbreviated(struct bitstream *s, const struct abbrev *a, uint64_t *values,
			       size_t cap)
{
	size_t n = 0;

	for (unsigned i = 0; i < a->count && !s->bad; i++) {
		const struct abbrev_op *op = &a->ops[i];

		if (op->encoding == OP_ARRAY) {
			uint64_t len = read_vbr(s, 6);

			/* No real record has more elements than bits left; literal elements read
			 * none, so a lying length would otherwise spin. */
			if (i + 1 >= a->count || len > bits_left(s)) {
				s->bad = true;
				break;
			}
			for (uint64_t k = 0; k < len && !s->bad; k++) {
				uint64_t v = read_scalar(s, &a->ops[i + 1]);

				if (n < cap)
					values[n++] = v;
			}
			i++;
		} else if (op->encoding == OP_BLOB) {
			uint64_t len = read_vbr(s, 6);

			align32(s);
			if (len > bits_left(s) / 8) {
				s->bad = true;
				break;
			}
			for (uint64_t k = 0; k < len && !s->bad; k++) {
				uint64_t v = read_fixed(s, 8);

				if (n < cap)
					values[n++] = v;
			}
			align32(s);
		} else {
			uint64_t v = read_scalar(s, op);

			if (n < cap)
				values[n++] = v;
		}
	}
	return n;
}

/* DEFINE_ABBREV's operands into A; returns 0 or -EINVAL. */
static int read_define_abbrev(struct bitstream *s, struct abbrev *a)
{
	uint64_t ops = read_vbr(s, 5);

	a->count = 0;
	for (uint64_t i = 0; i < ops && !s->bad; i++) {
		struct abbrev_op op = { 0 };

		if (read_fixed(s, 1)) {
			op.encoding = OP_LITERAL;
			op.value = read_vbr(s, 8);
		} else {
			uint64_t e = read_fixed(s, 3);

			if (e == 1 || e == 2) {
				op.encoding = e == 1 ? OP_FIXED : OP_VBR;
				op.value = read_vbr(s, 5);
			} else if (e >= 3 && e <= 5) {
				op.encoding = e == 3 ? OP_ARRAY : e == 4 ? OP_CHAR6 : OP_BLOB;
			} else {
				return -EINVAL;
			}
		}
		if (a->count == MAX_ABBREV_OPS)
			return -EINVAL;
		a->ops[a->count++] = op;
	}
	return s->bad ? -EINVAL : 0;
}

/* The first record CODE of the block the stream is in, as a string (sub-blocks skipped): 0,
 * -ENOENT when the block ends without one, -EINVAL when it is malformed. */
static int read_string_record(struct bitstream *s, unsigned width, uint64_t code, char *out,
			      size_t out_size)
{
	struct abbrev abbrevs[MAX_ABBREVS];
	unsigned abbrev_count = 0;
	uint64_t values[256];

	while (!s->bad) {
		uint64_t id = read_fixed(s, width);
		size_t n = 0;

		if (s->bad)
			break;
		if (id == ABBREV_END_BLOCK)
			return -ENOENT;
		if (id == ABBREV_ENTER_SUBBLOCK) {
			read_vbr(s, 8);
			read_vbr(s, 4);
			align32(s);
			s->pos += 32 * read_fixed(s, 32);
			continue;
		}
		if (id == ABBREV_DEFINE) {
			if (abbrev_count == MAX_ABBREVS || read_define_abbrev(s, &abbrevs[abbrev_count++]))
				return -EINVAL;
			continue;
		}
		if (id == ABBREV_UNABBREV_RECORD) {
			uint64_t code = read_vbr(s, 6), ops = read_vbr(s, 6);

			values[n++] = code;
			for (uint64_t i = 0; i < ops && !s->bad; i++) {
				uint64_t v = read_vbr(s, 6);

				if (n < sizeof(values) / sizeof(values[0]))
					values[n++] = v;
			}
		} else if (id - 4 < abbrev_count) {
			n = read_abbreviated(s, &abbrevs[id - 4], values, sizeof(values) / sizeof(values[0]));
		} else {
			return -EINVAL;
		}
		if (!s->bad && n >= 1 && values[0] == code) {
			size_t len = n - 1 < out_size - 1 ? n - 1 : out_size - 1;

			for (size_t i = 0; i < len; i++)
				out[i] = (char)values[i + 1];
			out[len] = '\0';
			return 0;
		}
	}
	return -EINVAL;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The raw bitstream inside DATA (a wrapper header is skipped); -EINVAL when there is none. */
static int unwrap(const uint8_t **data, size_t *size)
{
	if (*size >= 20 && !memcmp(*data, "\xde\xc0\x17\x0b", 4)) {
		uint32_t offset = le32(*data + 8), length = le32(*data + 12);

		if (offset > *size || length > *size - offset)
			return -EINVAL;
		*data += offset;
		*size = length;
	}
	return *size >= 8 && !memcmp(*data, "BC\xc0\xde", 4) ? 0 : -EINVAL;
}

int bitcode_producer(const uint8_t *data, size_t size, char *out, size_t out_size)
{
	struct bitstream s;

	if (unwrap(&data, &size) || !out_size)
		return -EINVAL;
	s = (struct bitstream){ .data = data, .bits = size * 8, .pos = 32 };
	/* The identification block, when present, is the first block of the stream. */
	for (int blocks = 0; blocks < 4 && !s.bad; blocks++) {
		if (read_fixed(&s, 2) != ABBREV_ENTER_SUBBLOCK)
			return s.bad ? -EINVAL : -ENOENT;
		uint64_t block = read_vbr(&s, 8);
		unsigned width = (unsigned)read_vbr(&s, 4);

		align32(&s);
		uint64_t words = read_fixed(&s, 32);

		if (s.bad)
			return -EINVAL;
		if (block == BLOCK_IDENTIFICATION)
			return read_string_record(&s, width, RECORD_STRING, out, out_size);
		s.pos += 32 * words;
	}
	return s.bad ? -EINVAL : -ENOENT;
}

/* "LLVM22.1.8-rust-1.96.0" -> 22, 1, 8. */
enum {
	BLOCK_STRTAB = 23,  /* STRTAB_BLOCK_ID */
	BLOCK_SYMTAB = 25,  /* SYMTAB_BLOCK_ID */
	RECORD_BLOB = 1,    /* STRTAB_BLOB, SYMTAB_BLOB */
	SYMTAB_VERSION = 3, /* irsymtab::storage::Header::kCurrentVersion */
	SYMTAB_HEADER = 76, /* bytes in irsymtab::storage::Header */
	SYMTAB_SYMBOL = 24, /* bytes in irsymtab::storage::Symbol */
	SYMTAB_UNCOMMON = 24,
	SYMBOL_HAS_UNCOMMON = 1 << 2, /* irsymtab::storage::Symbol::FlagBits */
};

/* The first blob record of the block the stream is in (abbreviation width WIDTH). */
static int read_block_blob(struct bitstream *s, unsigned width, const uint8_t **blob, size_t *len)
{
	struct abbrev abbrevs[MAX_ABBREVS];
	unsigned abbrev_count = 0;

	while (!s->bad) {
		uint64_t id = read_fixed(s, width), code = 0;
		const struct abbrev *a;

		if (s->bad || id == ABBREV_END_BLOCK || id == ABBREV_ENTER_SUBBLOCK)
			return -EINVAL;
		if (id == ABBREV_DEFINE) {
			if (abbrev_count == MAX_ABBREVS || read_define_abbrev(s, &abbrevs[abbrev_count++]))
				return -EINVAL;
			continue;
		}
		if (id == ABBREV_UNABBREV_RECORD || id - 4 >= abbrev_count)
			return -EINVAL; /* LLVM writes the blob with an abbreviation */
		a = &abbrevs[id - 4];
		for (unsigned i = 0; i < a->count && !s->bad; i++) {
			if (a->ops[i].encoding == OP_BLOB) {
				uint64_t n = read_vbr(s, 6);

				align32(s);
				if (s->bad || n > bits_left(s) / 8 || i != 1 || code != RECORD_BLOB)
					return -EINVAL;
				*blob = s->data + s->pos / 8;
				*len = (size_t)n;
				return 0;
			}
			if (a->ops[i].encoding == OP_ARRAY)
				return -EINVAL;
			if (i == 0)
				code = read_scalar(s, &a->ops[i]);
			else
				read_scalar(s, &a->ops[i]);
		}
	}
	return -EINVAL;
}

/* A (string offset, size) pair of the symbol table that lies inside the string table. */
static bool table_string(const uint8_t *at, const uint8_t *strtab, size_t strtab_len,
			 const char **text, size_t *len)
{
	uint32_t offset = le32(at), size = le32(at + 4);

	if (offset > strtab_len || size > strtab_len - offset)
		return false;
	*text = (const char *)strtab + offset;
	*len = size;
	return true;
}

int bitcode_symbols(const uint8_t *data, size_t size, struct bitcode_symtab *out)
{
	const uint8_t *symtab = NULL, *strtab = NULL;
	size_t symtab_len = 0, strtab_len = 0;
	const char *producer;
	size_t producer_len;
	struct bitstream s;
	uint32_t symbols, count, uncommons, uncommon_count;
	char ours[32];
	unsigned v[3];

	memset(out, 0, sizeof(*out));
	if (unwrap(&data, &size))
		return -EINVAL;
	s = (struct bitstream){ .data = data, .bits = size * 8, .pos = 32 };
	/* Top-level blocks: the module, then the string and symbol tables LLVM writes after it. */
	for (int blocks = 0; blocks < 16 && bits_left(&s) >= 36 && !s.bad; blocks++) {
		uint64_t block, words;
		unsigned width;
		size_t start;

		if (read_fixed(&s, 2) != ABBREV_ENTER_SUBBLOCK)
			break;
		block = read_vbr(&s, 8);
		width = (unsigned)read_vbr(&s, 4);
		align32(&s);
		words = read_fixed(&s, 32);
		start = s.pos;
		if (s.bad || words > bits_left(&s) / 32)
			return -ENODATA;
		if (block == BLOCK_MODULE && !out->layout_endian) {
			char layout[256];

			if (!read_string_record(&s, width, RECORD_DATALAYOUT, layout, sizeof(layout)))
				out->layout_endian = bitcode_layout_endian(layout);
		}
		if (block == BLOCK_SYMTAB && read_block_blob(&s, width, &symtab, &symtab_len))
			return -EINVAL;
		if (block == BLOCK_STRTAB && read_block_blob(&s, width, &strtab, &strtab_len))
			return -EINVAL;
		s.bad = false;
		s.pos = start + 32 * words;
	}
	if (!symtab || !strtab || symtab_len < SYMTAB_HEADER || le32(symtab) != SYMTAB_VERSION)
		return -ENOENT;
	/* LLVM itself trusts the table only from its own version: so does this. */
	LLVMGetVersion(&v[0], &v[1], &v[2]);
	snprintf(ours, sizeof(ours), "%u.%u.%u", v[0], v[1], v[2]);
	if (!table_string(symtab + 4, strtab, strtab_len, &producer, &producer_len) ||
	    producer_len < strlen(ours) || memcmp(producer, ours, strlen(ours)) ||
	    (producer_len > strlen(ours) && producer[strlen(ours)] != ' '))
		return -ENOENT;
	/* Header: Version, Producer, Modules, Comdats, Symbols, Uncommons, TargetTriple, ... */
	symbols = le32(symtab + 28);
	count = le32(symtab + 32);
	uncommons = le32(symtab + 36);
	uncommon_count = le32(symtab + 40);
	if (symbols > symtab_len || count > (symtab_len - symbols) / SYMTAB_SYMBOL ||
	    uncommons > symtab_len || uncommon_count > (symtab_len - uncommons) / SYMTAB_UNCOMMON ||
	    !table_string(symtab + 44, strtab, strtab_len, &out->triple, &out->triple_len))
		return -EINVAL;
	out->symbols = calloc(count ? count : 1, sizeof(*out->symbols));
	if (!out->symbols)
		return -ENOMEM;
	for (uint32_t i = 0, uncommon = 0; i < count; i++) {
		const uint8_t *at = symtab + symbols + (size_t)i * SYMTAB_SYMBOL;
		struct bitcode_symbol *sym = &out->symbols[out->count];

		if (!table_string(at, strtab, strtab_len, &sym->name, &sym->len)) {
			bitcode_symtab_free(out);
			return -EINVAL;
		}
		sym->flags = le32(at + 20);
		/* A symbol in a section (a map) is needed without a reference. The "used" flag is not
		 * enough: LLVM sets it on every runtime-library name too (compiler_builtins defines
		 * them in all its units), and an archive member's llvm.used pulls it no more than
		 * ld's would; the files on the command line are linked anyway. */
		if (sym->flags & SYMBOL_HAS_UNCOMMON) {
			const char *section = NULL;
			size_t section_len = 0;

			if (uncommon >= uncommon_count ||
			    !table_string(symtab + uncommons + (size_t)uncommon * SYMTAB_UNCOMMON + 16, strtab,
					  strtab_len, &section, &section_len)) {
				bitcode_symtab_free(out);
				return -EINVAL;
			}
			uncommon++;
			out->needed_whole |= section_len;
		}
		out->count++;
	}
	return 0;
}

void bitcode_symtab_free(struct bitcode_symtab *table)
{
	free(table->symbols);
	memset(table, 0, sizeof(*table));
}

static bool parse_llvm_version(const char *producer, unsigned v[3])
{
	return sscanf(producer, "LLVM%u.%u.%u", &v[0], &v[1], &v[2]) == 3;
}

static int check_producer(const struct unit *unit, bool *newer_patch)
{
	char producer[256];
	unsigned theirs[3], ours[3];
	int err = bitcode_producer(unit->data, unit->size, producer, sizeof(producer));

	*newer_patch = false;
	if (err == -EINVAL) {
		diag_error(unit->name, "corrupt bitcode: the bitstream header is malformed or truncated");
		return err;
	}
	if (err || !parse_llvm_version(producer, theirs))
		return 0; /* no producer named: LLVM decides */
	LLVMGetVersion(&ours[0], &ours[1], &ours[2]);
	if (theirs[0] > ours[0] || (theirs[0] == ours[0] && theirs[1] > ours[1])) {
		diag_error(unit->name,
			   "bitcode produced by %s, newer than this bpf-linker's LLVM %u.%u.%u: use a "
			   "bpf-linker built on LLVM %u or a rustc whose LLVM is not newer than %u.%u",
			   producer, ours[0], ours[1], ours[2], theirs[0], ours[0], ours[1]);
		return -EINVAL;
	}
	*newer_patch = theirs[0] == ours[0] && theirs[1] == ours[1] && theirs[2] > ours[2];
	if (*newer_patch)
		diag_debug("%s: produced by %s, newer than LLVM %u.%u.%u", unit->name, producer,
			   ours[0], ours[1], ours[2]);
	return 0;
}

char bitcode_layout_endian(const char *layout)
{
	char endian = 0;
	size_t n;

	/* "e-m:e-p:64:64-...": one component says the byte order; LLVM's default is little. */
	for (const char *c = layout; *c; c += n + (c[n] == '-')) {
		n = strcspn(c, "-");
		if (n == 1 && (*c == 'e' || *c == 'E'))
			endian = *c == 'E' ? 'b' : 'l';
	}
	return *layout && !endian ? 'l' : endian;
}

char bitcode_triple_endian(const char *triple, size_t len)
{
	if (len >= 5 && !memcmp(triple, "bpfel", 5))
		return 'l';
	if (len >= 5 && !memcmp(triple, "bpfeb", 5))
		return 'b';
	return 0;
}

/* An empty triple or one of the BPF ones; otherwise an error naming UNIT. */
static int check_bpf_triple(const struct unit *unit, const char *triple, size_t len)
{
	if (!len || (len >= 3 && !memcmp(triple, "bpf", 3)))
		return 0;
	diag_error(unit->name, "built for %.*s, not BPF: compile it for bpfel-unknown-none, "
			       "bpfeb-unknown-none or clang -target bpf", (int)len, triple);
	return -EINVAL;
}

int bitcode_read_symbols(const struct unit *unit, struct bitcode_symtab *out)
{
	bool newer_patch;
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = check_producer(unit, &newer_patch)))
		return err;
	err = bitcode_symbols(unit->data, unit->size, out);
	if (err == -ENODATA)
		diag_error(unit->name, "corrupt bitcode: a block runs past the end of the file (truncated or damaged)");
	else if (err == -EINVAL)
		diag_error(unit->name, "corrupt bitcode: its symbol table is malformed");
	if (err)
		return err;
	if ((err = check_bpf_triple(unit, out->triple, out->triple_len)))
		bitcode_symtab_free(out);
	return err;
}

int bitcode_load(LLVMContextRef ctx, struct unit *unit, bool lazy)
{
	LLVMMemoryBufferRef buffer;
	LLVMModuleRef module = NULL;
	unsigned errors_before = diag_error_count();
	char *message = NULL;
	bool newer_patch = false;
	LLVMBool failed;
	int err = 0;

	diag_set_subject(unit->name);
	if (unit->format == UNIT_BITCODE) {
		if ((err = check_producer(unit, &newer_patch)))
			goto out;
		buffer = LLVMCreateMemoryBufferWithMemoryRange((const char *)unit->data, unit->size,
							       unit->name, 0);
		/* LLVM's reader can loop forever on a corrupt file: its time is bounded. */
		diag_watch(unit->size);
		if (lazy) {
			/* The module owns the buffer once it is read. */
			failed = LLVMGetBitcodeModuleInContext2(ctx, buffer, &module);
		} else {
			failed = LLVMParseBitcodeInContext2(ctx, buffer, &module);
			LLVMDisposeMemoryBuffer(buffer);
		}
		diag_watch(0);
		if (failed) {
			if (lazy)
				LLVMDisposeMemoryBuffer(buffer);
			if (diag_error_count() == errors_before)
				diag_error(unit->name, "corrupt bitcode");
			if (newer_patch)
				diag_error(unit->name, "the bitcode comes from a newer LLVM patch release "
						       "than this bpf-linker's; use a matching one");
			err = -EINVAL;
			goto out;
		}
	} else {
		if (memchr(unit->data, '\0', unit->size)) {
			diag_error(unit->name, "LLVM IR text contains a NUL byte");
			err = -EINVAL;
			goto out;
		}
		/* The IR lexer reads one byte past the end: give it a NUL-terminated copy. */
		buffer = LLVMCreateMemoryBufferWithMemoryRangeCopy((const char *)unit->data, unit->size,
								   unit->name);
		diag_watch(unit->size);
		failed = LLVMParseIRInContext2(ctx, buffer, &module, &message);
		diag_watch(0);
		if (failed) {
			/* "FILE:LINE:COL: error: what", then the source line and a caret: keep the first. */
			if (message && strchr(message, '\n'))
				*strchr(message, '\n') = '\0';
			diag_error(unit->name, "invalid LLVM IR: %s", message ? message : "parse error");
			LLVMDisposeMessage(message);
			LLVMDisposeMemoryBuffer(buffer);
			err = -EINVAL;
			goto out;
		}
		LLVMDisposeMemoryBuffer(buffer);
	}
	if ((err = check_bpf_triple(unit, LLVMGetTarget(module), strlen(LLVMGetTarget(module))))) {
		LLVMDisposeModule(module);
		goto out;
	}
	unit->module = module;
out:
	diag_set_subject(NULL);
	return err;
}
