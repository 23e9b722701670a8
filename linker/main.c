/* bpf-linker: calls the stages in order and turns their status into the exit code. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <llvm-c/Core.h>
#include <llvm-c/ErrorHandling.h>
#include <llvm-c/TargetMachine.h>

#include "co_re.h"
#include "debuginfo.h"
#include "diag.h"
#include "emit.h"
#include "inputs.h"
#include "link.h"
#include "lower.h"
#include "optimize.h"
#include "options.h"
#include "prepare.h"
#include "resolve.h"
#include "version.h"

static void print_version(void)
{
	unsigned major, minor, patch;

	LLVMGetVersion(&major, &minor, &patch);
	printf("bpf-linker %s (LLVM %u.%u.%u)\n", BPF_LINKER_VERSION, major, minor, patch);
}

/* Link, optimise and write the outputs. MAY_CONSUME lets code generation use up the module
 * where nothing needs it after (-EAGAIN when that turned out wrong: call again without). */
static int link_and_emit(LLVMContextRef ctx, const struct options *opts, struct inputs *inputs,
			 struct resolution *res, bool may_consume)
{
	LLVMModuleRef module = NULL;
	LLVMTargetMachineRef tm = NULL;
	bool optimized = false;
	int err;

	diag_set_stage("linking");
	if ((err = link_modules(ctx, inputs, res, opts, res->triple, &module)))
		goto out;
	if ((err = emit_target_machine(opts, res->triple, module, &tm)))
		goto out;
	if (opts->dump_module_dir && (err = emit_dump_module(module, opts->dump_module_dir, "pre-opt.ll")))
		goto out;
	diag_set_stage("optimizing");
	if ((err = prepare_module(module, opts, &res->exports, &optimized)))
		goto out;
	/* Before optimisation folds the offsets it rewrites; it reads the debug info --btf keeps. */
	if (opts->btf && (err = co_re_rewrite(module)))
		goto out;
	if (!opts->btf)
		co_re_warn_without_btf(module);
	/* Once CO-RE has read them: nothing after it needs them, and -O would carry them along. */
	if (opts->btf && !opts->keep_dwarf && (err = debuginfo_drop_variables(module)))
		goto out;

	if ((err = optimize_module(module, tm, opts, &res->exports, optimized)))
		goto out;
	if ((err = lower_module(module, opts)))
		goto out;
	if (opts->btf && (err = debuginfo_prepare_btf(module, &res->exports)))
		goto out;
	if (opts->dump_module_dir &&
	    (err = emit_dump_module(module, opts->dump_module_dir, "post-opt.ll")))
		goto out;
	if ((err = resolve_check_undefined(module, opts, inputs, res)))
		goto out;
	diag_set_stage("generating code");
	err = emit_outputs(module, tm, opts, res, inputs, may_consume);
out:
	if (tm)
		LLVMDisposeTargetMachine(tm);
	if (module)
		LLVMDisposeModule(module);
	return err;
}

static int run(const struct options *given)
{
	struct options effective = *given; /* shallow: owned by main's copy */
	const struct options *opts = &effective;
	struct inputs inputs;
	struct resolution res = { 0 };
	LLVMContextRef ctx = NULL;
	int err;

	if ((err = optimize_init_llvm(opts)) || (opts->btf && (err = debuginfo_check_btf())))
		return err;
	if ((err = inputs_load(opts, &inputs)))
		goto out;
	/* Resolution reads the symbol tables in the bitcode; where a unit has none it can trust,
	 * LLVM reads the unit lazily in the context link uses, which takes the module as it is. */
	ctx = LLVMContextCreate();
	LLVMContextSetDiagnosticHandler(ctx, diag_llvm_handler, NULL);
	diag_set_stage("reading symbols");
	if ((err = resolve_run(opts, &inputs, ctx, &res)))
		goto out;
	/* libbpf's linker merges only objects with BTF: the bitcode part gets it too. */
	if (inputs_object_count_merged(&inputs) && !effective.btf) {
		diag_info("plain BPF objects are merged by libbpf, which needs BTF: --btf is implied");
		effective.btf = true;
		if ((err = debuginfo_check_btf()))
			goto out;
	}
	if (opts->keep_dwarf && !effective.btf)
		diag_warn(NULL, "--keep-dwarf does nothing without --btf: debug info is stripped");
	if (!res.count) {
		diag_set_stage("merging");
		err = emit_outputs(NULL, NULL, opts, &res, &inputs, false);
		goto out;
	}
	err = link_and_emit(ctx, opts, &inputs, &res, true);
	if (err == -EAGAIN) {
		/* Code generation called a memory builtin nothing foresaw, on the module it used up:
		 * the second time it works on a copy. What the first time said is not said again. */
		diag_info("code generation calls a memory builtin: linking again, compiling a copy");
		if (!diag_enabled(DIAG_INFO))
			diag_set_level(DIAG_ERROR);
		err = link_and_emit(ctx, opts, &inputs, &res, false);
	}
out:
	inputs_free(&inputs);
	if (ctx)
		LLVMContextDispose(ctx);
	resolve_free(&res);
	return err;
}

int main(int argc, char **argv)
{
	struct options opts;
	int err;

	/* Before anything reads an input: whatever LLVM does with one ends as one line, exit 1. */
	if (diag_contain_crashes())
		diag_warn(NULL, "cannot install the crash handler: a crash in LLVM will not be reported");
	LLVMInstallFatalErrorHandler(diag_llvm_fatal);
	err = options_parse(argc, argv, &opts);
	if (!err && opts.help)
		options_print_help();
	else if (!err && opts.version)
		print_version();
	else if (!err) {
		diag_set_level(opts.log_level);
		if (opts.log_file && diag_open_log_file(opts.log_file)) {
			diag_error(opts.log_file, "cannot open log file");
			err = -1;
		} else {
			err = run(&opts);
		}
	}
	options_free(&opts);
	diag_close();
	return err ? 1 : 0;
}
