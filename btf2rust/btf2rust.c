/* btf2rust [--btf FILE] [--marker PATH] TYPE...: Rust definitions of kernel types from BTF, for
 * CO-RE from Rust: what `bpftool btf dump format c > vmlinux.h` is for C.
 *
 * Each named TYPE (a struct, union, enum or typedef) and everything it references is written:
 * structs and unions as #[repr(C)] with the CO-RE marker field (relocatable by bpf-linker), at
 * the offsets and sizes of that BTF with the padding spelled out, and a compile-time check of
 * the size; enums as a transparent integer with one constant per value (a kernel value Rust does
 * not know stays representable); typedefs as type aliases; pointers, arrays and function
 * pointers as Rust has them; anonymous members as fields named __anon_N of types named after
 * their parent (bpf-linker makes them anonymous again in BTF); bitfields as the bytes that hold
 * them (their bits are in a comment). The output is deterministic and compiles warning-free with
 * #![no_std] for the BPF targets. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

struct generator {
	const struct btf *btf;
	const char *path;        /* the BTF file, for messages */
	const char *marker;      /* the marker type's path */
	char **names;            /* per type id: its Rust name, once used */
	char **taken;            /* the names given, hashed (open addressing, a power of two) */
	size_t taken_cap;
	bool *queued;            /* per type id: already queued for output */
	__u32 *queue;            /* type ids to write, in discovery order */
	size_t queue_len;
	size_t queue_cap;
	FILE *out;
};

static void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	fputs("btf2rust: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *checked(void *p)
{
	if (!p)
		fail("out of memory");
	return p;
}

static const char *const keywords[] = {
	"as", "async", "await", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
	"extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
	"match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static",
	"struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual",
	"where", "while", "yield", "abstract", "become",
};
/* Names that cannot even be raw identifiers. */
static const char *const reserved[] = { "self", "Self", "super", "crate", "_" };
/* Kernel typedefs named like Rust's primitives (u8, u32, bool...) would shadow them. */
static const char *const primitives[] = {
	"u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
	"bool", "char", "f32", "f64", "str",
};

static bool in(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(name, list[i]))
			return true;
	return false;
}

#define IN(name, list) in(name, list, sizeof(list) / sizeof(list[0]))

/* NAME as a Rust identifier: r#type, self_, as it is otherwise. */
static const char *ident(const char *name, char *buf, size_t cap)
{
	if (IN(name, keywords))
		snprintf(buf, cap, "r#%s", name);
	else if (IN(name, reserved))
		snprintf(buf, cap, "%s_", name);
	else
		snprintf(buf, cap, "%s", name);
	return buf;
}

static bool name_taken(const struct generator *g, const char *name)
{
	for (size_t h = hash(name) & (g->taken_cap - 1);; h = (h + 1) & (g->taken_cap - 1)) {
		if (!g->taken[h])
			return false;
		if (!strcmp(g->taken[h], name))
			return true;
	}
}

static void take_name(struct generator *g, char *name)
{
	size_t h = hash(name) & (g->taken_cap - 1);

	while (g->taken[h])
		h = (h + 1) & (g->taken_cap - 1);
	g->taken[h] = name;
}

/* The Rust name of type ID, given at its first use: the kernel's, or for a second type of the
 * same name (kernel BTF has several structs named console) NAME___2: a CO-RE flavour, which
 * libbpf matches against every kernel type of that name. */
static const char *type_name(struct generator *g, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(g->btf, id);
	const char *base = btf__name_by_offset(g->btf, t->name_off);
	char name[1024];

	if (g->names[id])
		return g->names[id];
	snprintf(name, sizeof(name), "%s", base);
	for (unsigned n = 2; name_taken(g, name); n++)
		snprintf(name, sizeof(name), "%s___%u", base, n);
	g->names[id] = checked(strdup(name));
	take_name(g, g->names[id]);
	return g->names[id];
}

/* Strip const, volatile, restrict and type tags (a chain longer than any C has is a loop). */
static __u32 skip_modifiers(const struct btf *btf, __u32 id, bool *is_const)
{
	for (int n = 0;; n++) {
		const struct btf_type *t = btf__type_by_id(btf, id);

		if (!t || !(btf_is_mod(t) || btf_is_type_tag(t)))
			return id;
		if (n > 64)
			fail("type %u: a chain of modifiers that does not end", id);
		if (btf_is_const(t) && is_const)
			*is_const = true;
		id = t->type;
	}
}

