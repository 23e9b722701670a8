/* options: rustc's bpf flavor, the reference linker's options, the historical wasm-ld spellings
 * (accepted and ignored) and @response files, into one struct options. */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "version.h"

/* What an option does with its value. */
enum option_id {
	OPT_OUTPUT, OPT_EXPORT, OPT_EXPORT_SYMBOLS, OPT_LIB_DIR, OPT_LIB, OPT_CPU, OPT_CPU_FEATURES,
	OPT_TARGET, OPT_OPT_LEVEL, OPT_EMIT, OPT_LLVM_ARGS, OPT_DUMP_MODULE, OPT_LOG_LEVEL,
	OPT_LOG_FILE, OPT_FATAL_ERRORS, OPT_BTF, OPT_ALLOW_BPF_TRAP, OPT_UNROLL_LOOPS,
	OPT_IGNORE_INLINE_NEVER, OPT_EXPAND_MEMCPY, OPT_NO_EXPAND_MEMCPY, OPT_NO_MEMORY_BUILTINS,
	OPT_ALLOW_UNDEFINED, OPT_EAGER, OPT_KEEP_DWARF,
	OPT_WHOLE_ARCHIVE, OPT_NO_WHOLE_ARCHIVE, OPT_HELP, OPT_VERSION, OPT_IGNORED, OPT_IGNORED_VALUE,
};

struct option_spec {
	const char *name;   /* spelling without leading dashes */
	enum option_id id;  /* what it does */
	bool takes_value;   /* the next argument (or =VALUE) is its value */
};

static const struct option_spec option_specs[] = {
	{ "output", OPT_OUTPUT, true },
	{ "export", OPT_EXPORT, true },
	{ "export-symbols", OPT_EXPORT_SYMBOLS, true },
	{ "library-path", OPT_LIB_DIR, true },
	{ "library", OPT_LIB, true },
	{ "cpu", OPT_CPU, true },
	{ "cpu-features", OPT_CPU_FEATURES, true },
	{ "target", OPT_TARGET, true },
	{ "emit", OPT_EMIT, true },
	{ "llvm-args", OPT_LLVM_ARGS, true },
	{ "dump-module", OPT_DUMP_MODULE, true },
	{ "log-level", OPT_LOG_LEVEL, true },
	{ "log-file", OPT_LOG_FILE, true },
	{ "fatal-errors", OPT_FATAL_ERRORS, true },
	{ "btf", OPT_BTF, false },
	{ "keep-dwarf", OPT_KEEP_DWARF, false },
	{ "allow-bpf-trap", OPT_ALLOW_BPF_TRAP, false },
	{ "unroll-loops", OPT_UNROLL_LOOPS, false },
	{ "ignore-inline-never", OPT_IGNORE_INLINE_NEVER, false },
	{ "expand-memcpy-in-order", OPT_EXPAND_MEMCPY, false },
	{ "disable-expand-memcpy-in-order", OPT_NO_EXPAND_MEMCPY, false },
	{ "disable-memory-builtins", OPT_NO_MEMORY_BUILTINS, false },
	{ "allow-undefined", OPT_ALLOW_UNDEFINED, false },
	{ "whole-archive", OPT_WHOLE_ARCHIVE, false },
	/* Hidden: parse every unit in full and remove dead code afterwards (tests compare). */
	{ "eager", OPT_EAGER, false },
	{ "no-whole-archive", OPT_NO_WHOLE_ARCHIVE, false },
	{ "help", OPT_HELP, false },
	{ "version", OPT_VERSION, false },
	/* rustc always passes --debug; BTF is switched on by --btf. */
	{ "debug", OPT_IGNORED, false },
	/* Historical wasm-ld spellings: accepted so old build scripts keep working. */
	{ "flavor", OPT_IGNORED_VALUE, true },
	{ "rsp-quoting", OPT_IGNORED_VALUE, true },
	{ "no-entry", OPT_IGNORED, false },
	{ "gc-sections", OPT_IGNORED, false },
	{ "no-gc-sections", OPT_IGNORED, false },
	{ "strip-debug", OPT_IGNORED, false },
	{ "strip-all", OPT_IGNORED, false },
	{ "export-dynamic", OPT_IGNORED, false },
	{ "fatal-warnings", OPT_IGNORED, false },
	{ "no-demangle", OPT_IGNORED, false },
	{ "stack-first", OPT_IGNORED, false },
	{ "as-needed", OPT_IGNORED, false },
	{ "Bstatic", OPT_IGNORED, false },
	{ "Bdynamic", OPT_IGNORED, false },
	{ "eh-frame-hdr", OPT_IGNORED, false },
	{ "lto-O0", OPT_IGNORED, false },
	{ "lto-O1", OPT_IGNORED, false },
	{ "lto-O2", OPT_IGNORED, false },
	{ "lto-O3", OPT_IGNORED, false },
	{ "z", OPT_IGNORED_VALUE, true },
};

