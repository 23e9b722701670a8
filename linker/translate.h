/* translate: LLVM's code generation diagnostics as one line per problem, in Rust's terms. */
#ifndef BPF_LINKER_TRANSLATE_H
#define BPF_LINKER_TRANSLATE_H

#include <stdbool.h>
#include <stddef.h>

#include <llvm-c/Types.h>

/* Gather code generation's diagnostics about MODULE's functions from here on. */
void translate_begin(LLVMModuleRef module);
/* Take LLVM's error TEXT when it names a function (true); it is reported by translate_end. */
bool translate_collect(const char *text);
/* Whether code generation reported a call to the runtime function NAME (its undefined symbol
 * is the same problem). */
bool translate_reported_call(const char *name);
/* "file:line" where FN is declared, from its debug info, into OUT; NULL without any. */
const char *translate_function_location(LLVMValueRef fn, char *out, size_t cap);
/* Report each problem gathered, once, and stop gathering; returns how many. */
size_t translate_end(void);

#endif
