/* The terminal front end. Runs on the main thread, which becomes the UI thread: it
 * owns the Project, the engine's control side and the terminal. */
#ifndef TTYMIX_UI_H
#define TTYMIX_UI_H

#include <stdbool.h>
#include <stdio.h>

#include "src/cli.h"
#include "src/project.h"

/* Open the studio on project p (taken over and freed). throwaway: a quick-audition
 * session that is never saved unless the user asks. Returns the exit status. */
int ui_run(struct project *p, bool throwaway, const struct cli_globals *g);
/* The default keys as the man page's KEYS list (ttymix --print-keys-man). */
void ui_help_print_man(FILE *out);

#endif
