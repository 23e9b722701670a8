/* diag: "bpf-linker: LEVEL: FILE: what", on stderr and optionally appended to a log file. */
#include "diag.h"
#include "translate.h"

#include <errno.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

static enum diag_level current_level = DIAG_WARN; /* most verbose level printed */
static FILE *log_file;                             /* --log-file, or NULL */
static unsigned error_count;                       /* errors reported so far */
static FILE *out_stream;                           /* the user's stderr once LLVM's is captured */

static void forward_llvm_stderr(void);

static FILE *out(void)
{
	return out_stream ? out_stream : stderr;
}

/* Copy TEXT into OUT (CAP bytes) with control bytes as \xNN, so a message stays one line
 * whatever a file name or an LLVM message holds. */
static void escape(const char *text, char *dest, size_t cap)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;

	for (; *text && n + 5 < cap; text++) {
		unsigned char c = (unsigned char)*text;

		if (c < 0x20 || c == 0x7f) {
			dest[n++] = '\\';
			dest[n++] = 'x';
			dest[n++] = hex[c >> 4];
			dest[n++] = hex[c & 15];
		} else {
			dest[n++] = (char)c;
		}
	}
	dest[n] = '\0';
}

static const char *const level_names[] = {
	[DIAG_ERROR] = "error", [DIAG_WARN] = "warning", [DIAG_INFO] = "info",
	[DIAG_DEBUG] = "debug", [DIAG_TRACE] = "trace",
};

int diag_parse_level(const char *text, enum diag_level *level)
{
	static const char *const spellings[] = { NULL, "error", "warn", "info", "debug", "trace" };

	for (int i = DIAG_ERROR; i <= DIAG_TRACE; i++) {
		if (!strcasecmp(text, spellings[i]) || (text[0] == '0' + i && !text[1]) ||
		    !strcasecmp(text, level_names[i])) {
			*level = (enum diag_level)i;
			return 0;
		}
	}
	return -EINVAL;
}

void diag_set_level(enum diag_level level)
{
	current_level = level;
}

bool diag_enabled(enum diag_level level)
{
	return level <= current_level;
}

int diag_open_log_file(const char *path)
{
	FILE *f = fopen(path, "a");

	if (!f)
		return -errno;
	if (log_file)
		fclose(log_file);
	log_file = f;
	return 0;
}

void diag_close(void)
{
	forward_llvm_stderr();
	if (log_file)
		fclose(log_file);
	log_file = NULL;
}

static void emit(enum diag_level level, const char *file, const char *fmt, va_list ap)
{
	char text[4096], safe_text[4096], safe_file[1024];
	char *nl;

	if (level == DIAG_ERROR)
		error_count++;
	if (!diag_enabled(level))
		return;
	vsnprintf(text, sizeof(text), fmt, ap);
	/* One message, one line: LLVM's messages sometimes end with a newline. */
	while ((nl = strchr(text, '\n'))) {
		if (nl[1])
			*nl = ' ';
		else
			*nl = '\0';
	}
	escape(text, safe_text, sizeof(safe_text));
	if (file) {
		escape(file, safe_file, sizeof(safe_file));
		fprintf(out(), "bpf-linker: %s: %s: %s\n", level_names[level], safe_file, safe_text);
		if (log_file)
			fprintf(log_file, "bpf-linker: %s: %s: %s\n", level_names[level], safe_file, safe_text);
	} else {
		fprintf(out(), "bpf-linker: %s: %s\n", level_names[level], safe_text);
		if (log_file)
			fprintf(log_file, "bpf-linker: %s: %s\n", level_names[level], safe_text);
	}
	if (log_file)
		fflush(log_file);
}

#define DIAG_FORWARD(level, file)              \
	do {                                   \
		va_list ap;                    \
		va_start(ap, fmt);             \
		emit(level, file, fmt, ap);    \
		va_end(ap);                    \
	} while (0)

void diag_error(const char *file, const char *fmt, ...)
{
	DIAG_FORWARD(DIAG_ERROR, file);
}

void diag_warn(const char *file, const char *fmt, ...)
{
	DIAG_FORWARD(DIAG_WARN, file);
}

