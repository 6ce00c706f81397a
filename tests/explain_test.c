/* The teaching table (src/explain.c) and the one table of effects (audio/fx) agree:
 * every row names a strip control or an effect's parameter that `ttymix help` finds
 * it under, so a renamed or removed parameter cannot leave text nobody reads (the
 * other way round, every parameter explained, is tests/explain.sh's). Also the one
 * list of effect names a message may quote, fx_class_names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "audio/fx/fx.h"
#include "src/explain.h"

/* Whether some parameter of row's class is explained by row. */
static bool row_reached(const struct explain_text *row)
{
	const struct fx_class *fc = fx_class_find(row->cls);
	if (!fc)
		return false;
	for (int k = 0; k < fc->n_params; k++)
		if (explain_find(fc->name, fc->params[k].name) == row)
			return true;
	return false;
}

static void test_every_row_names_a_parameter(void **state)
{
	(void)state;
	int strip = 0;
	for (int i = 0; i < explain_count; i++) {
		const struct explain_text *row = &explain_table[i];
		if (!row->param) {
			/* a strip control: not an effect, and found by its own name */
			assert_null(fx_class_find(row->cls));
			assert_ptr_equal(explain_find(row->cls, NULL), row);
			strip++;
			continue;
		}
		if (!row_reached(row))
			fail_msg("explain row %s.%s: no parameter of the fx table reaches it",
				row->cls, row->param);
	}
	assert_int_equal(strip, 3);   /* fader, pan, send */
}

static void test_a_wrong_name_is_caught(void **state)
{
	(void)state;
	const struct explain_text stale = { .cls = "compressor", .param = "treshold_db" };
	assert_false(row_reached(&stale));
	const struct explain_text gone = { .cls = "flanger", .param = "rate_hz" };
	assert_false(row_reached(&gone));
}

static void test_class_names(void **state)
{
	(void)state;
	char all[512], expect[512] = "";
	fx_class_names(all, sizeof all);
	for (int i = 0; i < fx_n_classes; i++)
		snprintf(expect + strlen(expect), sizeof expect - strlen(expect), "%s%s",
			i ? ", " : "", fx_classes[i]->name);
	assert_string_equal(all, expect);
	assert_true(!strncmp(all, "eq, compressor, ", 16));
	char small[8];
	fx_class_names(small, sizeof small);
	assert_string_equal(small, "eq, com");   /* cut short, still a string */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row_names_a_parameter),
		cmocka_unit_test(test_a_wrong_name_is_caught),
		cmocka_unit_test(test_class_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