/* Single-letter options whose value may be attached (-ofile, -L/dir, -O2). */
static const struct option_spec short_specs[] = {
	{ "o", OPT_OUTPUT, true },  { "L", OPT_LIB_DIR, true }, { "l", OPT_LIB, true },
	{ "O", OPT_OPT_LEVEL, true }, { "h", OPT_HELP, false }, { "V", OPT_VERSION, false },
	{ "z", OPT_IGNORED_VALUE, true },
};

static const char *const emit_names[EMIT_KIND_COUNT] = {
	[EMIT_OBJ] = "obj", [EMIT_ASM] = "asm", [EMIT_LLVM_IR] = "llvm-ir", [EMIT_LLVM_BC] = "llvm-bc",
};

static const char *const cpu_names[] = { "generic", "probe", "v1", "v2", "v3", "v4" };

const char *options_emit_name(enum emit_kind kind)
{
	return emit_names[kind];
}

int strlist_push_n(struct strlist *list, const char *text, size_t len)
{
	char *copy;

	if (list->len == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 8;
		char **items = realloc(list->items, cap * sizeof(*items));

		if (!items)
			return -ENOMEM;
		list->items = items;
		list->cap = cap;
	}
	copy = strndup(text, len);
	if (!copy)
		return -ENOMEM;
	list->items[list->len++] = copy;
	return 0;
}

int strlist_push(struct strlist *list, const char *text)
{
	return strlist_push_n(list, text, strlen(text));
}

bool strlist_contains(const struct strlist *list, const char *text)
{
	for (size_t i = 0; i < list->len; i++)
		if (!strcmp(list->items[i], text))
			return true;
	return false;
}

void strlist_free(struct strlist *list)
{
	for (size_t i = 0; i < list->len; i++)
		free(list->items[i]);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/* Split a response file into arguments: whitespace separates, quotes group, backslash escapes. */
static int response_split(const char *path, const char *text, size_t len, struct strlist *out)
{
	char *arg = malloc(len + 1);
	size_t n = 0;
	bool in_arg = false;
	char quote = 0;
	int err = 0;

	if (!arg)
		return -ENOMEM;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c == '\\' && i + 1 < len && quote != '\'') {
			arg[n++] = text[++i];
			in_arg = true;
		} else if (quote) {
			if (c == quote)
				quote = 0;
			else
				arg[n++] = c;
		} else if (c == '"' || c == '\'') {
			quote = c;
			in_arg = true;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (in_arg && (err = strlist_push_n(out, arg, n)))
				goto out;
			n = 0;
			in_arg = false;
		} else {
			arg[n++] = c;
			in_arg = true;
		}
	}
	if (quote) {
		diag_error(path, "response file ends inside a %c quote", quote);
		err = -EINVAL;
	} else if (in_arg) {
		err = strlist_push_n(out, arg, n);
	}
out:
	free(arg);
	return err;
}

/* Append ARG to OUT, expanding @file (recursively, to a fixed depth) like GNU tools. */
static int expand_arg(const char *arg, struct strlist *out, int depth)
{
	struct strlist inner = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int err;

	if (arg[0] != '@' || !arg[1])
		return strlist_push(out, arg);
	if (depth > 16) {
		diag_error(arg + 1, "response files nested too deeply");
		return -EINVAL;
	}
	f = fopen(arg + 1, "rb");
	if (!f) {
		err = -errno;
		diag_error(arg + 1, "cannot read response file: %s", strerror(-err));
		return err;
	}
	if (fseek(f, 0, SEEK_END) == 0) {
		long size = ftell(f);

		if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (text = malloc((size_t)size + 1)))
			len = fread(text, 1, (size_t)size, f);
	}
	fclose(f);
	if (!text) {
		diag_error(arg + 1, "cannot read response file");
		return -EIO;
	}
	err = response_split(arg + 1, text, len, &inner);
	for (size_t i = 0; !err && i < inner.len; i++)
		err = expand_arg(inner.items[i], out, depth + 1);
	strlist_free(&inner);
	free(text);
	return err;
}

