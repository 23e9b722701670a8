/* diag: "bpf-linker: LEVEL: FILE: what", on stderr and optionally appended to a log file. */
#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static enum diag_level current_level = DIAG_WARN; /* most verbose level printed */
static FILE *log_file;                             /* --log-file, or NULL */
static unsigned error_count;                       /* errors reported so far */

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
	if (log_file)
		fclose(log_file);
	log_file = NULL;
}

static void emit(enum diag_level level, const char *file, const char *fmt, va_list ap)
{
	char text[4096];
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
	if (file) {
		fprintf(stderr, "bpf-linker: %s: %s: %s\n", level_names[level], file, text);
		if (log_file)
			fprintf(log_file, "bpf-linker: %s: %s: %s\n", level_names[level], file, text);
	} else {
		fprintf(stderr, "bpf-linker: %s: %s\n", level_names[level], text);
		if (log_file)
			fprintf(log_file, "bpf-linker: %s: %s\n", level_names[level], text);
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

void diag_set_subject(const char *file)
{
	subject = file;
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
