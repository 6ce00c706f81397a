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

#endif