/* Add the names of a comma-separated list, skipping empty elements. */
static int push_comma_list(struct strlist *list, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, ",");
		int err = n ? strlist_push_n(list, text, n) : 0;

		if (err)
			return err;
		text += n;
		if (*text == ',')
			text++;
	}
	return 0;
}

static int read_export_symbols(struct options *opts, const char *path)
{
	char line[4096];
	FILE *f = fopen(path, "r");
	int err = 0;

	if (!f) {
		err = -errno;
		diag_error(path, "cannot read export list: %s", strerror(-err));
		return err;
	}
	while (fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\r\n");

		if (n && (err = strlist_push_n(&opts->listed_exports, line, n)))
			break;
	}
	fclose(f);
	return err;
}

static int add_input(struct options *opts, const char *path, bool from_lib)
{
	struct input_arg *inputs = realloc(opts->inputs, (opts->input_count + 1) * sizeof(*inputs));

	if (!inputs)
		return -ENOMEM;
	opts->inputs = inputs;
	inputs[opts->input_count].path = strdup(path);
	if (!inputs[opts->input_count].path)
		return -ENOMEM;
	inputs[opts->input_count].from_lib = from_lib;
	opts->input_count++;
	return 0;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* -l NAME: libNAME.a, libNAME.rlib, then NAME itself; -l :FILE: exactly FILE; in -L order. */
static int add_library(struct options *opts, const char *name)
{
	static const char *const patterns[] = { "lib%s.a", "lib%s.rlib", "%s" };
	char candidate[4096];

	for (size_t d = 0; d < opts->lib_dirs.len; d++) {
		for (size_t p = 0; p < sizeof(patterns) / sizeof(patterns[0]); p++) {
			char file[2048];

			if (name[0] == ':') {
				if (p)
					break;
				snprintf(file, sizeof(file), "%s", name + 1);
			} else {
				snprintf(file, sizeof(file), patterns[p], name);
			}
			snprintf(candidate, sizeof(candidate), "%s/%s", opts->lib_dirs.items[d], file);
			if (is_file(candidate))
				return add_input(opts, candidate, true);
		}
	}
	diag_error(NULL, "library not found: -l %s (searched %zu -L director%s)", name,
		   opts->lib_dirs.len, opts->lib_dirs.len == 1 ? "y" : "ies");
	return -ENOENT;
}

static int parse_emit(struct options *opts, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, ",");
		int kind = -1;

		for (int k = 0; k < EMIT_KIND_COUNT; k++)
			if (strlen(emit_names[k]) == n && !strncmp(emit_names[k], text, n))
				kind = k;
		if (kind < 0) {
			diag_error(NULL, "unknown --emit kind '%.*s' (expected obj, asm, llvm-ir or llvm-bc)",
				   (int)n, text);
			return -EINVAL;
		}
		bool seen = false;
		for (size_t i = 0; i < opts->emit_count; i++)
			seen |= opts->emits[i] == (enum emit_kind)kind;
		if (!seen)
			opts->emits[opts->emit_count++] = (enum emit_kind)kind;
		text += n;
		if (*text == ',')
			text++;
	}
	return 0;
}

static int parse_opt_level(struct options *opts, const char *text)
{
	static const char levels[] = "0123sz";
	const char *at = strlen(text) == 1 ? strchr(levels, text[0]) : NULL;

	if (!at || !*text) {
		diag_error(NULL, "invalid optimisation level '-O%s' (expected 0, 1, 2, 3, s or z)", text);
		return -EINVAL;
	}
	opts->opt_level = (enum opt_level)(at - levels);
	return 0;
}

static int set_string(char **field, const char *value)
{
	free(*field);
	*field = strdup(value);
	return *field ? 0 : -ENOMEM;
}

