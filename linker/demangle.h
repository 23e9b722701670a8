/* demangle: Rust symbol names (v0 and legacy) as Rust programmers write them, for messages. */
#ifndef BPF_LINKER_DEMANGLE_H
#define BPF_LINKER_DEMANGLE_H

#include <stdbool.h>
#include <stddef.h>

/* SYMBOL demangled into OUT (CAP bytes): true, or false when it is not a Rust name this reader
 * follows or does not fit. */
bool demangle_rust(const char *symbol, char *out, size_t cap);
/* The demangled name in BUFFER, or SYMBOL itself when it cannot be demangled. */
const char *demangle_or_keep(const char *symbol, char *buffer, size_t cap);

#endif
