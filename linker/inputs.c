/* inputs: files are mapped, never copied, and recognised by content, never by name. Archives are
 * walked with libarchive over the mapping, ELF objects inspected with libelf. */
#include "inputs.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <llvm-c/Core.h>

#include "diag.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif

static int inputs_map_file(struct inputs *inputs, const char *path, const struct stat *output,
			   struct mapping **out);
static int inputs_scan_buffer(struct inputs *inputs, const char *name, const uint8_t *data,
			      size_t size, size_t archive, uint64_t header_offset);
static int inputs_scan_elf(struct inputs *inputs, const char *name, const uint8_t *data, size_t size,
			   size_t archive, uint64_t header_offset);
static int inputs_scan_archive(struct inputs *inputs, const char *path, const uint8_t *data,
			       size_t size);
static int inputs_add_unit(struct inputs *inputs, const char *name, const uint8_t *data, size_t size,
			   enum unit_format format, size_t archive, uint64_t header_offset);

/* Report what libarchive found wrong with MEMBER of the archive PATH, in the linker's words. */
static void report_member(const char *path, const char *member, struct archive *reader)
{
	const char *what = archive_error_string(reader);
	bool index = !strcmp(member, "/") || !strcmp(member, "/SYM64/") ||
		     !strncmp(member, "__.SYMDEF", 9);

	if (!what)
		what = "unreadable";
	else if (!strcmp(what, "Truncated ar archive"))
		what = "truncated";
	if (index)
		diag_error(path, "corrupt archive: its symbol index is %s%s",
			   strcmp(what, "truncated") ? "unreadable: " : "", what);
	else
		diag_error(path, "corrupt archive member '%s': %s", member, what);
}

static const char *const ir_prefixes[] = {
	";", "source_filename", "target datalayout", "target triple", "define ", "declare ",
	"!llvm", "@", "%",
};

enum input_kind inputs_classify(const uint8_t *data, size_t size)
{
	if (size >= 8 && !memcmp(data, "!<arch>\n", 8))
		return INPUT_ARCHIVE;
	if (size >= 8 && !memcmp(data, "!<thin>\n", 8))
		return INPUT_THIN_ARCHIVE;
	if (size >= 4 && !memcmp(data, "BC\xc0\xde", 4))
		return INPUT_BITCODE;
	if (size >= 4 && !memcmp(data, "\xde\xc0\x17\x0b", 4))
		return INPUT_BITCODE;
	if (size >= 4 && !memcmp(data, "\x7f" "ELF", 4))
		return INPUT_ELF;

	size_t i = 0;
	while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	for (size_t p = 0; p < sizeof(ir_prefixes) / sizeof(ir_prefixes[0]); p++) {
		size_t n = strlen(ir_prefixes[p]);

		if (size - i >= n && !memcmp(data + i, ir_prefixes[p], n))
			return INPUT_IR_TEXT;
	}
	return INPUT_UNKNOWN;
}

static int inputs_map_file(struct inputs *inputs, const char *path, const struct stat *output,
			   struct mapping **out)
{
	struct mapping *mappings;
	struct stat st;
	void *addr = NULL;
	int fd, err;

	/* Look before opening: opening a FIFO would block. */
	if (stat(path, &st)) {
		err = -errno;
		diag_error(path, "cannot open: %s", strerror(-err));
		return err;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_error(path, "is a directory, not an input file");
		return -EISDIR;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(path, "not a regular file");
		return -EINVAL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st)) {
		err = -errno;
		diag_error(path, "cannot open: %s", strerror(-err));
		if (fd >= 0)
			close(fd);
		return err;
	}
	/* The output replaces its file only at the end, but an input it names would be lost. */
	if (output && st.st_dev == output->st_dev && st.st_ino == output->st_ino) {
		diag_error(path, "is also the output (-o): refusing to overwrite an input");
		err = -EINVAL;
		goto err;
	}
	if (st.st_size == 0) {
		diag_error(path, "empty file");
		err = -EINVAL;
		goto err;
	}
	/* Private and writable: libelf may byte-swap headers of big-endian objects in place. */
	addr = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (addr == MAP_FAILED) {
		err = -errno;
		diag_error(path, "cannot map: %s", strerror(-err));
		goto err;
	}
	close(fd);
	mappings = realloc(inputs->mappings, (inputs->mapping_count + 1) * sizeof(*mappings));
	if (!mappings) {
		munmap(addr, (size_t)st.st_size);
		return -ENOMEM;
	}
	inputs->mappings = mappings;
	mappings[inputs->mapping_count] = (struct mapping){ addr, (size_t)st.st_size };
	*out = &mappings[inputs->mapping_count++];
	return 0;
