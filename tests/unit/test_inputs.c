/* Unit tests for inputs and archives: classification by content, GNU archives with a symbol
 * index and long names, members skipped or rejected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures.h"
#include "inputs.h"

static void test_classify(void **state)
{
	(void)state;
	assert_int_equal(inputs_classify((const uint8_t *)"BC\xc0\xde\x35\x14", 6), INPUT_BITCODE);
	assert_int_equal(inputs_classify((const uint8_t *)"\xde\xc0\x17\x0b\0\0\0\0", 8), INPUT_BITCODE);
	assert_int_equal(inputs_classify((const uint8_t *)"\x7f" "ELF\2\1\1", 7), INPUT_ELF);
	assert_int_equal(inputs_classify((const uint8_t *)"!<arch>\n", 8), INPUT_ARCHIVE);
	assert_int_equal(inputs_classify((const uint8_t *)"!<thin>\n", 8), INPUT_THIN_ARCHIVE);
	assert_int_equal(inputs_classify((const uint8_t *)"\n  target triple = \"bpf\"", 24), INPUT_IR_TEXT);
	assert_int_equal(inputs_classify((const uint8_t *)"; ModuleID = 'x'", 16), INPUT_IR_TEXT);
	assert_int_equal(inputs_classify((const uint8_t *)"define void @f()", 16), INPUT_IR_TEXT);
	assert_int_equal(inputs_classify((const uint8_t *)"hello world", 11), INPUT_UNKNOWN);
	assert_int_equal(inputs_classify((const uint8_t *)"BC", 2), INPUT_UNKNOWN);
	assert_int_equal(inputs_classify((const uint8_t *)"", 0), INPUT_UNKNOWN);
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* A GNU archive: symbol index, long-name table, two IR members (one with a long name). */
static void test_gnu_archive(void **state)
{
	char path[] = "/tmp/bpf-linker-unit-arXXXXXX";
	const char *ir_a = "define void @alpha() { ret void }\n";
	const char *ir_b = "define void @beta() { ret void }\n";
	const char *longnames = "a-member-with-a-long-name.ll/\n";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "wb");
	uint8_t index[4 + 2 * 4 + 11];
	long off_a, off_b;
	struct options opts = { 0 };
	struct input_arg arg = { .path = path };
	struct inputs inputs;
	(void)state;

	assert_non_null(f);
	/* Members start at even offsets after their 60-byte headers. */
	off_a = 8 + 60 + (long)sizeof(index) + (long)(sizeof(index) % 2) + 60 +
		(long)strlen(longnames) + (long)(strlen(longnames) % 2);
	off_b = off_a + 60 + (long)strlen(ir_a) + (long)(strlen(ir_a) % 2);
	put_be32(index, 2);
	put_be32(index + 4, (uint32_t)off_a);
	put_be32(index + 8, (uint32_t)off_b);
	memcpy(index + 12, "alpha\0beta\0", 11);
	fputs("!<arch>\n", f);
	fixture_ar_member(f, "/", index, sizeof(index));
	fixture_ar_member(f, "//", longnames, strlen(longnames));
	assert_int_equal(ftell(f), off_a);
	fixture_ar_member(f, "/0", ir_a, strlen(ir_a));
	assert_int_equal(ftell(f), off_b);
	fixture_ar_member(f, "b.ll/", ir_b, strlen(ir_b));
	fclose(f);

	opts.inputs = &arg;
	opts.input_count = 1;
	assert_int_equal(inputs_load(&opts, &inputs), 0);
	assert_int_equal(inputs.archive_count, 1);
	assert_int_equal(inputs.unit_count, 2);
	assert_true(inputs.archives[0].has_index);
	assert_int_equal(inputs.archives[0].index_len, 2);
	assert_string_equal(inputs.archives[0].index[0].name, "alpha");
	assert_int_equal(inputs.archives[0].index[0].unit, 0);
	assert_string_equal(inputs.archives[0].index[1].name, "beta");
	assert_int_equal(inputs.archives[0].index[1].unit, 1);
	assert_int_equal(inputs.units[0].format, UNIT_IR_TEXT);
	assert_non_null(strstr(inputs.units[0].name, "(a-member-with-a-long-name.ll)"));
	assert_memory_equal(inputs.units[1].data, ir_b, strlen(ir_b));
	inputs_free(&inputs);
	unlink(path);
}

static void test_bad_member(void **state)
{
	char path[] = "/tmp/bpf-linker-unit-arXXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "wb");
	struct options opts = { 0 };
	struct input_arg arg = { .path = path };
	struct inputs inputs;
	(void)state;

	fputs("!<arch>\n", f);
	fixture_ar_member(f, "notes.txt/", "just some text\n", 15);
	fclose(f);
	opts.inputs = &arg;
	opts.input_count = 1;
	assert_int_not_equal(inputs_load(&opts, &inputs), 0);
	inputs_free(&inputs);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_gnu_archive),
		cmocka_unit_test(test_bad_member),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
