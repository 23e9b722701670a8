/* Unit tests for resolve: the symbol table, archive member selection to a fixed point, duplicate
 * definitions, and the bitcode producer check. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <llvm-c/Core.h>

#include "bitcode.h"
#include "fixtures.h"
#include "resolve.h"

static void test_symtab(void **state)
{
	struct symtab table = { 0 };
	struct symbol *s, *again;
	char name[32];
	(void)state;

	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "sym%d", i);
		assert_int_equal(symtab_insert(&table, name, &s), 0);
		s->referenced = i % 2;
	}
	assert_int_equal(table.count, 5000);
	assert_int_equal(symtab_insert(&table, "sym4999", &again), 0);
	assert_int_equal(table.count, 5000);
	assert_non_null(s = symtab_find(&table, "sym1234"));
	assert_false(s->referenced);
	assert_int_equal(s->defined_by, SIZE_MAX);
	assert_null(symtab_find(&table, "sym5000"));
	symtab_free(&table);
	assert_null(symtab_find(&table, "sym1"));
}

/* Link main (needs alpha) against an archive: alpha needs beta (a later member pulls an
 * earlier one's dependency), gamma is never needed. */
static void test_archive_fixed_point(void **state)
{
	const struct fixture_member members[] = {
		{ "beta.ll/", "define i32 @beta() { ret i32 2 }\n", "beta" },
		{ "gamma.ll/", "define i32 @gamma() { ret i32 3 }\n", "gamma" },
		{ "alpha.ll/", "declare i32 @beta()\ndefine i32 @alpha() {\n  %r = call i32 @beta()\n  ret i32 %r\n}\n", "alpha" },
	};
	char *archive = fixture_archive(members, 3);
	char *main_ll = fixture_file("target triple = \"bpfel\"\ndeclare i32 @alpha()\n"
				     "define i32 @prog() {\n  %r = call i32 @alpha()\n  ret i32 %r\n}\n");
	struct input_arg args[2] = { { .path = archive }, { .path = main_ll } };
	struct options opts = { .inputs = args, .input_count = 2, .disable_memory_builtins = true };
	LLVMContextRef ctx = LLVMContextCreate();
	struct resolution res;
	struct inputs inputs;
	(void)state;

	assert_int_equal(strlist_push(&opts.exports, "prog"), 0);
	assert_int_equal(inputs_load(&opts, &inputs), 0);
	assert_int_equal(resolve_run(&opts, &inputs, ctx, &res), 0);
	assert_int_equal(res.count, 3);
	assert_non_null(strstr(inputs.units[res.order[0]].name, main_ll));
	assert_non_null(strstr(inputs.units[res.order[1]].name, "(alpha.ll)"));
	assert_non_null(strstr(inputs.units[res.order[2]].name, "(beta.ll)"));
	assert_string_equal(res.triple, "bpfel");
	assert_int_equal(symtab_find(&res.symbols, "beta")->defined_by, res.order[2]);
	assert_null(symtab_find(&res.symbols, "gamma"));
	resolve_free(&res);
	inputs_free(&inputs);

	/* --whole-archive takes every member. */
	opts.whole_archive = true;
	assert_int_equal(inputs_load(&opts, &inputs), 0);
	assert_int_equal(resolve_run(&opts, &inputs, ctx, &res), 0);
	assert_int_equal(res.count, 4);
	resolve_free(&res);
	inputs_free(&inputs);

	LLVMContextDispose(ctx);
	strlist_free(&opts.exports);
	unlink(archive);
	unlink(main_ll);
	free(archive);
	free(main_ll);
}

static void test_duplicates(void **state)
{
	char *a = fixture_file("define i32 @f() { ret i32 1 }\n");
	char *b = fixture_file("define i32 @f() { ret i32 2 }\n");
	char *weak = fixture_file("define weak i32 @f() { ret i32 3 }\n");
	struct input_arg strong_pair[2] = { { .path = a }, { .path = b } };
	struct input_arg weak_pair[2] = { { .path = weak }, { .path = b } };
	struct options opts = { .inputs = strong_pair, .input_count = 2 };
	LLVMContextRef ctx = LLVMContextCreate();
	struct resolution res;
	struct inputs inputs;
	(void)state;

	assert_int_equal(inputs_load(&opts, &inputs), 0);
	assert_int_not_equal(resolve_run(&opts, &inputs, ctx, &res), 0);
	resolve_free(&res);
	inputs_free(&inputs);

	opts.inputs = weak_pair;
	assert_int_equal(inputs_load(&opts, &inputs), 0);
	assert_int_equal(resolve_run(&opts, &inputs, ctx, &res), 0);
	assert_int_equal(symtab_find(&res.symbols, "f")->defined_by, 1);
	assert_true(symtab_find(&res.symbols, "f")->strong);
	resolve_free(&res);
	inputs_free(&inputs);

	LLVMContextDispose(ctx);
	unlink(a);
	unlink(b);
	unlink(weak);
	free(a);
	free(b);
	free(weak);
}

static void test_producer(void **state)
{
	FILE *f = fopen(FIXTURE_BITCODE, "rb");
	uint8_t buffer[1 << 16];
	char producer[128];
	size_t size;
	(void)state;

	assert_non_null(f);
	size = fread(buffer, 1, sizeof(buffer), f);
	fclose(f);
	assert_int_equal(bitcode_producer(buffer, size, producer, sizeof(producer)), 0);
	assert_memory_equal(producer, "LLVM22.", 7);
	assert_int_equal(bitcode_producer(buffer, 12, producer, sizeof(producer)), -EINVAL);
	assert_int_equal(bitcode_producer((const uint8_t *)"garbage!", 8, producer, sizeof(producer)),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_symtab),
		cmocka_unit_test(test_archive_fixed_point),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_producer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