err:
	close(fd);
	return err;
}

static int inputs_add_unit(struct inputs *inputs, const char *name, const uint8_t *data, size_t size,
			   enum unit_format format, size_t archive, uint64_t header_offset)
{
	struct unit *units = realloc(inputs->units, (inputs->unit_count + 1) * sizeof(*units));

	if (!units)
		return -ENOMEM;
	inputs->units = units;
	units[inputs->unit_count] = (struct unit){
		.name = strdup(name),
		.data = data,
		.size = size,
		.format = format,
		.archive = archive,
		.header_offset = header_offset,
	};
	if (!units[inputs->unit_count].name)
		return -ENOMEM;
	inputs->unit_count++;
	return 0;
}

/* A plain BPF object: it is merged whole after the bitcode is compiled. Takes GLOBALS. */
static int inputs_add_object(struct inputs *inputs, const char *name, const uint8_t *data,
			     size_t size, char endian, bool from_archive, struct strlist *globals,
			     const struct strlist *needs)
{
	struct input_object *objects = realloc(inputs->objects,
					       (inputs->object_count + 1) * sizeof(*objects));
	int err = 0;

	if (!objects)
		return -ENOMEM;
	inputs->objects = objects;
	objects[inputs->object_count] = (struct input_object){
		.name = strdup(name), .data = data, .size = size, .endian = endian, .defines = *globals,
		.from_archive = from_archive, .needed = !from_archive,
	};
	memset(globals, 0, sizeof(*globals));
	if (!objects[inputs->object_count].name) {
		strlist_free(&objects[inputs->object_count].defines);
		return -ENOMEM;
	}
	inputs->object_count++;
	for (size_t i = 0; i < needs->len && !err; i++)
		if (!strlist_contains(&inputs->object_needs, needs->items[i]))
			err = strlist_push(&inputs->object_needs, needs->items[i]);
	diag_info("%s: plain BPF object (%zu global symbols), merged after code generation", name,
		  objects[inputs->object_count - 1].defines.len);
	return err;
}

size_t inputs_object_count_merged(const struct inputs *inputs)
{
	size_t count = 0;

	for (size_t i = 0; i < inputs->object_count; i++)
		count += inputs->objects[i].needed;
	return count;
}

bool inputs_object_defines(const struct inputs *inputs, const char *name)
{
	for (size_t i = 0; i < inputs->object_count; i++)
		if (inputs->objects[i].needed && strlist_contains(&inputs->objects[i].defines, name))
			return true;
	return false;
}

static const char *machine_name(unsigned machine)
{
	switch (machine) {
	case 3: return "x86";
	case 62: return "x86-64";
	case 40: return "ARM";
	case 183: return "AArch64";
	case 243: return "RISC-V";
	case 21: return "PowerPC64";
	case 22: return "s390";
	default: return NULL;
	}
}

/* ELF: the .llvmbc section is the unit; rust metadata and rustc's symbol-only objects are
 * skipped; an object with code but no bitcode cannot be linked at the IR level. */
