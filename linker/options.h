/* options: the command line, parsed once into an immutable struct. */
#ifndef BPF_LINKER_OPTIONS_H
#define BPF_LINKER_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* A growable list of owned strings. */
struct strlist {
	char **items; /* the strings, each malloc'd */
	size_t len;   /* how many are in use */
	size_t cap;   /* how many fit before growing */
};

int strlist_push(struct strlist *list, const char *text);
int strlist_push_n(struct strlist *list, const char *text, size_t len);
bool strlist_contains(const struct strlist *list, const char *text);
void strlist_free(struct strlist *list);

enum emit_kind {
	EMIT_OBJ,
	EMIT_ASM,
	EMIT_LLVM_IR,
	EMIT_LLVM_BC,
	EMIT_KIND_COUNT,
};

enum opt_level {
	OPT_O0,
	OPT_O1,
	OPT_O2,
	OPT_O3,
	OPT_OS,
	OPT_OZ,
};

struct input_arg {
	char *path;     /* as given, or as found in a -L directory */
	bool from_lib;  /* came from -l NAME */
};

struct options {
	struct input_arg *inputs;     /* files to link, in command-line order */
	size_t input_count;           /* number of inputs */
	struct strlist lib_dirs;      /* -L directories, searched for -l and bare names */
	struct strlist exports;       /* --export names: one no input defines is an error */
	struct strlist listed_exports; /* --export-symbols names (rustc's list): undefined ones warn */
	struct strlist llvm_args;     /* --llvm-args, one LLVM option each */
	char *output;                 /* -o */
	char *target;                 /* --target triple, or NULL to infer from the inputs */
	char *cpu;                    /* --cpu */
	char *cpu_features;           /* --cpu-features, verbatim */
	char *dump_module_dir;        /* --dump-module, or NULL */
	enum emit_kind emits[EMIT_KIND_COUNT]; /* --emit kinds in the order given */
	size_t emit_count;            /* number of distinct kinds in emits */
	enum opt_level opt_level;     /* -O */
	enum diag_level log_level;    /* --log-level */
	char *log_file;               /* --log-file, or NULL */
	bool btf;                     /* --btf: turn debug info into BTF the kernel accepts */
	bool keep_dwarf;              /* --keep-dwarf: with --btf, keep local-variable records */
	bool allow_bpf_trap;          /* --allow-bpf-trap: let LLVM emit __bpf_trap */
	bool unroll_loops;            /* --unroll-loops */
	bool ignore_inline_never;     /* --ignore-inline-never */
	bool expand_memcpy_in_order;  /* --expand-memcpy-in-order (off: clang's generic expansion) */
	bool disable_memory_builtins; /* --disable-memory-builtins */
	bool allow_undefined;         /* --allow-undefined: unresolved calls warn */
	bool whole_archive;           /* --whole-archive: link every archive member */
	bool eager;                   /* --eager (hidden): parse units in full, then remove dead code */
	bool fatal_errors;            /* --fatal-errors */
	bool help;                    /* --help */
	bool version;                 /* --version */
};

/* Parse argv (response files expanded) into OPTS. Returns 0 or -EINVAL after reporting. */
int options_parse(int argc, char **argv, struct options *opts);
void options_free(struct options *opts);
void options_print_help(void);
const char *options_emit_name(enum emit_kind kind);

#endif
