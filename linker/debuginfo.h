/* debuginfo: make debug info into BTF the kernel accepts (--btf). */
#ifndef BPF_LINKER_DEBUGINFO_H
#define BPF_LINKER_DEBUGINFO_H

#include <stddef.h>
#include <stdint.h>

#include <llvm-c/Types.h>

#include "resolve.h"

/* Longest BTF name the kernel accepts (KSYM_NAME_LEN less the NUL). */
#define DEBUGINFO_BTF_NAME_MAX 127

/* Check that this LLVM lays out debug-info nodes as the rewriting expects (a clear error
 * otherwise). Without --btf there is nothing to check: link strips each unit's debug info. */
int debuginfo_check_btf(void);

/* With --btf, after optimisation: give every function that has no debug info a subprogram
 * (BTF needs func_info for each), and rewrite the debug info the kept code reaches so that every
 * name is a legal BTF name, pointer types are anonymous and members are in offset order. */
int debuginfo_prepare_btf(LLVMModuleRef module, const struct symtab *exports);

/* With --btf, after CO-RE has read them and before optimisation: drop every debug record
 * (#dbg_value, #dbg_declare, #dbg_assign, #dbg_label). Neither BTF nor .BTF.ext reads them; the
 * DWARF for local variables they become is a third of a large program's link and nearly half its
 * object. Line tables stay. Returns 0 or -ENOMEM. */
int debuginfo_drop_variables(LLVMModuleRef module);

/* With --btf, on the emitted object: only functions whose ELF symbol is global stay global in
 * BTF (FUNC linkage is patched in place); logs how many BTF types were emitted. */
int debuginfo_finish_btf(uint8_t *object, size_t size);

/* Put the members of the struct COMPOSITE in offset order (stably), as --btf does for every
 * struct; CO-RE computes member indexes in that order. Returns 0 or -ENOMEM. */
int debuginfo_sort_members(LLVMContextRef ctx, LLVMMetadataRef composite);

/* Write the BTF form of NAME into OUT (at least DEBUGINFO_BTF_NAME_MAX + 1 bytes): bytes other
 * than [A-Za-z0-9_] become _XX_ (hex), a leading digit gets a '_', and a name longer than the
 * kernel accepts keeps its first 110 bytes plus '_' and a 64-bit FNV-1a hash of the whole name.
 * Returns the length. */
size_t debuginfo_btf_name(const char *name, size_t len, char *out);

#endif