static int inputs_scan_elf(struct inputs *inputs, const char *name, const uint8_t *data, size_t size,
			   size_t archive, uint64_t header_offset)
{
	const uint8_t *bitcode = NULL;
	size_t bitcode_size = 0, shstrndx, undefined = 0;
	bool has_rmeta = false, has_code = false, defines = false;
	struct strlist globals = { 0 }, needs = { 0 };
	Elf_Scn *scn = NULL;
	GElf_Ehdr ehdr;
	Elf *elf;
	int err = 0;

	elf = elf_memory((char *)data, size);
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &ehdr) ||
	    elf_getshdrstrndx(elf, &shstrndx)) {
		diag_error(name, "corrupt ELF file: %s", elf_errmsg(-1));
		err = -EINVAL;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		const char *sec;

		if (!gelf_getshdr(scn, &shdr) || !(sec = elf_strptr(elf, shstrndx, shdr.sh_name))) {
			diag_error(name, "corrupt ELF section header: %s", elf_errmsg(-1));
			err = -EINVAL;
			goto out;
		}
		if (!strcmp(sec, ".llvmbc") && !bitcode && shdr.sh_type != SHT_NOBITS) {
			if (shdr.sh_offset > size || shdr.sh_size > size - shdr.sh_offset) {
				diag_error(name, "truncated ELF file: .llvmbc lies outside the file");
				err = -EINVAL;
				goto out;
			}
			bitcode = data + shdr.sh_offset;
			bitcode_size = shdr.sh_size;
		} else if (!strcmp(sec, ".rmeta")) {
			has_rmeta = true;
		} else if ((shdr.sh_flags & SHF_EXECINSTR) && shdr.sh_size) {
			has_code = true;
		} else if (shdr.sh_type == SHT_SYMTAB) {
			Elf_Data *syms = elf_getdata(scn, NULL);
			size_t count = shdr.sh_entsize ? shdr.sh_size / shdr.sh_entsize : 0;

			for (size_t i = 1; syms && i < count; i++) {
				GElf_Sym sym;
				const char *sym_name;

				if (!gelf_getsym(syms, (int)i, &sym))
					break;
				if (GELF_ST_TYPE(sym.st_info) == STT_SECTION ||
				    GELF_ST_TYPE(sym.st_info) == STT_FILE)
					continue;
				sym_name = elf_strptr(elf, shdr.sh_link, sym.st_name);
				if (sym.st_shndx != SHN_UNDEF) {
					defines = true;
					if (GELF_ST_BIND(sym.st_info) != STB_LOCAL && sym_name && *sym_name &&
					    (err = strlist_push(&globals, sym_name)))
						goto out;
				} else if (sym_name && *sym_name && !strlist_contains(&inputs->roots, sym_name)) {
					if ((err = strlist_push(&inputs->roots, sym_name)) ||
					    (err = strlist_push(&needs, sym_name)))
						goto out;
					undefined++;
				}
			}
		}
	}

	if (bitcode) {
		err = inputs_add_unit(inputs, name, bitcode, bitcode_size, UNIT_BITCODE, archive,
				      header_offset);
	} else if (has_rmeta) {
		diag_info("%s: skipped: Rust metadata, no code", name);
	} else if (ehdr.e_machine != EM_BPF) {
		const char *machine = machine_name(ehdr.e_machine);

		if (machine)
			diag_error(name, "ELF object for %s, not BPF", machine);
		else
			diag_error(name, "ELF object for machine %u, not BPF", ehdr.e_machine);
		err = -EINVAL;
	} else if (has_code || defines) {
		err = inputs_add_object(inputs, name, data, size,
					ehdr.e_ident[EI_DATA] == ELFDATA2MSB ? 'b' : 'l', archive != SIZE_MAX,
					&globals, &needs);
	} else {
		diag_info("%s: skipped: BPF object that defines nothing (%zu undefined symbols kept as roots)",
			  name, undefined);
	}
out:
	strlist_free(&globals);
	strlist_free(&needs);
	if (elf)
		elf_end(elf);
	return err;
}

/* GNU symbol index: big-endian count, member header offsets, then NUL-terminated names. */
static int parse_gnu_index(const char *path, const uint8_t *data, size_t size, bool wide,
			   struct input_archive *ar, uint64_t **offsets)
{
	size_t word = wide ? 8 : 4;
	uint64_t count = 0;
	const char *names, *end;

	if (size < word)
		goto corrupt;
	for (size_t b = 0; b < word; b++)
		count = count << 8 | data[b];
	if (count > (size - word) / word)
		goto corrupt;
	ar->index = calloc(count ? count : 1, sizeof(*ar->index));
	*offsets = calloc(count ? count : 1, sizeof(**offsets));
	if (!ar->index || !*offsets)
		return -ENOMEM;
	names = (const char *)data + word * (count + 1);
	end = (const char *)data + size;
	for (uint64_t i = 0; i < count; i++) {
		uint64_t off = 0;
		const char *nul;

		for (size_t b = 0; b < word; b++)
			off = off << 8 | data[word * (i + 1) + b];
		nul = memchr(names, '\0', (size_t)(end - names));
		if (!nul)
			goto corrupt;
		ar->index[i].name = names;
		(*offsets)[i] = off;
		names = nul + 1;
	}
	ar->index_len = count;
	ar->has_index = true;
	return 0;
corrupt:
	diag_error(path, "corrupt archive symbol index");
	return -EINVAL;
}

