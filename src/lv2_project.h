/* A project's LV2 inserts seen from the model: which plug-ins it names that are not
 * installed. Control thread (any thread that owns the project). */
#ifndef TTYMIX_LV2_PROJECT_H
#define TTYMIX_LV2_PROJECT_H

#include "src/base/diag.h"
#include "src/project.h"

/* One line at level for each insert whose plug-in is not installed, naming the strip
 * and the URI and saying how to find the installed ones; returns how many. check and
 * render refuse such a project (DIAG_ERROR); the studio opens it with those inserts
 * passing their signal (a warning). */
int lv2_project_missing(const struct project *p, struct diag *d, enum diag_level level);

/* The studio's info panel text for an LV2 insert (cls: an LV2 class): the plug-in's
 * name, URI, class and its own description (rdfs:comment), then every control with its
 * unit, range and hints; param >= 0: that control alone, with its choices. Caller
 * frees; NULL for a class that is not an LV2 plug-in's. */
char *lv2_state_file_of(const struct project *p, const struct project_strip *s, int slot);

char *lv2_explain(const struct fx_class *cls, int param);

/* A control's value as the strip detail shows it, honouring the port's hints: a
 * toggle on/off, a choice by its label, an integer without decimals, a port in
 * fractions of the sample rate in Hz at sample_rate (lv2_param_scale); false when cls
 * is not an LV2 plug-in's (the caller formats it as a built-in parameter). */
bool lv2_format_value(const struct fx_class *cls, int param, double v, int sample_rate,
	char *buf, size_t size);

#endif