void diag_info(const char *fmt, ...)
{
	DIAG_FORWARD(DIAG_INFO, NULL);
}

void diag_debug(const char *fmt, ...)
{
	DIAG_FORWARD(DIAG_DEBUG, NULL);
}

unsigned diag_error_count(void)
{
	return error_count;
}

#include <llvm-c/Core.h>

static const char *subject;        /* file LLVM is parsing or linking, or NULL */
static unsigned llvm_error_count;  /* LLVM error diagnostics seen */

/* What the crash handler needs, prepared beforehand: it may only call async-signal-safe code. */
static char crash_subject[1024];   /* the escaped subject, or "" */
static const char *crash_stage = "starting";
static char crash_cleanup[4096];   /* a temporary output file to remove, or "" */
static int crash_fd = 2;           /* the user's stderr */
static int llvm_stderr_fd = -1;    /* a memfd that holds what LLVM writes to stderr, or -1 */
static char crash_stack[1 << 16];  /* the handler runs here when the stack overflowed */

void diag_set_subject(const char *file)
{
	subject = file;
	if (file)
		escape(file, crash_subject, sizeof(crash_subject));
	else
		crash_subject[0] = '\0';
}

void diag_set_stage(const char *stage)
{
	crash_stage = stage;
}

void diag_set_cleanup(const char *path)
{
	if (!path || strlen(path) >= sizeof(crash_cleanup))
		crash_cleanup[0] = '\0';
	else
		memcpy(crash_cleanup, path, strlen(path) + 1);
}

static size_t append(char *line, size_t n, size_t cap, const char *text)
{
	while (*text && n + 1 < cap)
		line[n++] = *text++;
	return n;
}

/* Did LLVM write "out of memory" (its bad-alloc handler) before aborting? */
static bool llvm_said_out_of_memory(void)
{
	char text[512];
	ssize_t len;

	if (llvm_stderr_fd < 0 || (len = pread(llvm_stderr_fd, text, sizeof(text) - 1, 0)) <= 0)
		return false;
	text[len] = '\0';
	return strstr(text, "out of memory") || strstr(text, "Allocation failed");
}

static void crash_handler(int sig)
{
	char line[2048];
	size_t n = 0;
	const char *what = sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : sig == SIGILL ? "SIGILL"
			 : sig == SIGFPE ? "SIGFPE" : sig == SIGVTALRM ? "it took longer than the file's "
			 "size allows" : "SIGABRT";

	if (sig == SIGABRT && llvm_said_out_of_memory())
		what = "out of memory";
	n = append(line, n, sizeof(line), "bpf-linker: error: ");
	if (crash_subject[0]) {
		n = append(line, n, sizeof(line), crash_subject);
		n = append(line, n, sizeof(line), strcmp(crash_stage, "merging")
			? ": corrupt LLVM bitcode (LLVM failed while "
			: ": corrupt BPF object (libbpf's linker failed while ");
	} else {
		n = append(line, n, sizeof(line), "internal error (LLVM failed while ");
	}
	n = append(line, n, sizeof(line), crash_stage);
	n = append(line, n, sizeof(line), ": ");
	n = append(line, n, sizeof(line), what);
	n = append(line, n, sizeof(line), ")\n");
	if (write(crash_fd, line, n) < 0)
		n = 0;
	if (crash_cleanup[0])
		unlink(crash_cleanup);
	_exit(1);
}

void diag_llvm_fatal(const char *reason)
{
	if (subject)
		diag_error(subject, "corrupt LLVM bitcode (LLVM failed while %s: %s)", crash_stage, reason);
	else
		diag_error(NULL, "LLVM fatal error while %s: %s", crash_stage, reason);
	if (crash_cleanup[0])
		unlink(crash_cleanup);
	fflush(NULL);
	_exit(1);
}

#if defined(__SANITIZE_ADDRESS__)
#define DIAG_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DIAG_SANITIZED 1
#endif
#endif

