/* optimize: dead code goes first (everything not exported is internal by now), so the pipeline
 * never optimises code that would be deleted afterwards. */
#include "optimize.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/Transforms/PassBuilder.h>

#include "diag.h"
#include "prepare.h"

void LLVMInitializeBPFTargetInfo(void);
void LLVMInitializeBPFTarget(void);
void LLVMInitializeBPFTargetMC(void);
void LLVMInitializeBPFAsmPrinter(void);
void LLVMInitializeBPFAsmParser(void);

/* LLVM swallows unknown options given through the C API, so ask it (in a child process, since
 * listing them exits) for every option it knows. The result is one string, names NUL-separated. */
static char *known_llvm_options(size_t *len)
{
	char *text = NULL;
	size_t size = 0, cap = 0;
	int fds[2], status;
	pid_t pid;

	if (pipe(fds))
		return NULL;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return NULL;
	}
	if (pid == 0) {
		const char *argv[] = { "bpf-linker", "--help-list-hidden" };

		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		LLVMParseCommandLineOptions(2, argv, "");
		_exit(0);
	}
	close(fds[1]);
	for (;;) {
		ssize_t n;

		if (size + 4096 > cap) {
			char *grown = realloc(text, cap = cap * 2 + 8192);

			if (!grown)
				break;
			text = grown;
		}
		n = read(fds[0], text + size, cap - size - 1);
		if (n <= 0)
			break;
		size += (size_t)n;
	}
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (text)
		text[size] = '\0';
	*len = size;
	return text;
}

/* Is "--name" (as a line "  --name..." in LLVM's help) among the listed options? */
static bool help_lists_option(const char *help, const char *name, size_t name_len)
{
	for (const char *line = help; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *p = line;

		while (*p == ' ')
			p++;
		if (*p != '-')
			continue;
		while (*p == '-')
			p++;
		if (!strncmp(p, name, name_len) &&
		    (p[name_len] == '=' || p[name_len] == ' ' || p[name_len] == '<' || p[name_len] == '\n'))
			return true;
	}
	return false;
}

static int check_llvm_args(const struct options *opts)
{
	size_t len = 0;
	char *help;
	int err = 0;

	if (!opts->llvm_args.len)
		return 0;
	help = known_llvm_options(&len);
	if (!help || !len) {
		free(help);
		diag_error(NULL, "cannot list LLVM's options to check --llvm-args");
		return -EINVAL;
	}
	for (size_t i = 0; i < opts->llvm_args.len; i++) {
		const char *arg = opts->llvm_args.items[i];
		const char *name = arg;

		while (*name == '-')
			name++;
		if (name == arg || !*name || !help_lists_option(help, name, strcspn(name, "="))) {
			diag_error(NULL, "unknown LLVM option '%s' in --llvm-args", arg);
			err = -EINVAL;
		}
	}
	free(help);
	return err;
}

int optimize_init_llvm(const struct options *opts)
{
	/* The linker's own options (at most 11) and at most 64 of the user's. */
	const char *argv[11 + 64];
	int argc = 0, err;

	LLVMInitializeBPFTargetInfo();
	LLVMInitializeBPFTarget();
	LLVMInitializeBPFTargetMC();
	LLVMInitializeBPFAsmPrinter();
	LLVMInitializeBPFAsmParser();

	if ((err = check_llvm_args(opts)))
		return err;
	argv[argc++] = "bpf-linker";
	/* Accessors returning wide aggregates must inline: BPF cannot return them (LLVM >= 17 treats
	 * such call sites as cold and leaves them out-of-line). */
	argv[argc++] = "--cold-callsite-rel-freq=0";
	/* v4's jump tables (gotox, a .jumptables section) are newer than every LTS kernel and than
	 * the libbpf of today's distributions, which refuse the object: switches stay branches.
	 * (--llvm-args=--disable-gotox=false brings them back.) */
	argv[argc++] = "--disable-gotox";
	/* BPF has no vector registers: the vectorizers' analyses find nothing (1-2% of -O). */
	argv[argc++] = "--vectorize-slp=false";
	argv[argc++] = "--vectorize-loops=false";
	if (opts->unroll_loops) {
		argv[argc++] = "--unroll-runtime";
		argv[argc++] = "--unroll-runtime-multi-exit";
		argv[argc++] = "--unroll-max-upperbound=4294967295";
		argv[argc++] = "--unroll-threshold=4294967295";
		argv[argc++] = "--unroll-full-max-count=4294967295";
	}
	if (opts->expand_memcpy_in_order)
		argv[argc++] = "--bpf-expand-memcpy-in-order";
	if (!opts->allow_bpf_trap)
		argv[argc++] = "--bpf-disable-trap-unreachable";
	if (opts->llvm_args.len > 64) {
		diag_error(NULL, "too many --llvm-args (at most 64)");
		return -EINVAL;
	}
	for (size_t i = 0; i < opts->llvm_args.len; i++)
		argv[argc++] = opts->llvm_args.items[i];
	LLVMParseCommandLineOptions(argc, argv, "bpf-linker");
	return 0;
}

static int run_passes(LLVMModuleRef module, LLVMTargetMachineRef tm, const char *pipeline)
{
	LLVMPassBuilderOptionsRef pbo = LLVMCreatePassBuilderOptions();
	LLVMErrorRef error;

	diag_debug("running passes: %s", pipeline);
	error = LLVMRunPasses(module, pipeline, tm, pbo);
	LLVMDisposePassBuilderOptions(pbo);
	if (error) {
		char *message = LLVMGetErrorMessage(error);

		diag_error(NULL, "LLVM pass pipeline '%s' failed: %s", pipeline, message);
		LLVMDisposeErrorMessage(message);
		return -EINVAL;
	}
	return 0;
}

int optimize_module(LLVMModuleRef module, LLVMTargetMachineRef tm, const struct options *opts,
		    const struct symtab *exports, bool optimized)
{
	/* -O0 code does not pass the verifier (stack use, calls to every helper): run O1. */
	static const char *const levels[] = { "O1", "O1", "O2", "O3", "Os", "Oz" };
	char pipeline[128];
	int err, lowered;

	/* What rustc and clang optimised before linking needs LLVM's link-time pipeline, not the
	 * whole per-module one again: 7-13% fewer instructions on release links, and the same
	 * objects on the benchmark's workloads but one (an instruction shorter). default<O0> first
	 * runs what the BPF backend adds at the start of every pipeline and the link-time one leaves
	 * out (CO-RE's access lowering, preserve_static_offset), and the always-inliner. */
	if (optimized && opts->opt_level >= OPT_O2)
		snprintf(pipeline, sizeof(pipeline), "globaldce,default<O0>,lto<%s>,dce",
			 levels[opts->opt_level]);
	else
		snprintf(pipeline, sizeof(pipeline), "globaldce,default<%s>,dce", levels[opts->opt_level]);
	if ((err = run_passes(module, tm, pipeline)))
		return err;
	lowered = prepare_lower_panics(module, exports);
	if (lowered < 0)
		return lowered;
	if (lowered)
		err = run_passes(module, tm, "function(simplifycfg,dce),globaldce");
	return err;
}
