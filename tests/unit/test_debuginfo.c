/* Unit tests for the BTF name rewriting: deterministic, legal, bounded, collision-safe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "debuginfo.h"

static const char *btf(const char *name)
{
	static char out[DEBUGINFO_BTF_NAME_MAX + 1];

	debuginfo_btf_name(name, strlen(name), out);
	return out;
}

static void test_escapes(void **state)
{
	(void)state;
	assert_string_equal(btf("plain_name0"), "plain_name0");
	assert_string_equal(btf("Option<&str>"), "Option_3C__26_str_3E_");
	assert_string_equal(btf("core::fmt::Arguments"), "core_3A__3A_fmt_3A__3A_Arguments");
	assert_string_equal(btf("[u8; 4]"), "_5B_u8_3B__20_4_5D_");
	assert_string_equal(btf("{closure_env#0}"), "_7B_closure_env_23_0_7D_");
	assert_string_equal(btf("(u8, u16)"), "_28_u8_2C__20_u16_29_");
	assert_string_equal(btf("9lives"), "_9lives");
	assert_string_equal(btf("\xc3\xa9"), "_C3__A9_");
}

static void test_long_names(void **state)
{
	char a[400], b[400], out_a[DEBUGINFO_BTF_NAME_MAX + 1], out_b[DEBUGINFO_BTF_NAME_MAX + 1];
	size_t len_a, len_b;
	(void)state;

	memset(a, 'x', sizeof(a));
	memcpy(b, a, sizeof(b));
	b[sizeof(b) - 1] = 'y'; /* differs only after the cut */
	len_a = debuginfo_btf_name(a, sizeof(a), out_a);
	len_b = debuginfo_btf_name(b, sizeof(b), out_b);
	assert_int_equal(len_a, DEBUGINFO_BTF_NAME_MAX);
	assert_int_equal(len_b, DEBUGINFO_BTF_NAME_MAX);
	assert_memory_equal(out_a, out_b, 110);
	assert_string_not_equal(out_a, out_b);
	/* Deterministic. */
	assert_int_equal(debuginfo_btf_name(a, sizeof(a), out_b), len_a);
	assert_string_equal(out_a, out_b);
	/* Exactly at the limit: kept whole. */
	memset(a, 'z', DEBUGINFO_BTF_NAME_MAX);
	assert_int_equal(debuginfo_btf_name(a, DEBUGINFO_BTF_NAME_MAX, out_a), DEBUGINFO_BTF_NAME_MAX);
	assert_null(memchr(out_a, '_', DEBUGINFO_BTF_NAME_MAX));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_long_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