/* A typedef that names a Rust primitive, or itself, is not written: it resolves through. So
 * does one of an anonymous struct, union or enum, which takes the typedef's name. */
static bool typedef_passes_through(struct generator *g, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(g->btf, id);
	const char *name = btf__name_by_offset(g->btf, t->name_off);
	__u32 target = skip_modifiers(g->btf, t->type, NULL);
	const struct btf_type *tt = btf__type_by_id(g->btf, target);

	if (IN(name, primitives))
		return true;
	if (target && tt && !tt->name_off && (btf_is_composite(tt) || btf_is_any_enum(tt))) {
		if (!g->names[target] && !name_taken(g, name)) {
			g->names[target] = checked(strdup(name));
			take_name(g, g->names[target]);
		}
		return g->names[target] && !strcmp(g->names[target], name);
	}
	return target && tt && tt->name_off && !g->names[target] &&
	       !strcmp(btf__name_by_offset(g->btf, tt->name_off), name) && !btf_is_typedef(tt);
}

static void enqueue(struct generator *g, __u32 id)
{
	if (g->queued[id])
		return;
	g->queued[id] = true;
	if (g->queue_len == g->queue_cap) {
		g->queue_cap = g->queue_cap ? 2 * g->queue_cap : 256;
		g->queue = checked(realloc(g->queue, g->queue_cap * sizeof(*g->queue)));
	}
	g->queue[g->queue_len++] = id;
}

static void rust_type_at(struct generator *g, __u32 id, char *buf, size_t cap, unsigned depth);

/* The Rust type for ID into BUF, queueing the definitions it needs. */
static void rust_type(struct generator *g, __u32 id, char *buf, size_t cap)
{
	rust_type_at(g, id, buf, cap, 0);
}

static void rust_type_at(struct generator *g, __u32 id, char *buf, size_t cap, unsigned depth)
{
	bool is_const = false;
	const struct btf_type *t;
	char inner[1024];

	if (depth > 64)
		fail("%s: type %u is nested deeper than any C type (a loop?)", g->path, id);

	id = skip_modifiers(g->btf, id, &is_const);
	if (!id) {
		snprintf(buf, cap, "core::ffi::c_void");
		return;
	}
	t = btf__type_by_id(g->btf, id);
	switch (btf_kind(t)) {
	case BTF_KIND_INT: {
		__u8 enc = btf_int_encoding(t);

		if (enc & BTF_INT_BOOL && t->size == 1)
			snprintf(buf, cap, "bool");
		else if (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8 || t->size == 16)
			snprintf(buf, cap, "%c%u", enc & BTF_INT_SIGNED ? 'i' : 'u', t->size * 8);
		else
			snprintf(buf, cap, "[u8; %u]", t->size);
		return;
	}
	case BTF_KIND_FLOAT:
		snprintf(buf, cap, t->size == 4 ? "f32" : t->size == 8 ? "f64" : "[u8; %u]", t->size);
		return;
	case BTF_KIND_PTR: {
		__u32 target = skip_modifiers(g->btf, t->type, &is_const);
		const struct btf_type *tt = btf__type_by_id(g->btf, target);

		if (target && btf_is_func_proto(tt)) {
			rust_type_at(g, target, inner, sizeof(inner), depth + 1);
			snprintf(buf, cap, "Option<%s>", inner);
			return;
		}
		is_const = false;
		skip_modifiers(g->btf, t->type, &is_const);
		rust_type_at(g, t->type, inner, sizeof(inner), depth + 1);
		snprintf(buf, cap, "*%s %s", is_const ? "const" : "mut", inner);
		return;
	}
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);

		rust_type_at(g, a->type, inner, sizeof(inner), depth + 1);
		snprintf(buf, cap, "[%s; %u]", inner, a->nelems);
		return;
	}
	case BTF_KIND_FUNC_PROTO: {
		const struct btf_param *p = btf_params(t);
		size_t used = (size_t)snprintf(buf, cap, "unsafe extern \"C\" fn(");

		for (__u16 i = 0; i < btf_vlen(t) && used < cap; i++) {
			if (!p[i].type) { /* a trailing void parameter: variadic */
				used += (size_t)snprintf(buf + used, cap - used, "%s...", i ? ", " : "");
				continue;
			}
			rust_type_at(g, p[i].type, inner, sizeof(inner), depth + 1);
			used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", inner);
		}
		if (used < cap)
			used += (size_t)snprintf(buf + used, cap - used, ")");
		if (t->type && used < cap) {
			rust_type_at(g, t->type, inner, sizeof(inner), depth + 1);
			snprintf(buf + used, cap - used, " -> %s", inner);
		}
		return;
	}
	case BTF_KIND_TYPEDEF:
		if (typedef_passes_through(g, id)) {
			rust_type_at(g, t->type, buf, cap, depth + 1);
			return;
		}
		/* fall through */
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
	case BTF_KIND_FWD:
		if (!t->name_off && !g->names[id]) {
			char name[32];

			snprintf(name, sizeof(name), "anon_%u", id);
			g->names[id] = checked(strdup(name));
			take_name(g, g->names[id]);
		}
		enqueue(g, id);
		snprintf(buf, cap, "%s", type_name(g, id));
		return;
	default:
		fail("%s: type %u has a kind Rust has no form for (%u)", g->path, id, btf_kind(t));
	}
}

