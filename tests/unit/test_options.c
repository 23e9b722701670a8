/* Unit tests for options: rustc's argv, the reference linker's options, wasm-ld spellings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "options.h"

static int parse(struct options *opts, int argc, const char **argv)
{
	return options_parse(argc, (char **)argv, opts);
}

static void test_rustc_argv(void **state)
{
	char syms[] = "/tmp/bpf-linker-unit-symsXXXXXX";
	int fd = mkstemp(syms);
	struct options opts;
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "LICENSE\nxdp_prog\r\n\nhelper_exported\n", 35), 35);
	close(fd);
	const char *argv[] = { "bpf-linker", "--export-symbols", syms, "/tmp/symbols.o", "/tmp/a.rcgu.o",
			       "/tmp/libcore.rlib", "-L", "/tmp/raw-dylibs", "--cpu", "v3",
			       "--cpu-features", "+alu32", "-o", "/tmp/out", "-O3", "--debug", "--btf",
			       "--keep-dwarf" };
	assert_int_equal(parse(&opts, 18, argv), 0);
	assert_int_equal(opts.input_count, 3);
	assert_string_equal(opts.inputs[1].path, "/tmp/a.rcgu.o");
	assert_int_equal(opts.listed_exports.len, 3);
	assert_string_equal(opts.listed_exports.items[1], "xdp_prog");
	assert_int_equal(opts.exports.len, 0);
	assert_string_equal(opts.cpu, "v3");
	assert_string_equal(opts.cpu_features, "+alu32");
	assert_string_equal(opts.output, "/tmp/out");
	assert_int_equal(opts.opt_level, OPT_O3);
	assert_true(opts.btf);
	assert_true(opts.keep_dwarf);
	assert_int_equal(opts.lib_dirs.len, 1);
	assert_int_equal(opts.emit_count, 1);
	assert_int_equal(opts.emits[0], EMIT_OBJ);
	options_free(&opts);
	unlink(syms);
}

static void test_defaults_and_values(void **state)
{
	struct options opts;
	(void)state;

	const char *argv[] = { "bpf-linker", "a.bc", "-ob.o", "--export=x,y", "--export", "z",
			       "--emit", "asm,obj", "--emit=asm", "-Os", "--llvm-args=-a,-b",
			       "--log-level", "DEBUG", "--fatal-errors", "false" };
	assert_int_equal(parse(&opts, 15, argv), 0);
	assert_string_equal(opts.output, "b.o");
	assert_int_equal(opts.exports.len, 3);
	assert_string_equal(opts.exports.items[2], "z");
	assert_int_equal(opts.emit_count, 2); /* asm once, then obj */
	assert_int_equal(opts.emits[0], EMIT_ASM);
	assert_int_equal(opts.emits[1], EMIT_OBJ);
	assert_int_equal(opts.opt_level, OPT_OS);
	assert_int_equal(opts.llvm_args.len, 2);
	assert_int_equal(opts.log_level, DIAG_DEBUG);
	assert_false(opts.fatal_errors);
	assert_string_equal(opts.cpu, "v3"); /* clang-22's default without --cpu */
	options_free(&opts);

	const char *plain[] = { "bpf-linker", "a.bc", "-o", "b.o" };
	assert_int_equal(parse(&opts, 4, plain), 0);
	assert_int_equal(opts.opt_level, OPT_O2);
	assert_true(opts.fatal_errors);
	assert_false(opts.btf);
	assert_false(opts.keep_dwarf);
	assert_false(opts.expand_memcpy_in_order); /* clang's generic expansion */
	options_free(&opts);

	const char *in_order[] = { "bpf-linker", "a.bc", "-o", "b.o", "--expand-memcpy-in-order" };
	assert_int_equal(parse(&opts, 5, in_order), 0);
	assert_true(opts.expand_memcpy_in_order);
	options_free(&opts);
}

static void test_wasm_ld_spellings(void **state)
{
	struct options opts;
	(void)state;

	const char *argv[] = { "bpf-linker", "-flavor", "wasm", "--rsp-quoting=posix", "--no-entry",
			       "--gc-sections", "--strip-debug", "-z", "stack-size=1", "--lto-O3",
			       "--stack-first", "--export-dynamic", "--allow-undefined", "a.bc", "-o",
			       "b.o" };
	assert_int_equal(parse(&opts, 16, argv), 0);
	assert_int_equal(opts.input_count, 1);
	assert_true(opts.allow_undefined);
	options_free(&opts);
}

static void test_errors(void **state)
{
	struct options opts;
	(void)state;

	const char *unknown[] = { "bpf-linker", "a.bc", "--nope", "-o", "b" };
	assert_int_not_equal(parse(&opts, 5, unknown), 0);
	options_free(&opts);
	const char *level[] = { "bpf-linker", "a.bc", "-O4", "-o", "b" };
	assert_int_not_equal(parse(&opts, 5, level), 0);
	options_free(&opts);
	const char *cpu[] = { "bpf-linker", "a.bc", "--cpu", "v5", "-o", "b" };
	assert_int_not_equal(parse(&opts, 6, cpu), 0);
	options_free(&opts);
	const char *flag_value[] = { "bpf-linker", "a.bc", "--btf=yes", "-o", "b" };
	assert_int_not_equal(parse(&opts, 5, flag_value), 0);
	options_free(&opts);
	const char *no_input[] = { "bpf-linker", "-o", "b" };
	assert_int_not_equal(parse(&opts, 3, no_input), 0);
	options_free(&opts);
	const char *help[] = { "bpf-linker", "--help" };
	assert_int_equal(parse(&opts, 2, help), 0);
	assert_true(opts.help);
	options_free(&opts);
}

static void test_response_file(void **state)
{
	char rsp[] = "/tmp/bpf-linker-unit-rspXXXXXX";
	int fd = mkstemp(rsp);
	const char *text = "'a b.bc' \"-o\" out\\ file\n--export x\n";
	struct options opts;
	char arg[64];
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	snprintf(arg, sizeof(arg), "@%s", rsp);
	const char *argv[] = { "bpf-linker", arg, "-O1" };
	assert_int_equal(parse(&opts, 3, argv), 0);
	assert_string_equal(opts.inputs[0].path, "a b.bc");
	assert_string_equal(opts.output, "out file");
	assert_string_equal(opts.exports.items[0], "x");
	assert_int_equal(opts.opt_level, OPT_O1);
	options_free(&opts);
	unlink(rsp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rustc_argv),
		cmocka_unit_test(test_defaults_and_values),
		cmocka_unit_test(test_wasm_ld_spellings),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_response_file),
	};

	diag_set_level(DIAG_ERROR - 1 + 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
