/* Unit tests for demangle: rustc's v0 and legacy names as Rust paths, and malformed names left
 * alone (never read past their end, whatever the bytes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "demangle.h"

static void expect(const char *symbol, const char *shown)
{
	char out[512];

	assert_string_equal(demangle_or_keep(symbol, out, sizeof(out)), shown);
}

static void test_v0(void **state)
{
	(void)state;
	expect("_RNvNtCsh4GcZ3HkQV9_5float12hidden_float12hidden_scale", "float::hidden_float::hidden_scale");
	expect("_RNvCsimsBsDq3YYz_5stack9big_table", "stack::big_table");
	/* An inherent method, a trait method, generic arguments, a closure and backrefs. */
	expect("_RNvMNtCs1_3foo3barNtB2_6Struct3new", "<foo::bar::Struct>::new");
	expect("_RNvXs_NtCs1_3foo3barNtB4_6StructNtNtCs2_4core5clone5Clone5clone",
	       "<foo::bar::Struct as core::clone::Clone>::clone");
	expect("_RINvCs1_3foo5applymE", "foo::apply::<u32>");
	expect("_RINvCs1_3foo5applyNCNvB2_9xdp_types0E", "foo::apply::<foo::xdp_types::{closure}>");
	expect("_RINvMNtCs5ll5scL1wJp_4core5sliceSh8align_tojEB5_", "<[u8]>::align_to::<usize>");
	expect("_RNvYfNtNtNtNtCs5ll5scL1wJp_4core3num3imp6traits8FloatExt14integer_decodeBb_",
	       "<f32 as core::num::imp::traits::FloatExt>::integer_decode");
}

static void test_legacy(void **state)
{
	(void)state;
	expect("_ZN4core3ptr13drop_in_place17h0123456789abcdefE", "core::ptr::drop_in_place");
	expect("_ZN59_$LT$core..fmt..Arguments$u20$as$u20$core..fmt..Display$GT$3fmt17h1e2c4f3a7b9d8e0fE",
	       "<core::fmt::Arguments as core::fmt::Display>::fmt");
}

static void test_left_alone(void **state)
{
	static const char *const bad[] = {
		"prog", "memcpy", "_R", "_RNv", "_RNvC", "_RC99abc", "_RNvCs1_3foo", "_RB_", "_RBzzzzzzzzzzzz_",
		"_ZN", "_ZN3foo", "_ZN999999999999foo", "_RNvNtNtNtNtNtNtNtNtNtNtNtNtNtNtNtNt",
	};
	char small[8];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect(bad[i], bad[i]);
	/* Too long for the buffer: left mangled, not cut. */
	assert_false(demangle_rust("_RNvNtCsh4GcZ3HkQV9_5float12hidden_float12hidden_scale", small,
				   sizeof(small)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v0),
		cmocka_unit_test(test_legacy),
		cmocka_unit_test(test_left_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