/* Name the anonymous composites and enums among T's members after T (PARENT__anon_N). */
static void name_anonymous_members(struct generator *g, __u32 parent_id)
{
	const struct btf_type *t = btf__type_by_id(g->btf, parent_id);
	const struct btf_member *m = btf_members(t);
	unsigned n = 0;

	for (__u16 i = 0; i < btf_vlen(t); i++) {
		__u32 id = skip_modifiers(g->btf, m[i].type, NULL);
		const struct btf_type *mt = btf__type_by_id(g->btf, id);
		char name[1024];

		/* Through arrays too: struct { ... } x[4]. */
		while (mt && btf_is_array(mt)) {
			id = skip_modifiers(g->btf, btf_array(mt)->type, NULL);
			mt = btf__type_by_id(g->btf, id);
		}
		if (!mt || mt->name_off || g->names[id] ||
		    !(btf_is_composite(mt) || btf_is_any_enum(mt)))
			continue;
		snprintf(name, sizeof(name), "%s__anon_%u", type_name(g, parent_id), ++n);
		g->names[id] = checked(strdup(name));
		take_name(g, g->names[id]);
	}
}

static void write_enum(struct generator *g, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(g->btf, id);
	const char *name = type_name(g, id);
	bool is_signed = btf_kflag(t);
	char repr[8], value_name[512];

	if (t->size != 1 && t->size != 2 && t->size != 4 && t->size != 8)
		fail("%s: enum %s has a size C does not give enums (%u)", g->path, name, t->size);
	snprintf(repr, sizeof(repr), "%c%u", is_signed ? 'i' : 'u', t->size * 8);
	fprintf(g->out, "#[repr(transparent)]\n#[derive(Clone, Copy, PartialEq, Eq)]\n"
			"pub struct %s(pub %s);\nimpl %s {\n", name, repr, name);
	for (__u16 i = 0; i < btf_vlen(t); i++) {
		const char *vname;
		long long value;

		if (btf_is_enum(t)) {
			const struct btf_enum *e = btf_enum(t) + i;

			vname = btf__name_by_offset(g->btf, e->name_off);
			value = is_signed ? (long long)e->val : (long long)(__u32)e->val;
		} else {
			const struct btf_enum64 *e = btf_enum64(t) + i;

			vname = btf__name_by_offset(g->btf, e->name_off);
			value = (long long)btf_enum64_value(e);
		}
		if (is_signed)
			fprintf(g->out, "    pub const %s: %s = %s(%lld);\n",
				ident(vname, value_name, sizeof(value_name)), name, name, value);
		else
			fprintf(g->out, "    pub const %s: %s = %s(%llu);\n",
				ident(vname, value_name, sizeof(value_name)), name, name,
				t->size == 8 ? (unsigned long long)value
					     : (unsigned long long)value & ((1ULL << (t->size * 8)) - 1));
	}
	fprintf(g->out, "}\n\n");
}

