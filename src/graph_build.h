/* Turn a Project into a render graph (audio/graph.h). Control thread only: it opens
 * files, allocates and may take a while for big projects. */
#ifndef TTYMIX_GRAPH_BUILD_H
#define TTYMIX_GRAPH_BUILD_H

#include <stdbool.h>

#include "audio/graph.h"
#include "src/base/diag.h"
#include "src/project.h"

/* Build a graph for p. A clip whose file is missing or unreadable becomes offline
 * (silent) and is reported in diag as a warning; the build still succeeds.
 * offline_render: small read-ahead, for the offline renderer. The caller owns *out
 * until it sends it to an engine. */
enum err graph_build(const struct project *p, bool offline_render, struct graph **out,
	struct diag *diag);

/* Give g, built from p with offline_render, what rendering every strip's stem in the
 * mix's pass takes (graph_stems_alloc): a copy of p's master chain for each strip
 * (an LV2 plug-in's state restored into each, as into the master's). */
void graph_build_stems(const struct project *p, struct graph *g, struct diag *diag);

/* The frame at the project rate nearest to a time in seconds. */
long long graph_frames(double seconds, int sample_rate);

#endif
