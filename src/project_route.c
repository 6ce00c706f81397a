/* Routing of a project: where each strip's output and sends go, whether that makes a
 * loop, and an order in which the buses can be mixed (every bus after those feeding
 * it). Any thread that owns the project. */
#include "src/project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"

int project_output_bus(const struct project *p, const char *output)
{
	if (!output || !strcmp(output, PROJECT_MASTER_NAME))
		return -1;
	int b = project_find_bus(p, output);
	return b >= 0 ? b : -2;
}

/* Bus b's destinations that are buses: its output, then its sends. */
static int bus_edges(const struct project *p, int b, int *out)
{
	const struct project_strip *bus = &p->buses[b].strip;
	int n = 0;
	int d = project_output_bus(p, bus->output);
	if (d >= 0)
		out[n++] = d;
	for (int i = 0; i < bus->n_sends; i++) {
		d = project_find_bus(p, bus->sends[i].bus);
		if (d >= 0)
			out[n++] = d;
	}
	return n;
}

enum { WHITE, GREY, BLACK };

struct walk {
	const struct project *p;
	char *colour;
	int *stack;     /* the path being explored */
	int depth;
	int *order;     /* reverse post-order fills this from the back */
	int placed;
	int *edges;     /* scratch: 1 + PROJECT_MAX_SENDS per level */
	/* the first cycle found: stack[cycle_from..depth) then back to stack[cycle_from] */
	int cycle_from, cycle_len;
	int cycle[PROJECT_MAX_BUSES + 1];
};

/* Depth-first: false as soon as a cycle is found (walk->cycle holds it). */
static bool visit(struct walk *w, int b)
{
	w->colour[b] = GREY;
	w->stack[w->depth++] = b;
	int *edges = w->edges + (size_t)(w->depth - 1) * (1 + PROJECT_MAX_SENDS);
	int n = bus_edges(w->p, b, edges);
	for (int i = 0; i < n; i++) {
		int d = edges[i];
		if (w->colour[d] == GREY) {
			int from = w->depth - 1;
			while (from > 0 && w->stack[from] != d)
				from--;
			w->cycle_len = 0;
			for (int k = from; k < w->depth; k++)
				w->cycle[w->cycle_len++] = w->stack[k];
			w->cycle[w->cycle_len++] = d;
			return false;
		}
		if (w->colour[d] == WHITE && !visit(w, d))
			return false;
	}
	w->depth--;
	w->colour[b] = BLACK;
	w->order[w->p->n_buses - 1 - w->placed++] = b;
	return true;
}

/* Topological order of the buses; false and the cycle in w when there is one. */
static bool walk_all(struct walk *w, const struct project *p, int *order)
{
	memset(w, 0, sizeof *w);
	w->p = p;
	int nb = p->n_buses;
	w->colour = xcalloc((size_t)nb + 1, 1);
	w->stack = xcalloc((size_t)nb + 1, sizeof *w->stack);
	w->edges = xcalloc(((size_t)nb + 1) * (1 + PROJECT_MAX_SENDS), sizeof *w->edges);
	w->order = order;
	bool ok = true;
	for (int b = 0; b < nb && ok; b++)
		if (w->colour[b] == WHITE)
			ok = visit(w, b);
	free(w->colour);
	free(w->stack);
	free(w->edges);
	return ok;
}

bool project_route_order(const struct project *p, int *order)
{
	if (p->n_buses > PROJECT_MAX_BUSES)
		return false;
	struct walk *w = xmalloc(sizeof *w);
	bool ok = walk_all(w, p, order);
	free(w);
	return ok;
}

/* One strip's output and sends name buses that exist, and never the strip itself
 * (self: a bus's name; NULL for a track). */
static int check_strip(const struct project *p, const char *file, const char *ctx,
	const char *self, const struct project_strip *s, struct diag *diag)
{
	const char *output = s->output;
	const struct project_send *sends = s->sends;
	const int n_sends = s->n_sends;
	int errors = 0;
	if (output && project_output_bus(p, output) == -2) {
		diag_add(diag, DIAG_ERROR, "%s: %soutput: no bus called \"%.64s\" (buses: add it "
			"to buses[], or use \"master\")", file, ctx, output);
		errors++;
	}
	for (int i = 0; i < n_sends; i++) {
		const char *to = sends[i].bus;
		if (project_find_bus(p, to) < 0) {
			diag_add(diag, DIAG_ERROR, "%s: %ssends[%d].bus: no bus called \"%.64s\"", file,
				ctx, i, to);
			errors++;
		} else if (self && !strcmp(self, to)) {
			diag_add(diag, DIAG_ERROR, "%s: %ssends[%d].bus: a bus cannot send to itself "
				"(\"%.64s\")", file, ctx, i, to);
			errors++;
		}
		for (int k = 0; k < i; k++)
			if (!strcmp(sends[k].bus, to)) {
				diag_add(diag, DIAG_ERROR, "%s: %ssends[%d].bus: a second send to \"%.64s\" "
					"(one per bus; raise the first one's level)", file, ctx, i, to);
				errors++;
				break;
			}
	}
	return errors;
}

int project_route_check(const struct project *p, const char *file, struct diag *diag)
{
	int errors = 0;
	char ctx[64];
	for (int t = 0; t < p->n_tracks; t++) {
		snprintf(ctx, sizeof ctx, "tracks[%d].", t);
		errors += check_strip(p, file, ctx, NULL, &p->tracks[t].strip, diag);
	}
	for (int b = 0; b < p->n_buses; b++) {
		const struct project_strip *bus = &p->buses[b].strip;
		snprintf(ctx, sizeof ctx, "buses[%d].", b);
		if (!strcmp(bus->name, PROJECT_MASTER_NAME)) {
			diag_add(diag, DIAG_ERROR, "%s: %sname: \"master\" is the master strip's name; "
				"call the bus something else", file, ctx);
			errors++;
		}
		for (int k = 0; k < b; k++)
			if (!strcmp(p->buses[k].strip.name, bus->name)) {
				diag_add(diag, DIAG_ERROR, "%s: %sname: buses[%d] is also called \"%.64s\"; "
					"bus names must differ", file, ctx, k, bus->name);
				errors++;
				break;
			}
		if (bus->output && !strcmp(bus->output, bus->name)) {
			diag_add(diag, DIAG_ERROR, "%s: %soutput: bus \"%.64s\" cannot play into itself",
				file, ctx, bus->name);
			errors++;
			continue;
		}
		errors += check_strip(p, file, ctx, bus->name, bus, diag);
	}
	if (errors || p->n_buses == 0)
		return errors;
	if (p->n_buses > PROJECT_MAX_BUSES) {
		diag_add(diag, DIAG_ERROR, "%s: buses: %d buses, the limit is %d", file, p->n_buses,
			PROJECT_MAX_BUSES);
		return errors + 1;
	}
	int *order = xcalloc((size_t)p->n_buses, sizeof *order);
	struct walk *w = xmalloc(sizeof *w);
	if (!walk_all(w, p, order)) {
		char path[1024];
		size_t used = 0;
		path[0] = '\0';
		for (int i = 0; i < w->cycle_len && used < sizeof path; i++)
			used += (size_t)snprintf(path + used, sizeof path - used, "%s%.64s",
				i ? " -> " : "", p->buses[w->cycle[i]].strip.name);
		diag_add(diag, DIAG_ERROR, "%s: buses: \"%.64s\" feeds itself: %s (outputs and sends "
			"must not loop)", file, p->buses[w->cycle[0]].strip.name, path);
		errors++;
	}
	free(w);
	free(order);
	return errors;
}