/* Whether C's layout of T differs from what repr(C) would give its fields: packed. */
static bool is_packed(struct generator *g, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	int max_align = 1;

	for (__u16 i = 0; i < btf_vlen(t); i++) {
		int align = btf__align_of(g->btf, m[i].type);
		__u32 bits = btf_member_bit_offset(t, i);

		if (btf_member_bitfield_size(t, i))
			continue;
		if (align <= 0 || bits % (8u * (unsigned)align))
			return true;
		if (align > max_align)
			max_align = align;
	}
	return t->size % (unsigned)max_align != 0;
}

static __u32 union_members_size(struct generator *g, const struct btf_type *t)
{
	const struct btf_member *m = btf_members(t);
	__u32 largest = 0;

	for (__u16 i = 0; i < btf_vlen(t); i++) {
		__u32 size_bits = btf_member_bitfield_size(t, i);
		__s64 size = size_bits ? (size_bits + 7) / 8 : btf__resolve_size(g->btf, m[i].type);

		if (size > 0 && (__u32)size > largest)
			largest = (__u32)size;
	}
	return largest;
}

static void write_composite(struct generator *g, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(g->btf, id);
	const struct btf_member *m = btf_members(t);
	const char *name = type_name(g, id);
	bool is_union = btf_is_union(t), packed = !is_union && is_packed(g, t);
	unsigned cursor = 0, pads = 0, anon = 0, bitfields = 0;
	char field[512], type[2048];

	name_anonymous_members(g, id);
	fprintf(g->out, "#[repr(C%s)]\n#[derive(Clone, Copy)]\npub %s %s {\n", packed ? ", packed" : "",
		is_union ? "union" : "struct", name);
	fprintf(g->out, "    pub _relocatable: %s,\n", g->marker);
	for (__u16 i = 0; i < btf_vlen(t); i++) {
		__u32 bits = btf_member_bit_offset(t, i), size_bits = btf_member_bitfield_size(t, i);
		const char *mname = btf__name_by_offset(g->btf, m[i].name_off);
		unsigned offset = bits / 8;

		if (size_bits || bits % 8) {
			/* A run of bitfields: the bytes that hold them, once. */
			unsigned first_byte = bits / 8, last = i;
			__u32 end_bits = bits + (size_bits ? size_bits : 8);

			while (!is_union && last + 1u < btf_vlen(t) &&
			       (btf_member_bitfield_size(t, last + 1) || btf_member_bit_offset(t, last + 1) % 8)) {
				__u32 e;

				last++;
				e = btf_member_bit_offset(t, last) + btf_member_bitfield_size(t, last);
				if (e > end_bits)
					end_bits = e;
			}
			if (!is_union && first_byte > cursor)
				fprintf(g->out, "    pub _pad_%u: [u8; %u],\n", ++pads, first_byte - cursor);
			fprintf(g->out, "    /// bits (name@bit+width):");
			for (unsigned k = i; k <= last; k++)
				fprintf(g->out, " %s@%u+%u", btf__name_by_offset(g->btf, m[k].name_off),
					btf_member_bit_offset(t, k) - first_byte * 8,
					btf_member_bitfield_size(t, k));
			fprintf(g->out, "\n    pub _bitfield_%u: [u8; %u],\n", ++bitfields,
				(end_bits + 7) / 8 - first_byte);
			if (!is_union)
				cursor = (end_bits + 7) / 8;
			i = (__u16)last;
			continue;
		}
		if (!is_union && offset > cursor)
			fprintf(g->out, "    pub _pad_%u: [u8; %u],\n", ++pads, offset - cursor);
		rust_type(g, m[i].type, type, sizeof(type));
		if (!*mname)
			snprintf(field, sizeof(field), "__anon_%u", ++anon);
		else
			ident(mname, field, sizeof(field));
		fprintf(g->out, "    pub %s: %s,\n", field, type);
		if (!is_union) {
			__s64 size = btf__resolve_size(g->btf, m[i].type);

			cursor = offset + (unsigned)(size > 0 ? size : 0);
		}
	}
	if (!is_union && t->size > cursor)
		fprintf(g->out, "    pub _pad_%u: [u8; %u],\n", ++pads, t->size - cursor);
	/* The union's size where its members are smaller (an aligned or padded union). */
	if (is_union && union_members_size(g, t) < t->size)
		fprintf(g->out, "    pub _bytes: [u8; %u],\n", t->size);
	fprintf(g->out, "}\nconst _: () = assert!(core::mem::size_of::<%s>() == %u);\n\n", name, t->size);
}