int diag_contain_crashes(void)
{
	static const int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGVTALRM };
	stack_t stack = { .ss_sp = crash_stack, .ss_size = sizeof(crash_stack) };
	struct sigaction action = { .sa_handler = crash_handler, .sa_flags = SA_ONSTACK | SA_RESETHAND };

	sigemptyset(&action.sa_mask);
	if (sigaltstack(&stack, NULL))
		return -errno;
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (sigaction(signals[i], &action, NULL))
			return -errno;
#ifndef DIAG_SANITIZED
	/* A length field that lies makes LLVM ask for tens of GB: fail the allocation (LLVM then
	 * aborts, reported above) instead of waking the OOM killer. Sanitizers need the address
	 * space, and their reports must reach the terminal, so neither is done under them. */
	{
		struct rlimit limit;

		if (!getrlimit(RLIMIT_AS, &limit) &&
		    (limit.rlim_max == RLIM_INFINITY || limit.rlim_max > DIAG_ADDRESS_SPACE)) {
			limit.rlim_cur = DIAG_ADDRESS_SPACE;
			setrlimit(RLIMIT_AS, &limit);
		}
	}
	/* LLVM prints some failures itself, over several lines: keep them off the terminal and
	 * read them on a crash; what remains at exit is passed on as one warning a line. */
	{
		int saved = dup(2), fd = memfd_create("llvm-stderr", MFD_CLOEXEC);

		if (saved >= 0 && fd >= 0 && dup2(fd, 2) == 2) {
			out_stream = fdopen(saved, "w");
			if (out_stream) {
				setvbuf(out_stream, NULL, _IOLBF, 0);
				crash_fd = saved;
				llvm_stderr_fd = fd;
				return 0;
			}
			dup2(saved, 2);
		}
		if (saved >= 0)
			close(saved);
		if (fd >= 0)
			close(fd);
	}
#endif
	return 0;
}

void diag_watch(size_t size)
{
	/* CPU time, so a busy machine does not count against the file: 1 s plus 1 s per MB. */
	uint64_t usec = size ? 1000000 + (uint64_t)size : 0;
	struct itimerval timer = { .it_value = { .tv_sec = (time_t)(usec / 1000000),
						 .tv_usec = (suseconds_t)(usec % 1000000) } };

	setitimer(ITIMER_VIRTUAL, &timer, NULL);
}

/* At exit: LLVM's own stderr text, one warning a line. */
static void forward_llvm_stderr(void)
{
	char *text;
	off_t size;

	if (llvm_stderr_fd < 0 || (size = lseek(llvm_stderr_fd, 0, SEEK_END)) <= 0)
		return;
	if (size > 65536)
		size = 65536;
	text = calloc(1, (size_t)size + 1);
	if (text && pread(llvm_stderr_fd, text, (size_t)size, 0) == size)
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
			diag_warn(NULL, "LLVM: %s", line);
	free(text);
}

/* The BPF backend reports calls to memory builtins it cannot lower as errors; they are ordinary
 * BPF-to-BPF calls to the definitions the linker keeps, so they are not errors here. */
static bool is_builtin_call_error(const char *text)
{
	static const char *const builtins[] = { "memcpy", "memmove", "memset", "memcmp", "bcmp", "strlen" };
	char needle[96];

	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
		snprintf(needle, sizeof(needle), "A call to built-in function '%s' is not supported",
			 builtins[i]);
		if (strstr(text, needle))
			return true;
	}
	return false;
}

void diag_llvm_handler(LLVMDiagnosticInfoRef info, void *unused)
{
	char *text = LLVMGetDiagInfoDescription(info);

	(void)unused;
	switch (LLVMGetDiagInfoSeverity(info)) {
	case LLVMDSError:
		if (!is_builtin_call_error(text)) {
			llvm_error_count++;
			if (!translate_collect(text))
				diag_error(subject, "%s", text);
		}
		break;
	case LLVMDSWarning:
		diag_warn(subject, "%s", text);
		break;
	case LLVMDSRemark:
	case LLVMDSNote:
		diag_debug("%s%s%s", subject ? subject : "", subject ? ": " : "", text);
		break;
	}
	LLVMDisposeMessage(text);
}

unsigned diag_llvm_error_count(void)
{
	return llvm_error_count;
}
