/* :ear [EXERCISE] in the studio: ear training on the project's own audio (the selected
 * track alone, or the mix when a bus or the master is selected, from the playhead),
 * played through the studio's output (src/studio/ear.h). The quiz has the terminal
 * for its time; the studio's screen comes back after q. UI thread. */
#ifndef TTYMIX_UI_EAR_H
#define TTYMIX_UI_EAR_H

#include "src/studio/commands.h"

/* A row of the ui's ':' table (ui/commands.h); l->owner is the ui_app. */
void ui_line_ear(struct studio_line *l);

#endif