static int apply(struct options *opts, const struct option_spec *spec, const char *value)
{
	switch (spec->id) {
	case OPT_OUTPUT:
		return set_string(&opts->output, value);
	case OPT_EXPORT:
		return push_comma_list(&opts->exports, value);
	case OPT_EXPORT_SYMBOLS:
		return read_export_symbols(opts, value);
	case OPT_LIB_DIR:
		return strlist_push(&opts->lib_dirs, value);
	case OPT_LIB:
		return add_library(opts, value);
	case OPT_CPU:
		for (size_t i = 0; i < sizeof(cpu_names) / sizeof(cpu_names[0]); i++)
			if (!strcmp(value, cpu_names[i]))
				return set_string(&opts->cpu, value);
		diag_error(NULL, "invalid --cpu '%s' (expected generic, probe, v1, v2, v3 or v4)", value);
		return -EINVAL;
	case OPT_CPU_FEATURES:
		return set_string(&opts->cpu_features, value);
	case OPT_TARGET:
		if (strncmp(value, "bpf", 3) || strlen(value) > 31 ||
		    (value[3] && value[3] != '-' && strncmp(value + 3, "el", 2) &&
		     strncmp(value + 3, "eb", 2))) {
			diag_error(NULL, "invalid --target '%s' (expected bpf, bpfel or bpfeb)", value);
			return -EINVAL;
		}
		return set_string(&opts->target, value);
	case OPT_OPT_LEVEL:
		return parse_opt_level(opts, value);
	case OPT_EMIT:
		return parse_emit(opts, value);
	case OPT_LLVM_ARGS:
		return push_comma_list(&opts->llvm_args, value);
	case OPT_DUMP_MODULE:
		return set_string(&opts->dump_module_dir, value);
	case OPT_LOG_LEVEL:
		if (diag_parse_level(value, &opts->log_level)) {
			diag_error(NULL, "invalid --log-level '%s' (expected error, warn, info, debug or trace)",
				   value);
			return -EINVAL;
		}
		return 0;
	case OPT_LOG_FILE:
		return set_string(&opts->log_file, value);
	case OPT_FATAL_ERRORS:
		if (strcmp(value, "true") && strcmp(value, "false")) {
			diag_error(NULL, "invalid --fatal-errors '%s' (expected true or false)", value);
			return -EINVAL;
		}
		opts->fatal_errors = !strcmp(value, "true");
		return 0;
	case OPT_BTF:
		opts->btf = true;
		return 0;
	case OPT_ALLOW_BPF_TRAP:
		opts->allow_bpf_trap = true;
		return 0;
	case OPT_UNROLL_LOOPS:
		opts->unroll_loops = true;
		return 0;
	case OPT_IGNORE_INLINE_NEVER:
		opts->ignore_inline_never = true;
		return 0;
	case OPT_EXPAND_MEMCPY:
		opts->expand_memcpy_in_order = true;
		return 0;
	case OPT_NO_EXPAND_MEMCPY:
		opts->expand_memcpy_in_order = false;
		return 0;
	case OPT_NO_MEMORY_BUILTINS:
		opts->disable_memory_builtins = true;
		return 0;
	case OPT_ALLOW_UNDEFINED:
		opts->allow_undefined = true;
		return 0;
	case OPT_EAGER:
		opts->eager = true;
		return 0;
	case OPT_KEEP_DWARF:
		opts->keep_dwarf = true;
		return 0;
	case OPT_WHOLE_ARCHIVE:
		opts->whole_archive = true;
		return 0;
	case OPT_NO_WHOLE_ARCHIVE:
		opts->whole_archive = false;
		return 0;
	case OPT_HELP:
		opts->help = true;
		return 0;
	case OPT_VERSION:
		opts->version = true;
		return 0;
	case OPT_IGNORED:
	case OPT_IGNORED_VALUE:
		return 0;
	}
	return 0;
}

static const struct option_spec *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(option_specs) / sizeof(option_specs[0]); i++)
		if (strlen(option_specs[i].name) == len && !strncmp(option_specs[i].name, name, len))
			return &option_specs[i];
	return NULL;
}

static const struct option_spec *find_short(char letter)
{
	for (size_t i = 0; i < sizeof(short_specs) / sizeof(short_specs[0]); i++)
		if (short_specs[i].name[0] == letter)
			return &short_specs[i];
	return NULL;
}