static void write_type(struct generator *g, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(g->btf, id);
	char type[2048];

	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		write_composite(g, id);
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		write_enum(g, id);
		break;
	case BTF_KIND_TYPEDEF:
		rust_type(g, t->type, type, sizeof(type));
		fprintf(g->out, "pub type %s = %s;\n\n", type_name(g, id), type);
		break;
	case BTF_KIND_FWD:
		/* Declared, never defined here: only pointed to. */
		fprintf(g->out, "#[repr(C)]\npub struct %s {\n    _opaque: [u8; 0],\n}\n\n",
			type_name(g, id));
		break;
	default:
		break;
	}
}

/* The type named NAME: a struct, union, enum or typedef, in that order. */
static __u32 find_named(const struct generator *g, const char *name)
{
	static const __u32 kinds[] = { BTF_KIND_STRUCT, BTF_KIND_UNION, BTF_KIND_ENUM,
				       BTF_KIND_ENUM64, BTF_KIND_TYPEDEF };

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		__s32 id = btf__find_by_name_kind(g->btf, name, kinds[i]);

		if (id > 0)
			return (__u32)id;
	}
	return 0;
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

static void usage(void)
{
	fputs("usage: btf2rust [--btf FILE] [--marker PATH] TYPE... > vmlinux.rs\n"
	      "  --btf FILE     the BTF to read (default /sys/kernel/btf/vmlinux; an ELF object's .BTF\n"
	      "                 works too)\n"
	      "  --marker PATH  the CO-RE marker type (default super::relocatable::Relocatable)\n",
	      stderr);
}

int main(int argc, char **argv)
{
	struct generator g = { .path = "/sys/kernel/btf/vmlinux",
			       .marker = "super::relocatable::Relocatable", .out = stdout };
	struct btf *btf;
	int first = 1;
	__u32 count;

	for (; first < argc && argv[first][0] == '-'; first++) {
		if (!strcmp(argv[first], "--btf") && first + 1 < argc)
			g.path = argv[++first];
		else if (!strcmp(argv[first], "--marker") && first + 1 < argc)
			g.marker = argv[++first];
		else if (!strcmp(argv[first], "--help") || !strcmp(argv[first], "-h")) {
			usage();
			return 0;
		} else {
			usage();
			fail("unknown option or missing value: '%s'", argv[first]);
		}
	}
	if (first == argc) {
		usage();
		fail("no type named");
	}
	libbpf_set_print(quiet);
	btf = btf__parse(g.path, NULL);
	if (!btf)
		fail("%s: cannot read BTF: %s", g.path, strerror(errno));
	g.btf = btf;
	count = btf__type_cnt(btf);
	g.names = checked(calloc(count, sizeof(*g.names)));
	g.queued = checked(calloc(count, sizeof(*g.queued)));
	for (g.taken_cap = 64; g.taken_cap < 2 * (size_t)count; g.taken_cap *= 2)
		;
	g.taken = checked(calloc(g.taken_cap, sizeof(*g.taken)));
	for (int i = first; i < argc; i++) {
		__u32 id = find_named(&g, argv[i]);

		if (!id)
			fail("%s: no struct, union, enum or typedef named '%s'", g.path, argv[i]);
		if (btf_is_typedef(btf__type_by_id(btf, id)) && typedef_passes_through(&g, id)) {
			char unused[2048];

			rust_type(&g, id, unused, sizeof(unused));
			continue;
		}
		enqueue(&g, id);
	}
	fprintf(g.out, "// Generated by btf2rust from %s:", g.path);
	for (int i = first; i < argc; i++)
		fprintf(g.out, " %s", argv[i]);
	/* Kernel names, and kernel function pointers taking structs by value (never called). */
	fprintf(g.out, "\n#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals, "
		       "dead_code, improper_ctypes_definitions)]\n\n");
	/* Writing a type queues the ones it uses: the queue grows while it is walked. */
	for (size_t i = 0; i < g.queue_len; i++)
		write_type(&g, g.queue[i]);
	if (fflush(g.out) || ferror(g.out))
		fail("cannot write the output: %s", strerror(errno));
	for (__u32 i = 0; i < count; i++)
		free(g.names[i]);
	free(g.names);
	free(g.taken);
	free(g.queued);
	free(g.queue);
	btf__free(btf);
	return 0;
}
