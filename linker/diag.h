/* diag: every message the linker prints goes through here (format, level, log file). */
#ifndef BPF_LINKER_DIAG_H
#define BPF_LINKER_DIAG_H

#include <stdarg.h>
#include <stdbool.h>

enum diag_level {
	DIAG_ERROR = 1,
	DIAG_WARN,
	DIAG_INFO,
	DIAG_DEBUG,
	DIAG_TRACE,
};

/* Parse "error".."trace" or "1".."5"; returns 0 or -EINVAL. */
int diag_parse_level(const char *text, enum diag_level *level);
/* Set the level printed on stderr and in the log file. */
void diag_set_level(enum diag_level level);
bool diag_enabled(enum diag_level level);
/* Append the log to PATH as well as stderr; returns 0 or a negative errno. */
int diag_open_log_file(const char *path);
void diag_close(void);

/* FILE may be NULL when the message is about no file in particular. */
void diag_error(const char *file, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_warn(const char *file, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void diag_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* How many errors have been reported so far. */
unsigned diag_error_count(void);



#include <llvm-c/Types.h>

/* Name the file LLVM is working on, so its diagnostics name it too (NULL: none). */
void diag_set_subject(const char *file);
/* LLVMContextSetDiagnosticHandler callback: LLVM errors and warnings as ours. */
void diag_llvm_handler(LLVMDiagnosticInfoRef info, void *unused);
/* How many LLVM error diagnostics were seen (builtin-call errors excluded). */
unsigned diag_llvm_error_count(void);
#endif