/* Bare names that are not files are looked up in the -L directories, as rustc's inputs are. */
static int add_positional(struct options *opts, const char *path)
{
	char candidate[4096];

	if (!strchr(path, '/') && !is_file(path) && !is_dir(path)) {
		for (size_t d = 0; d < opts->lib_dirs.len; d++) {
			snprintf(candidate, sizeof(candidate), "%s/%s", opts->lib_dirs.items[d], path);
			if (is_file(candidate))
				return add_input(opts, candidate, true);
		}
	}
	return add_input(opts, path, false);
}

static int parse_args(struct options *opts, const struct strlist *args)
{
	/* -L applies to every -l and bare name however they are ordered, so collect it first. */
	for (size_t i = 1; i < args->len; i++) {
		const char *a = args->items[i];

		if (!strcmp(a, "-L") && i + 1 < args->len) {
			if (strlist_push(&opts->lib_dirs, args->items[++i]))
				return -ENOMEM;
		} else if (!strncmp(a, "-L", 2) && a[2]) {
			if (strlist_push(&opts->lib_dirs, a + 2))
				return -ENOMEM;
		}
	}

	for (size_t i = 1; i < args->len; i++) {
		const char *a = args->items[i];
		const struct option_spec *spec;
		const char *value = NULL;
		int err;

		if (a[0] != '-' || !a[1]) {
			if ((err = add_positional(opts, a)))
				return err;
			continue;
		}
		if (!strcmp(a, "--")) {
			for (i++; i < args->len; i++)
				if ((err = add_positional(opts, args->items[i])))
					return err;
			break;
		}
		const char *name = a + 1 + (a[1] == '-');
		const char *eq = strchr(name, '=');
		size_t name_len = eq ? (size_t)(eq - name) : strlen(name);

		spec = find_long(name, name_len);
		if (spec && eq) {
			value = eq + 1;
		} else if (!spec && a[1] != '-' && (spec = find_short(a[1])) && a[2]) {
			if (spec->takes_value)
				value = a + 2;
			else
				spec = NULL; /* -hx */
		}
		if (!spec) {
			diag_error(NULL, "unknown option '%s' (see --help)", a);
			return -EINVAL;
		}
		if (spec->takes_value && !value) {
			if (i + 1 >= args->len) {
				diag_error(NULL, "option '%s' needs a value", a);
				return -EINVAL;
			}
			value = args->items[++i];
		} else if (!spec->takes_value && value) {
			diag_error(NULL, "option '%s' takes no value", a);
			return -EINVAL;
		}
		if (spec->id == OPT_LIB_DIR)
			continue; /* collected above */
		if ((err = apply(opts, spec, value)))
			return err;
	}
	return 0;
}

int options_parse(int argc, char **argv, struct options *opts)
{
	struct strlist args = { 0 };
	int err = 0;

	memset(opts, 0, sizeof(*opts));
	opts->opt_level = OPT_O2;
	opts->log_level = DIAG_WARN;
	opts->fatal_errors = true;
	for (int i = 0; i < argc && !err; i++)
		err = expand_arg(argv[i], &args, 0);
	if (!err)
		err = parse_args(opts, &args);
	strlist_free(&args);
	if (err)
		return err == -ENOMEM ? (diag_error(NULL, "out of memory"), -ENOMEM) : err;
	if (opts->help || opts->version)
		return 0;
	/* clang-22's default; rustc always passes its -C target-cpu (generic unless set). */
	if (!opts->cpu && set_string(&opts->cpu, "v3"))
		return -ENOMEM;
	if (!opts->cpu_features && set_string(&opts->cpu_features, ""))
		return -ENOMEM;
	if (!opts->emit_count)
		opts->emits[opts->emit_count++] = EMIT_OBJ;
	if (!opts->input_count) {
		diag_error(NULL, "no input files");
		return -EINVAL;
	}
	if (!opts->output) {
		diag_error(NULL, "no output file (-o FILE)");
		return -EINVAL;
	}
	return 0;
}

void options_free(struct options *opts)
{
	for (size_t i = 0; i < opts->input_count; i++)
		free(opts->inputs[i].path);
	free(opts->inputs);
	strlist_free(&opts->lib_dirs);
	strlist_free(&opts->exports);
	strlist_free(&opts->listed_exports);
	strlist_free(&opts->llvm_args);
	free(opts->output);
	free(opts->target);
	free(opts->cpu);
	free(opts->cpu_features);
	free(opts->dump_module_dir);
	free(opts->log_file);
	memset(opts, 0, sizeof(*opts));
}

