/* Recording in the studio (src/studio/record.c): armed tracks, their inputs, input
 * monitoring, and takes. The samples come through the native JACK output's inputs
 * (audio/driver_jack.h), or a PortAudio output's (audio/driver.h: opened again
 * duplex while a track is armed, output-only once none is), into a capture
 * (audio/capture.h), whose writer thread writes PROJECT/audio/<track>-take<N>.wav;
 * when the take ends it becomes a clip on its track, one undoable step, placed where
 * the performer heard the song: the recorded start moved back by the driver's
 * capture and playback latencies (JACK's ranges, or PortAudio's reported input and
 * output latency) plus the project's measured offset (:latency, project.json's
 * record_latency_frames).
 *
 * Arming and inputs are kept by track name (a renamed track is armed no more), and
 * in the project (record_armed, record_input: a save keeps them, an open brings them
 * back). Owner's (UI) thread only. */
#ifndef TTYMIX_STUDIO_RECORD_H
#define TTYMIX_STUDIO_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "src/base/err.h"

struct studio;
struct studio_line;

enum studio_monitoring { STUDIO_MON_OFF, STUDIO_MON_AUTO, STUDIO_MON_ON };

/* Every loop turn (studio_transport_poll calls it): ends a take when the transport
 * stopped, the writer failed (a full disk) or the output was lost; keeps the input
 * meters and the monitoring. */
void studio_record_poll(struct studio *st);
/* End a take (keeping it), let go of the inputs and free all: before the output
 * closes (studio_close). */
void studio_record_close(struct studio *st);
/* A recording runs (the transport must not stop at the song's end). */
bool studio_recording(const struct studio *st);
/* Whether track t is armed; *peak (may be NULL) its input's level since the last
 * call, 0..1 (0 when the inputs are not read). */
bool studio_record_armed(struct studio *st, int t, float *peak);

/* Arm or disarm a track; set its input (first, 0-based; channels 1 or 2). */
enum err studio_record_arm(struct studio *st, int t, bool on, struct err_msg *msg);
enum err studio_record_input(struct studio *st, int t, int first, int channels,
	struct err_msg *msg);
/* Record on every armed track from the playhead (the transport starts). */
enum err studio_record_start(struct studio *st, struct err_msg *msg);
/* End the take now: the clips are added (one undo step) and said. why: NULL when the
 * person stopped it, else what stopped it ("disk full"), said as an error. */
void studio_record_finish(struct studio *st, const char *why);
/* The round trip compensated, in frames: JACK's capture and playback latencies plus
 * the project's offset. */
int64_t studio_record_compensation(struct studio *st);

/* The commands (src/studio/command_table.c's rows). */
void studio_line_arm(struct studio_line *l);
void studio_line_input(struct studio_line *l);
void studio_line_record(struct studio_line *l);
void studio_line_take(struct studio_line *l);
void studio_line_latency(struct studio_line *l);
void studio_line_monitoring(struct studio_line *l);
void studio_line_punch(struct studio_line *l);

#endif
