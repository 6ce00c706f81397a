/* Sidechain keys in the render graph (audio/graph_key.c; struct graph_key in
 * audio/graph.h): which strip keys which insert, the order the tracks play in so that
 * every key is ready, and each key's delay. Control thread, while a graph is built,
 * before it is handed over; graph_destroy frees what these allocate. */
#ifndef TTYMIX_GRAPH_KEY_H
#define TTYMIX_GRAPH_KEY_H

#include "audio/graph.h"

/* Key insert slot (from 0) of strip `strip` by strip src's signal after its fader
 * (both: a track, or n_tracks + a bus). The project refuses keys that loop and a
 * track keyed by a bus (src/project_sidechain.c). After the inserts are set. */
void graph_set_key(struct graph *g, int strip, int slot, int src);
/* The keys' delays (from the delay compensation's plan) and the order of the keyed
 * tracks: after graph_pdc_plan. */
void graph_key_plan(struct graph *g);

#endif
