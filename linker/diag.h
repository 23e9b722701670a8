/* diag: every message the linker prints goes through here (format, level, log file). */
#ifndef BPF_LINKER_DIAG_H
#define BPF_LINKER_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

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

/* Name the file LLVM is working on, so its diagnostics (and a crash) name it too (NULL: none). */
void diag_set_subject(const char *file);
/* What the linker is doing, for a crash report: "reading symbols", "linking", ... */
void diag_set_stage(const char *stage);
/* A temporary file a crash must remove (NULL: none). */
void diag_set_cleanup(const char *path);

/* Address space a link may use: far above any real link, far below what a lying size asks for. */
#define DIAG_ADDRESS_SPACE (8ULL << 30)
/* Contain what goes wrong inside LLVM: a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE) or abort
 * (failed allocation) becomes one error line naming the file LLVM was working on, the stage,
 * exit status 1, and the temporary output removed; LLVM's own stderr text is captured. Call once
 * at startup. Returns 0 or a negative errno. */
int diag_contain_crashes(void);
/* Bound the CPU time LLVM may spend on an input of SIZE bytes (1 s plus 1 s per MB); past it,
 * the run ends as a crash does, naming the file. 0 disarms. */
void diag_watch(size_t size);
/* LLVM's fatal-error handler: one error line naming the file and stage, then exit status 1. */
void diag_llvm_fatal(const char *reason) __attribute__((noreturn));
/* LLVMContextSetDiagnosticHandler callback: LLVM errors and warnings as ours. */
void diag_llvm_handler(LLVMDiagnosticInfoRef info, void *unused);
/* How many LLVM error diagnostics were seen (builtin-call errors excluded). */
unsigned diag_llvm_error_count(void);
#endif
