/* Every change the studio makes to the project: applied to the Project (owned by the
 * UI thread), sent to the engine as the matching command, and recorded for undo.
 * The session's thread only. */
#ifndef TTYMIX_STUDIO_EDIT_H
#define TTYMIX_STUDIO_EDIT_H

#include "src/studio/studio.h"
#include "src/studio/undo.h"

/* A strip's controls are the control table's (enum control_id, src/control.h); strip
 * is a track or bus index or STRIP_MASTER. */

/* Current value of a control on a strip. */
double studio_edit_get(const struct studio *st, enum control_id id, int strip);
/* Set a control (clamped to its range), send it to the engine and record it for undo.
 * Returns false when the strip has no such control (the master has no pan) or the value
 * did not change; a message then says why when it helps. */
bool studio_edit_set(struct studio *st, enum control_id id, int strip, double value);
/* The same for controls that live in a slot of a strip: a send (CONTROL_SEND_LEVEL,
 * slot = send index), an insert's parameter (CONTROL_INSERT_PARAM, slot = insert, param
 * = its index in the class's table) or bypass (CONTROL_INSERT_BYPASS). A track in a
 * group passes gain (as a relative move), mute and solo on to the group's other tracks,
 * undone as one edit, unless st->groups_off. The status line says what changed
 * (studio_edit_say) unless something said more during the edit; a caller may say more
 * after it. */
double studio_edit_get_at(const struct studio *st, enum control_id id, int strip,
	int slot, int param);
bool studio_edit_set_at(struct studio *st, enum control_id id, int strip, int slot,
	int param, double value);
/* The same for a clip's field of clip `clip` on track `track`: the graph is rebuilt,
 * and a pitch cache queued (src/studio/pitch.c), instead of a command. */
double studio_edit_get_clip(const struct studio *st, enum studio_clip_field field,
	int track, int clip);
bool studio_edit_set_clip(struct studio *st, enum studio_clip_field field, int track,
	int clip, double value);
/* A pitch as STUDIO_CLIP_PITCH stores it, and back. */
double studio_edit_pitch_value(int semitones, int cents);
void studio_edit_pitch_split(double value, int *semitones, int *cents);

/* Step back / forward through the history, re-applying values to both sides. */
/* Edits that change the project's shape (clips, tracks, markers, loop, routing):
 *
 *     studio_edit_begin(st, "split clip");
 *     ... change st->project freely ...
 *     studio_edit_commit(st);     (or studio_edit_cancel(st) to put it all back)
 *
 * begin keeps the project as text; commit compares it with the project now, records
 * both under the name when they differ, and rebuilds the render graph (and sends the
 * loop range) so the engine hears the change. Undo and redo put the whole project back
 * from that text and rebuild. commit returns false when nothing changed (no record).
 * A begin without commit is cancelled by the next begin. */
void studio_edit_begin(struct studio *st, const char *name);
bool studio_edit_commit(struct studio *st);
void studio_edit_cancel(struct studio *st);
/* One edit over many strips (a ':' command given a list, key edits on the mixer's
 * picks): between many_begin and many_end every edit (values and shapes, through the
 * calls above) is applied at once but recorded as one shape record called name, so
 * one undo takes it all back; messages are kept from the voice (st->hush), for the
 * caller to say one line. Inner begin/commit/cancel do nothing meanwhile. many_end
 * with keep records it (false when nothing changed); without, it puts the project
 * back as it was at many_begin (all or nothing). They nest: only the outermost pair
 * records (or puts back), and hushes. */
void studio_edit_many_begin(struct studio *st, const char *name);
bool studio_edit_many_end(struct studio *st, bool keep);
/* A gesture (a fader dragged with the mouse) begins (on) or ends: while it lasts, a
 * run of edits to one control is one undo step however long the hand rests (held keys
 * merge only under a second apart), and its first edit never joins a run from before
 * it. Values are applied and said as ever. */
void studio_edit_hold(struct studio *st, bool on);
/* The delivery target page 3 measures against (key as project.h's delivery_target,
 * lufs its loudness): one undo step, "delivery target", saved with the project. */
void studio_edit_delivery(struct studio *st, const char *key, double lufs);
/* Drop a pending begin (leaving the session). */
void studio_edit_deinit(struct studio *st);
/* Send the project's loop range to the engine (after it changed). */
void studio_edit_send_loop(struct studio *st);

/* Step back / forward through the history, re-applying values (or shapes) to both
 * sides; the status line says "undid: NAME" / "redid: NAME". */
void studio_edit_undo(struct studio *st);
void studio_edit_redo(struct studio *st);

/* Say on the status line what a control of a strip now is, in words and units: "Kick
 * fader -2.5 dB", "Kick muted", "Kick insert 2 eq: low_gain_db -3 dB" (and the group
 * that followed). Every key that edits says what it did. */
void studio_edit_say(struct studio *st, enum control_id id, int strip, int slot,
	int param);
/* A control's value in real units: "+1.0", "-inf", "L30", "C", "on" (control_format);
 * its name ("fader"). */
void studio_edit_format(enum control_id id, double value, char *buf, size_t size);
const char *studio_edit_field_name(enum control_id id);
/* The same for a clip's field: "+2 st -10 ct", "on"; "pitch", "varispeed". */
void studio_edit_clip_format(enum studio_clip_field field, double value, char *buf,
	size_t size);
const char *studio_edit_clip_name(enum studio_clip_field field);

#endif
