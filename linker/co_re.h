/* co_re: CO-RE relocations for Rust types that opt in. (Not "core": that word means Rust's core
 * library here.) */
#ifndef BPF_LINKER_CO_RE_H
#define BPF_LINKER_CO_RE_H

#include <llvm-c/Types.h>

/* The name of the zero-sized marker type: a struct or union with a field of a type of this name
 * (any module path) has its field accesses relocated by the loader. */
#define CO_RE_MARKER "Relocatable"

/* Before optimisation, with debug info (--btf): rewrite every constant-offset access to a field
 * of an opted-in struct or union (through pointers whose debug-info type names it) into LLVM's
 * llvm.preserve.{struct,union,array}.access.index intrinsics carrying the debug-info type, so
 * the BPF backend writes CO-RE field relocations into .BTF.ext. Accesses it cannot relocate are
 * warnings naming the function and the type. Calls of relocatable.rs's type and enum queries
 * become type and enum-value relocations. Returns 0 or a negative errno after reporting. */
int co_re_rewrite(LLVMModuleRef module);
/* Without --btf: a warning for each kind of type or enum query the module makes (they answer 0). */
void co_re_warn_without_btf(LLVMModuleRef module);

#endif
