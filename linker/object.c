/* object: references of a compiled object, from its symbol table and relocations. Code generation
 * decides late whether a memory intrinsic becomes inline stores or a call to memcpy/memset, so
 * only the object can tell which memory builtins are needed and what is left undefined. */
#include "object.h"

#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static int object_add(struct object_refs *refs, const char *name, bool defined, bool weak)
{
	struct object_symbol *grown = realloc(refs->symbols, (refs->count + 1) * sizeof(*grown));

	if (!grown)
		return -ENOMEM;
	refs->symbols = grown;
	grown[refs->count] = (struct object_symbol){ .name = strdup(name), .defined = defined,
						     .weak = weak };
	if (!grown[refs->count].name)
		return -ENOMEM;
	refs->count++;
	return 0;
}

/* The function symbol (index into SYMS) whose code in section SHNDX covers OFFSET, or -1. */
static long enclosing_function(Elf_Data *syms, size_t nsyms, size_t shndx, uint64_t offset)
{
	for (size_t i = 1; i < nsyms; i++) {
		GElf_Sym sym;

		if (gelf_getsym(syms, (int)i, &sym) && GELF_ST_TYPE(sym.st_info) == STT_FUNC &&
		    sym.st_shndx == shndx && offset >= sym.st_value && offset < sym.st_value + sym.st_size)
			return (long)i;
	}
	return -1;
}

int object_scan(const uint8_t *data, size_t size, struct object_refs *out)
{
	Elf *elf;
	Elf_Scn *scn = NULL, *symscn = NULL;
	Elf_Data *syms = NULL;
	GElf_Shdr shdr;
	size_t nsyms = 0, strndx = 0;
	long *slot = NULL; /* symbol index -> entry in out, or -1 */
	int err = 0;

	memset(out, 0, sizeof(*out));
	elf_version(EV_CURRENT);
	elf = elf_memory((char *)data, size);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		diag_error(NULL, "code generation produced no ELF object");
		err = -EINVAL;
		goto err;
	}
	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, &shdr) && shdr.sh_type == SHT_SYMTAB) {
			symscn = scn;
			strndx = shdr.sh_link;
			syms = elf_getdata(scn, NULL);
			nsyms = shdr.sh_entsize ? shdr.sh_size / shdr.sh_entsize : 0;
		}
	if (!symscn || !syms) {
		diag_error(NULL, "the compiled object has no symbol table");
		err = -EINVAL;
		goto err;
	}
	slot = malloc((nsyms ? nsyms : 1) * sizeof(*slot));
	if (!slot) {
		err = -ENOMEM;
		goto err;
	}
	for (size_t i = 0; i < nsyms; i++) {
		GElf_Sym sym;
		const char *name;
		bool undefined;

		slot[i] = -1;
		if (!i || !gelf_getsym(syms, (int)i, &sym))
			continue;
		name = elf_strptr(elf, strndx, sym.st_name);
		undefined = sym.st_shndx == SHN_UNDEF && GELF_ST_BIND(sym.st_info) != STB_LOCAL;
		if (!name || !*name || (!undefined && GELF_ST_TYPE(sym.st_info) != STT_FUNC))
			continue;
		slot[i] = (long)out->count;
		if ((err = object_add(out, name, !undefined,
				      undefined && GELF_ST_BIND(sym.st_info) == STB_WEAK)))
			goto err;
	}
	scn = NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		Elf_Data *rels;
		size_t nrels;

		if (!gelf_getshdr(scn, &shdr) || (shdr.sh_type != SHT_REL && shdr.sh_type != SHT_RELA) ||
		    elf_getscn(elf, shdr.sh_link) != symscn || !shdr.sh_entsize)
			continue;
		rels = elf_getdata(scn, NULL);
		nrels = shdr.sh_size / shdr.sh_entsize;
		for (size_t r = 0; rels && r < nrels; r++) {
			GElf_Rela rela;
			GElf_Rel rel;
			uint64_t info, offset;
			size_t target;
			long from;
			struct object_symbol *s;

			if (shdr.sh_type == SHT_RELA) {
				if (!gelf_getrela(rels, (int)r, &rela))
					continue;
				info = rela.r_info;
				offset = rela.r_offset;
			} else {
				if (!gelf_getrel(rels, (int)r, &rel))
					continue;
				info = rel.r_info;
				offset = rel.r_offset;
			}
			target = GELF_R_SYM(info);
			if (target >= nsyms || slot[target] < 0)
				continue;
			s = &out->symbols[slot[target]];
			from = enclosing_function(syms, nsyms, shdr.sh_info, offset);
			if (from == (long)target)
				continue; /* a function's reference to itself does not keep it */
			s->referenced = true;
			if (!s->defined && !s->user && from > 0) {
				GElf_Sym sym;
				const char *name = gelf_getsym(syms, (int)from, &sym)
							   ? elf_strptr(elf, strndx, sym.st_name) : NULL;

				if (name && !(s->user = strdup(name))) {
					err = -ENOMEM;
					goto err;
				}
			}
		}
	}
	free(slot);
	elf_end(elf);
	return 0;
err:
	free(slot);
	if (elf)
		elf_end(elf);
	object_refs_free(out);
	return err;
}

const struct object_symbol *object_find(const struct object_refs *refs, const char *name)
{
	for (size_t i = 0; i < refs->count; i++)
		if (!strcmp(refs->symbols[i].name, name))
			return &refs->symbols[i];
	return NULL;
}

void object_refs_free(struct object_refs *refs)
{
	for (size_t i = 0; i < refs->count; i++) {
		free(refs->symbols[i].name);
		free(refs->symbols[i].user);
	}
	free(refs->symbols);
	memset(refs, 0, sizeof(*refs));
}
