/* merge: plain BPF ELF objects (clang -c output, archives of them) are combined with the compiled
 * bitcode by libbpf's static linker; libbpf owns ELF and BTF merging, this stage only drives it. */
#ifndef BPF_LINKER_MERGE_H
#define BPF_LINKER_MERGE_H

#include <llvm-c/Types.h>

#include "inputs.h"

/* Merge the compiled bitcode OBJECT (NULL when there was no bitcode) with every plain object of
 * INPUTS; *OBJECT becomes the merged object. Then check it: a symbol it uses that nothing defines
 * and that is not a kernel extern (.ksyms, .kconfig in BTF) or weak is an error naming a function
 * that uses it. A no-op without plain objects. Returns 0 or a negative errno after reporting. */
int merge_objects(const struct inputs *inputs, bool allow_undefined, LLVMMemoryBufferRef *object);

#endif