void options_print_help(void)
{
	fputs("Usage: bpf-linker [options] INPUT... -o OUTPUT\n"
	      "\n"
	      "Links LLVM bitcode (.bc, .ll, ELF with .llvmbc, .a/.rlib archives) into one BPF ELF object;\n"
	      "plain BPF objects (clang -g -c) are merged in with libbpf's linker.\n"
	      "\n"
	      "C:    clang -target bpf -O2 -g -emit-llvm -c prog.c -o prog.bc\n"
	      "      bpf-linker --btf prog.bc [more.bc lib.a plain.o] --export prog,LICENSE -o prog.o\n"
	      "      bpftool prog load prog.o /sys/fs/bpf/prog\n"
	      "Rust: rustc and cargo call bpf-linker themselves (--target=bpfel-unknown-none).\n"
	      "\n"
	      "Inputs and symbols:\n"
	      "  -o, --output FILE          output file (replaced atomically; -, devices, FIFOs: in place)\n"
	      "  --export SYM[,SYM]         keep SYM as a global symbol (repeatable)\n"
	      "  --export-symbols FILE      keep every symbol listed in FILE, one a line\n"
	      "  -L DIR                     search DIR for -l and for inputs given by bare name\n"
	      "  -l NAME                    link libNAME.a or libNAME.rlib (or :FILE) from -L\n"
	      "  --whole-archive            link every archive member, needed or not\n"
	      "  --allow-undefined          report calls to undefined functions as warnings\n"
	      "  --disable-memory-builtins  do not keep memcpy, memmove, memset, memcmp, bcmp (those\n"
	      "                             the object calls are always kept, or supplied)\n"
	      "  @FILE                      read more arguments from FILE\n"
	      "\n"
	      "Code generation:\n"
	      "  --target TRIPLE            bpf, bpfel or bpfeb (default: from the inputs)\n"
	      "  --cpu CPU                  generic, probe, v1, v2, v3, v4 (default v3, as clang-22;\n"
	      "                             rustc passes its -C target-cpu, generic unless set)\n"
	      "  --cpu-features FEATURES    LLVM feature string, e.g. +alu32\n"
	      "  -O LEVEL                   0, 1, 2, 3, s, z (default 2; 0 runs the O1 pipeline)\n"
	      "  --emit KIND[,KIND]         obj, asm, llvm-ir, llvm-bc (default obj); the first goes\n"
	      "                             to -o, the others beside it with .o/.s/.ll/.bc\n"
	      "  --btf                      emit BTF the kernel accepts (else debug info is stripped);\n"
	      "                             fields of Rust types with a field of type Relocatable get\n"
	      "                             CO-RE relocations (README: CO-RE); DWARF keeps line\n"
	      "                             tables, subprograms and types, not local variables\n"
	      "  --keep-dwarf               with --btf, keep the DWARF of local variables too\n"
	      "  --unroll-loops             unroll loops fully where the trip count allows\n"
	      "  --ignore-inline-never      let the inliner inline #[inline(never)] functions\n"
	      "  --expand-memcpy-in-order   expand constant-size memcpy as ordered load/store pairs\n"
	      "                             (memset then becomes a call); default off, as clang\n"
	      "  --allow-bpf-trap           let LLVM call __bpf_trap for unreachable code\n"
	      "  --llvm-args ARG[,ARG]      pass options to LLVM (unknown ones are an error)\n"
	      "\n"
	      "Diagnostics:\n"
	      "  --dump-module DIR          write DIR/pre-opt.ll and DIR/post-opt.ll\n"
	      "  --log-level LEVEL          error, warn (default), info, debug, trace\n"
	      "  --log-file FILE            append the log to FILE as well\n"
	      "  --fatal-errors BOOL        LLVM errors fail the link (default true)\n"
	      "  -h, --help                 this text\n"
	      "  -V, --version              versions of bpf-linker and its LLVM\n"
	      "\n"
	      "Accepted and ignored: --debug and the wasm-ld spellings -flavor, --rsp-quoting,\n"
	      "--no-entry, --gc-sections, --strip-debug, --strip-all, -z, --lto-O*, ...\n",
	      stdout);
}