static int inputs_scan_archive(struct inputs *inputs, const char *path, const uint8_t *data,
			       size_t size)
{
	struct input_archive *archives;
	struct input_archive *ar;
	struct archive_entry *entry;
	struct archive *reader;
	uint64_t *offsets = NULL;
	size_t ar_index = inputs->archive_count;
	int err = 0, r;

	archives = realloc(inputs->archives, (inputs->archive_count + 1) * sizeof(*archives));
	if (!archives)
		return -ENOMEM;
	inputs->archives = archives;
	ar = &archives[inputs->archive_count++];
	*ar = (struct input_archive){ .path = path, .first_unit = inputs->unit_count };

	/* libarchive stops quietly at a bad first header: an archive must start with a member. */
	if (size > 8 && (size < 8 + 60 || memcmp(data + 8 + 58, "`\n", 2))) {
		diag_error(path, "corrupt archive: no valid member header after the magic");
		return -EINVAL;
	}
	reader = archive_read_new();
	if (!reader)
		return -ENOMEM;
	archive_read_support_format_ar(reader);
	if (archive_read_open_memory(reader, data, size) != ARCHIVE_OK) {
		diag_error(path, "corrupt archive: %s", archive_error_string(reader));
		err = -EINVAL;
		goto out;
	}
	while ((r = archive_read_next_header(reader, &entry)) == ARCHIVE_OK) {
		const char *member = archive_entry_pathname(entry);
		int64_t member_size = archive_entry_size(entry);
		int64_t header = archive_read_header_position(reader);
		const void *block = NULL;
		size_t block_size = 0;
		int64_t block_offset = 0;
		const uint8_t *bytes;
		char name[4096];

		if (!member)
			member = "";
		if (member_size <= 0)
			continue;
		r = archive_read_data_block(reader, &block, &block_size, &block_offset);
		if (r != ARCHIVE_OK && r != ARCHIVE_EOF) {
			report_member(path, member, reader);
			err = -EINVAL;
			goto out;
		}
		if (block_offset == 0 && block_size == (size_t)member_size) {
			bytes = block; /* in place: libarchive reads straight from the mapping */
		} else {
			/* Assemble the member from several blocks into an owned copy. */
			uint8_t *copy = malloc((size_t)member_size);
			void **copies = realloc(inputs->copies, (inputs->copy_count + 1) * sizeof(*copies));

			if (!copy || !copies) {
				free(copy);
				if (copies)
					inputs->copies = copies;
				err = -ENOMEM;
				goto out;
			}
			inputs->copies = copies;
			copies[inputs->copy_count++] = copy;
			do {
				if (block_offset < 0 || block_offset > member_size ||
				    block_size > (size_t)(member_size - block_offset)) {
					diag_error(path, "corrupt archive member '%s'", member);
					err = -EINVAL;
					goto out;
				}
				memcpy(copy + block_offset, block, block_size);
				r = archive_read_data_block(reader, &block, &block_size, &block_offset);
			} while (r == ARCHIVE_OK);
			if (r != ARCHIVE_EOF) {
				report_member(path, member, reader);
				err = -EINVAL;
				goto out;
			}
			bytes = copy;
		}

		if (!strcmp(member, "/") || !strcmp(member, "/SYM64/")) {
			if (!ar->has_index &&
			    (err = parse_gnu_index(path, bytes, (size_t)member_size, member[1] == 'S', ar,
						   &offsets)))
				goto out;
			continue;
		}
		if (!strncmp(member, "__.SYMDEF", 9))
			continue; /* BSD index: members are scanned by content instead */

		snprintf(name, sizeof(name), "%s(%s)", path, member);
		switch (inputs_classify(bytes, (size_t)member_size)) {
		case INPUT_BITCODE:
			err = inputs_add_unit(inputs, name, bytes, (size_t)member_size, UNIT_BITCODE,
					      ar_index, (uint64_t)header);
			break;
		case INPUT_IR_TEXT:
			err = inputs_add_unit(inputs, name, bytes, (size_t)member_size, UNIT_IR_TEXT,
					      ar_index, (uint64_t)header);
			break;
		case INPUT_ELF:
			err = inputs_scan_elf(inputs, name, bytes, (size_t)member_size, ar_index,
					      (uint64_t)header);
			break;
		default:
			diag_error(name, "archive member is not LLVM bitcode, LLVM IR or an ELF object");
			err = -EINVAL;
			break;
		}
		if (err)
			goto out;
	}
	if (r != ARCHIVE_EOF) {
		diag_error(path, "corrupt archive: %s", archive_error_string(reader));
		err = -EINVAL;
		goto out;
	}

	ar = &inputs->archives[ar_index];
	ar->unit_count = inputs->unit_count - ar->first_unit;
	/* Point index entries at units; entries naming skipped members (metadata) are dropped. */
	size_t kept = 0;
	for (size_t i = 0; i < ar->index_len; i++) {
		for (size_t u = ar->first_unit; u < inputs->unit_count; u++) {
			if (inputs->units[u].header_offset == offsets[i]) {
				ar->index[kept].name = ar->index[i].name;
				ar->index[kept++].unit = u;
				break;
			}
		}
	}
	ar->index_len = kept;
	diag_info("%s: archive with %zu bitcode members, %s symbol index (%zu entries), %zu copied",
		  path, ar->unit_count, ar->has_index ? "a" : "no", kept, inputs->copy_count);
out:
	free(offsets);
	archive_read_free(reader);
	return err;
}

