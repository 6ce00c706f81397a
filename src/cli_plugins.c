/* ttymix plugins [--json] [WORDS]: the installed LV2 plug-ins an insert can name, with
 * their controls (what project.json's "params" may say) and whether they report a
 * latency. Text from the plug-ins' own files is cleaned before it reaches a terminal. */
#include "src/cli.h"

#include <stdio.h>

#include "audio/lv2/lv2.h"
#include "src/base/text.h"

static const char *layout(const struct lv2_plugin_info *p)
{
	if (p->audio_in == 1 && p->audio_out == 1)
		return "mono (one per channel on a stereo strip)";
	if (p->audio_in == 2 && p->audio_out == 2)
		return "stereo";
	return "cannot go on a strip";
}

static void print_text(const struct lv2_plugin_info *p)
{
	/* one call per line: text_fprintf shows a newline in its arguments as \x0a */
	text_fprintf(stdout, "%s\n", p->name);
	text_fprintf(stdout, "  %s\n", p->uri);
	if (p->sidechain_in)    /* a layout the classic line does not have: said apart */
		text_fprintf(stdout, "  %s; audio %d in + %d sidechain (fed the strip's own "
			"input), %d out: %s; latency: %s\n", p->class_label, p->audio_in,
			p->sidechain_in, p->audio_out, p->sidechain_in > p->audio_in
			? "cannot go on a strip" : layout(p), p->has_latency ? "reported" : "none");
	else
		text_fprintf(stdout, "  %s; audio %d in, %d out: %s; latency: %s\n", p->class_label,
			p->audio_in, p->audio_out, layout(p), p->has_latency ? "reported" : "none");
	for (int i = 0; i < p->n_controls; i++) {
		const struct lv2_port_info *c = &p->controls[i];
		text_fprintf(stdout, "    %-16s %g to %g%s%s, default %g  %s%s%s%s%s\n", c->symbol,
			c->min, c->max, c->unit[0] ? " " : "", c->unit, c->def, c->name,
			c->toggled ? " [toggle]" : "", c->integer ? " [integer]" : "",
			c->enumeration ? " [choice]" : "", c->logarithmic ? " [log]" : "");
	}
}

static void json_field(const char *key, const char *value, bool comma)
{
	printf("\"%s\": ", key);
	if (value)
		cli_print_json_string(value);
	else
		fputs("null", stdout);
	if (comma)
		fputs(", ", stdout);
}

static void json_control(const struct lv2_port_info *c, bool last)
{
	fputs("      {", stdout);
	json_field("symbol", c->symbol, true);
	json_field("name", c->name, true);
	json_field("unit", c->unit, true);
	fputs("\"min\": ", stdout);
	cli_print_json_number(c->min);
	fputs(", \"max\": ", stdout);
	cli_print_json_number(c->max);
	fputs(", \"default\": ", stdout);
	cli_print_json_number(c->def);
	printf(", \"integer\": %s, \"toggled\": %s, \"enumeration\": %s, \"logarithmic\": %s",
		c->integer ? "true" : "false", c->toggled ? "true" : "false",
		c->enumeration ? "true" : "false", c->logarithmic ? "true" : "false");
	if (c->n_labels) {
		fputs(", \"choices\": {", stdout);
		for (int k = 0; k < c->n_labels; k++) {
			cli_print_json_string(c->labels[k]);
			fputs(": ", stdout);
			cli_print_json_number(c->label_values[k]);
			fputs(k + 1 < c->n_labels ? ", " : "", stdout);
		}
		fputs("}", stdout);
	}
	printf("}%s\n", last ? "" : ",");
}

static void print_json(const struct lv2_plugin_info *p, bool last)
{
	fputs("  {", stdout);
	json_field("uri", p->uri, true);
	json_field("name", p->name, true);
	json_field("class", p->class_label, true);
	json_field("comment", p->comment, true);
	printf("\"audio_in\": %d, \"audio_out\": %d, \"latency\": %s,\n    \"controls\": [\n",
		p->audio_in, p->audio_out, p->has_latency ? "true" : "false");
	for (int i = 0; i < p->n_controls; i++)
		json_control(&p->controls[i], i + 1 == p->n_controls);
	printf("    ]}%s\n", last ? "" : ",");
}

static const struct cli_spec plugins_spec = { .command = "plugins" };

int cli_plugins(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	bool json = false;
	const struct cli_opt opts[] = {
		{ .name = "--json", .kind = CLI_OPT_FLAG, .to = &json },
	};
	struct cli_spec spec = plugins_spec;
	spec.opts = opts;
	spec.n_opts = sizeof opts / sizeof opts[0];
	int n_words = cli_parse(argc, argv, &spec);
	if (n_words < 0)
		return EXIT_USAGE;
	struct err_msg why;
	if (lv2_ready(&why) != ERR_OK) {
		fprintf(stderr, "ttymix plugins: %s\n", why.text); /* made clean by err_set */
		return 1;
	}
	struct lv2_plugin_info *list;
	int n = lv2_list((const char *const *)argv, n_words, &list);
	if (json)
		fputs("[\n", stdout);
	for (int i = 0; i < n; i++)
		json ? print_json(&list[i], i + 1 == n) : print_text(&list[i]);
	if (json)
		fputs("]\n", stdout);
	else
		printf("%d plug-in%s\n", n, n == 1 ? "" : "s");
	lv2_list_free(list, n);
	return 0;
}
