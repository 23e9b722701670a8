/* inputs: map every input file and split it into units of bitcode or IR text, by content. */
#ifndef BPF_LINKER_INPUTS_H
#define BPF_LINKER_INPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <llvm-c/Types.h>

#include "options.h"

enum unit_format {
	UNIT_BITCODE, /* raw or wrapped LLVM bitcode */
	UNIT_IR_TEXT, /* LLVM assembly */
};

/* One module's worth of input: a file on the command line or an archive member. */
struct unit {
	char *name;                /* "file" or "archive(member)", for messages */
	const uint8_t *data;       /* the bitcode or IR, inside a mapping or an owned copy */
	size_t size;               /* bytes at data */
	enum unit_format format;   /* how to parse data */
	size_t archive;            /* index in inputs->archives, or SIZE_MAX for a command-line file */
	uint64_t header_offset;    /* the member's header offset, as the archive index names it */
	bool loaded;               /* selected for linking */
	bool needed_whole;         /* link reads it first, referenced or not (a map) */
	char endian;               /* 'l' (bpfel), 'b' (bpfeb) or 0 (bpf: either) once loaded */
	LLVMModuleRef module;      /* parsed module while a stage works on it, else NULL */
};

/* An archive's symbol index entry: SYMBOL is defined by unit UNIT. */
struct archive_symbol {
	const char *name;  /* inside the archive's mapping */
	size_t unit;       /* index in inputs->units */
};

struct input_archive {
	const char *path;              /* as given */
	struct archive_symbol *index;  /* the GNU symbol index, member offsets resolved to units */
	size_t index_len;              /* entries in index */
	bool has_index;                /* the archive carried a symbol index */
	size_t first_unit, unit_count; /* its bitcode members in inputs->units */
};

/* A plain BPF ELF object (no bitcode): merged with the compiled bitcode by libbpf's linker. */
struct input_object {
	char *name;              /* "file" or "archive(member)", for messages */
	const uint8_t *data;     /* the ELF bytes, inside a mapping */
	size_t size;             /* bytes at data */
	char endian;             /* 'l' or 'b' */
	struct strlist defines;  /* global symbols it defines */
	bool from_archive;       /* an archive member: merged only when something needs it */
	bool needed;             /* merged: named on the command line, or resolution needs it */
};

/* A mapped file; units point into it. */
struct mapping {
	void *addr;   /* mmap'd bytes (NULL for an empty file) */
	size_t size;  /* length */
};

struct inputs {
	struct unit *units;          /* bitcode and IR units, files first then archive members */
	size_t unit_count;
	struct input_archive *archives; /* archives in command-line order */
	size_t archive_count;
	struct mapping *mappings;    /* every mapped file, unmapped by inputs_free */
	size_t mapping_count;
	void **copies;               /* member data libarchive could not hand out in place */
	size_t copy_count;
	struct strlist roots;        /* undefined symbols of bitcode-less objects (rustc's symbols.o) */
	struct input_object *objects; /* plain BPF objects, in command-line order */
	size_t object_count;
	struct strlist object_needs; /* symbols plain objects use but do not define: bitcode keeps
				      * them global so libbpf's linker can resolve them */
};

/* How many plain BPF objects are merged (after resolution has selected archive members). */
size_t inputs_object_count_merged(const struct inputs *inputs);
/* Does a plain BPF object that is merged define NAME? */
bool inputs_object_defines(const struct inputs *inputs, const char *name);

/* Map and classify every input. Returns 0, or a negative errno after reporting. */
int inputs_load(const struct options *opts, struct inputs *inputs);
void inputs_free(struct inputs *inputs);

/* Classification of a buffer, exposed for unit tests. */
enum input_kind {
	INPUT_BITCODE,
	INPUT_IR_TEXT,
	INPUT_ELF,
	INPUT_ARCHIVE,
	INPUT_THIN_ARCHIVE,
	INPUT_UNKNOWN,
};
enum input_kind inputs_classify(const uint8_t *data, size_t size);

#endif