static int inputs_scan_buffer(struct inputs *inputs, const char *name, const uint8_t *data,
			      size_t size, size_t archive, uint64_t header_offset)
{
	switch (inputs_classify(data, size)) {
	case INPUT_BITCODE:
		return inputs_add_unit(inputs, name, data, size, UNIT_BITCODE, archive, header_offset);
	case INPUT_IR_TEXT:
		return inputs_add_unit(inputs, name, data, size, UNIT_IR_TEXT, archive, header_offset);
	case INPUT_ELF:
		return inputs_scan_elf(inputs, name, data, size, archive, header_offset);
	case INPUT_ARCHIVE:
		return inputs_scan_archive(inputs, name, data, size);
	case INPUT_THIN_ARCHIVE:
		diag_error(name, "thin archives are not supported: create it without 'T' (llvm-ar rcs)");
		return -EINVAL;
	case INPUT_UNKNOWN:
		break;
	}
	diag_error(name, "unknown file format: not LLVM bitcode, LLVM IR, an ELF object or an archive");
	return -EINVAL;
}

int inputs_load(const struct options *opts, struct inputs *inputs)
{
	struct stat output;
	bool output_exists = opts->output && !stat(opts->output, &output);
	int err = 0;

	memset(inputs, 0, sizeof(*inputs));
	if (elf_version(EV_CURRENT) == EV_NONE) {
		diag_error(NULL, "libelf: %s", elf_errmsg(-1));
		return -EINVAL;
	}
	for (size_t i = 0; i < opts->input_count; i++) {
		const char *path = opts->inputs[i].path;
		struct mapping *m = NULL;
		int e = inputs_map_file(inputs, path, output_exists ? &output : NULL, &m);

		if (!e)
			e = inputs_scan_buffer(inputs, path, m->addr, m->size, SIZE_MAX, 0);
		if (e == -ENOMEM)
			return e;
		if (e && !err)
			err = e; /* keep going: report every bad input at once */
	}
	return err;
}

void inputs_free(struct inputs *inputs)
{
	for (size_t i = 0; i < inputs->unit_count; i++) {
		free(inputs->units[i].name);
		if (inputs->units[i].module)
			LLVMDisposeModule(inputs->units[i].module);
	}
	free(inputs->units);
	for (size_t i = 0; i < inputs->archive_count; i++)
		free(inputs->archives[i].index);
	free(inputs->archives);
	for (size_t i = 0; i < inputs->mapping_count; i++)
		munmap(inputs->mappings[i].addr, inputs->mappings[i].size);
	free(inputs->mappings);
	for (size_t i = 0; i < inputs->copy_count; i++)
		free(inputs->copies[i]);
	free(inputs->copies);
	strlist_free(&inputs->roots);
	for (size_t i = 0; i < inputs->object_count; i++) {
		free(inputs->objects[i].name);
		strlist_free(&inputs->objects[i].defines);
	}
	free(inputs->objects);
	strlist_free(&inputs->object_needs);
	memset(inputs, 0, sizeof(*inputs));
}
