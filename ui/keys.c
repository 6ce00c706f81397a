#include "ui/teach.h"
#include "ui/keys.h"

#include <ctype.h>
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/xalloc.h"
#include "src/studio/album.h"
#include "ui/arranger.h"
#include "src/studio/automation.h"
#include "ui/bind.h"
#include "src/studio/clipedit.h"
#include "src/studio/trackedit.h"
#include "ui/cmdline.h"
#include "ui/commands.h"
#include "ui/commands_studio.h"
#include "src/studio/edit.h"
#include "ui/lanes.h"
#include "ui/mastering.h"
#include "src/studio/monitor.h"
#include "src/studio/record.h"
#include "src/studio/saving.h"
#include "src/studio/strip.h"
#include "ui/strip_page.h"

/* ---- global ---- */

static void cmd_play_stop(struct ui_app *app)
{
	if (app->st->play_wanted)
		studio_transport_stop(app->st);
	else
		studio_transport_play(app->st);
}

/* Recording's keys run its ':' commands (src/studio/record.c) on the selection */
static void cmd_record(struct ui_app *app)
{
	studio_line_exec(app->st, &app->sel, "record");
}

static void cmd_arm(struct ui_app *app)
{
	studio_line_exec(app->st, &app->sel, "arm .");
}

static void cmd_locate_start(struct ui_app *app)
{
	studio_transport_locate(app->st, 0);
}

static void cmd_locate_end(struct ui_app *app)
{
	studio_transport_locate(app->st, app->st->end_frame);
}

static void cmd_undo(struct ui_app *app)
{
	studio_edit_undo(app->st);
}

static void cmd_redo(struct ui_app *app)
{
	studio_edit_redo(app->st);
}

static void cmd_save(struct ui_app *app)
{
	studio_save(app->st);
}

static void cmd_quit(struct ui_app *app)
{
	/* a take under way ends and is placed first: then it counts as unsaved */
	studio_record_finish(app->st, NULL);
	if (app->st->throwaway || !studio_dirty(app->st)) {
		app->quit = true;
		return;
	}
	app->status.asking_quit = true;
	app->status.ask_then[0] = '\0'; /* the question is quit's (not :e's) */
	ui_message(app, "unsaved changes: quit without saving? (y/n; Ctrl-S saves)");
}

static void cmd_help(struct ui_app *app)
{
	app->return_page = app->page;
	app->page = UI_PAGE_HELP;
	app->help.top = 0;
	app->need_draw = true;
}

static void cmd_page_mixer(struct ui_app *app)
{
	app->page = UI_PAGE_MIXER;
	app->need_draw = true;
}

static void cmd_page_mastering(struct ui_app *app)
{
	app->page = UI_PAGE_MASTERING;
	app->need_draw = true;
}

/* Line noise or another program may have written over the screen. */
static void cmd_redraw(struct ui_app *app)
{
	clearok(curscr, TRUE);
	app->need_draw = true;
}

static void cmd_clear_clips(struct ui_app *app)
{
	ui_message(app, studio_snapshot_clear_clips(&app->st->snap) ? "clip indicators cleared"
		: "no clip indicator was lit");
}

/* ---- mixer ---- */

static void select_by(struct ui_app *app, int delta)
{
	int last = studio_strip_count(app->st); /* the master */
	int s = app->sel.strip + delta;
	app->sel.strip = s < 0 ? 0 : s > last ? last : s;
	app->need_draw = true;
}

static void cmd_select_left(struct ui_app *app) { select_by(app, -1); }
static void cmd_select_right(struct ui_app *app) { select_by(app, 1); }

/* How a mixer key edits a control. */
enum key_edit { KEY_EDIT_NUDGE, KEY_EDIT_SET, KEY_EDIT_TOGGLE };

/* The value a key's edit gives strip: v more than now (automation included, as the
 * fader shows it), v, or the toggle's. */
static double edited(struct ui_app *app, enum control_id field, int strip, enum key_edit how,
	double v)
{
	return how == KEY_EDIT_NUDGE ? studio_auto_current(app->st, field, strip, 0, 0) + v : v;
}

/* A mixer key's edit on the mixer's picks (v) and the selected strip, as one undo
 * step said in one line: "fader +0.5 dB on 4 strips: 1-3,verb". A strip without the
 * control (the master's pan) is left as it is. */
static void edit_picks(struct ui_app *app, enum control_id field, enum key_edit how,
	double v)
{
	struct studio *st = app->st;
	const int count = studio_strip_count(st);
	int *strips = xcalloc((size_t)count + 1, sizeof *strips);
	int n = 0;
	for (int pos = 0; pos <= count; pos++)
		if (studio_sel_picked(&app->sel, pos) || pos == app->sel.strip)
			strips[n++] = studio_strip_of(st, pos);
	char name[STUDIO_UNDO_NAME], list[256], shown[32];
	snprintf(name, sizeof name, "%s on %d strips", studio_edit_field_name(field), n);
	studio_edit_many_begin(st, name);
	for (int i = 0; i < n; i++)
		studio_edit_set(st, field, strips[i], edited(app, field, strips[i], how, v));
	studio_edit_many_end(st, true);
	studio_strips_format(st, strips, n, list, sizeof list);
	const char *unit = control_get(field)->unit;
	if (how == KEY_EDIT_NUDGE)
		snprintf(shown, sizeof shown, "%+g%s%s", field == CONTROL_PAN ? v * 100 : v,
			field == CONTROL_PAN ? "%" : unit && *unit ? " " : "",
			field == CONTROL_PAN ? "" : unit ? unit : "");
	else
		studio_edit_format(field, v, shown, sizeof shown);
	ui_message(app, "%s %s %s %d strip%s: %s", studio_edit_field_name(field), shown,
		how == KEY_EDIT_TOGGLE ? "for" : "on", n, n == 1 ? "" : "s", list);
	free(strips);
}

/* A mixer key's edit of the selected strip, or of the picks with it. */
static void edit_key(struct ui_app *app, enum control_id field, enum key_edit how, double v)
{
	/* the arranger shows the master's position as the last track (it has no lane) */
	const int n = app->st->project->n_tracks;
	const int position = app->page == UI_PAGE_ARRANGER && app->sel.strip >= n && n > 0
		? n - 1 : app->sel.strip;
	const int strip = studio_strip_of(app->st, position);
	if (how == KEY_EDIT_TOGGLE) /* all picks follow the selected strip's new state */
		v = studio_edit_get(app->st, field, strip) != 0 ? 0.0 : 1.0;
	if (app->page == UI_PAGE_MIXER && studio_sel_picks(app->st, &app->sel) > 0)
		edit_picks(app, field, how, v);
	else
		studio_edit_set(app->st, field, strip, edited(app, field, strip, how, v));
}

static void nudge(struct ui_app *app, enum control_id field, double delta)
{
	edit_key(app, field, KEY_EDIT_NUDGE, delta);
}

/* The steps `set` changes (ui/bind.h). */
#define FADER_STEP_DB (ui_bindings_active()->opt.fader_step)
#define FADER_COARSE_DB (ui_bindings_active()->opt.fader_coarse_step)
#define PAN_STEP (ui_bindings_active()->opt.pan_step)

static void cmd_fader_up(struct ui_app *app) { nudge(app, CONTROL_GAIN, FADER_STEP_DB); }
static void cmd_fader_down(struct ui_app *app) { nudge(app, CONTROL_GAIN, -FADER_STEP_DB); }
static void cmd_fader_up_coarse(struct ui_app *app)
{
	nudge(app, CONTROL_GAIN, FADER_COARSE_DB);
}
static void cmd_fader_down_coarse(struct ui_app *app)
{
	nudge(app, CONTROL_GAIN, -FADER_COARSE_DB);
}
static void cmd_pan_left(struct ui_app *app) { nudge(app, CONTROL_PAN, -PAN_STEP); }
static void cmd_pan_right(struct ui_app *app) { nudge(app, CONTROL_PAN, PAN_STEP); }

static void cmd_fader_reset(struct ui_app *app)
{
	edit_key(app, CONTROL_GAIN, KEY_EDIT_SET, 0.0);
}

static void toggle(struct ui_app *app, enum control_id field)
{
	edit_key(app, field, KEY_EDIT_TOGGLE, 0);
}

/* v on the mixer: the selected strip into the picks, or out; the picks are what key
 * edits and @sel act on. */
static void cmd_pick(struct ui_app *app)
{
	struct studio_sel *sel = &app->sel;
	const bool on = !studio_sel_picked(sel, sel->strip);
	studio_sel_pick(app->st, sel, sel->strip, on);
	const int strip = studio_strip_of(app->st, sel->strip);
	ui_message(app, "%s %s: %d picked (keys edit them all, :CMD @sel names them, Esc "
		"clears)", studio_strip_name(app->st, strip), on ? "picked" : "unpicked",
		sel->n_picked);
	app->need_draw = true;
}

static void cmd_pick_none(struct ui_app *app)
{
	if (studio_sel_picks(app->st, &app->sel) == 0) {
		ui_message(app, "no strips are picked (v picks the selected one)");
		return;
	}
	studio_sel_clear(&app->sel);
	ui_message(app, "picks cleared");
	app->need_draw = true;
}

/* / and ' on the mixer and the arranger: the ':' line, ready for :jump. */
static void cmd_find(struct ui_app *app)
{
	ui_cmdline_open_with(app, "jump ");
}

/* n on the mixer: narrow strips (set strip-width) to see many at once, or normal ones
 * to read them; the title spells out the selected strip's name either way. */
static void cmd_narrow(struct ui_app *app)
{
	app->mixer.narrow = !app->mixer.narrow;
	if (app->mixer.narrow)
		ui_message(app, "narrow strips, %d columns each (:set strip-width 4..12; n: normal)",
			(int)ui_bindings_active()->opt.strip_width);
	else
		ui_message(app, "normal strips (n: narrow)");
	app->need_draw = true;
}

static void cmd_mute(struct ui_app *app) { toggle(app, CONTROL_MUTE); }

static void cmd_group_links(struct ui_app *app)
{
	app->st->groups_off = !app->st->groups_off;
	ui_message(app, app->st->groups_off ? "group links suspended: tracks move alone (G links "
		"them again)" : "group links on");
}
static void cmd_solo(struct ui_app *app) { toggle(app, CONTROL_SOLO); }

/* ---- help page ---- */

/* The help page's keys scroll the message log too, whichever is shown. */
static void help_scroll(struct ui_app *app, int lines)
{
	if (app->page == UI_PAGE_MESSAGES) {
		ui_messages_scroll(app, lines);
		return;
	}
	/* ui_help_draw clamps it to the text */
	const long long top = lines == INT_MIN ? 0 : lines == INT_MAX ? INT_MAX
		: (long long)app->help.top + lines;
	app->help.top = top < 0 ? 0 : top > INT_MAX ? INT_MAX : (int)top;
	app->need_draw = true;
}

static void cmd_help_up(struct ui_app *app) { help_scroll(app, -1); }
static void cmd_help_down(struct ui_app *app) { help_scroll(app, 1); }
static void cmd_help_page_up(struct ui_app *app) { help_scroll(app, -(LINES - 4)); }
static void cmd_help_page_down(struct ui_app *app) { help_scroll(app, LINES - 4); }
static void cmd_help_top(struct ui_app *app) { help_scroll(app, INT_MIN); }
static void cmd_help_bottom(struct ui_app *app) { help_scroll(app, INT_MAX); }

/* / on the help page: the ':' line, ready for :help-find; n finds the next. */
static void cmd_help_search(struct ui_app *app)
{
	if (app->page == UI_PAGE_HELP)
		ui_cmdline_open_with(app, "help-find ");
}

/* ui_help_draw finds it (ui/help.h) */
static void cmd_help_next(struct ui_app *app)
{
	if (app->page == UI_PAGE_HELP) {
		app->help.find_pending = true;
		app->need_draw = true;
	}
}

static void cmd_help_close(struct ui_app *app)
{
	app->page = app->return_page;
	app->need_draw = true;
}

const struct ui_command ui_commands[] = {
	{ "play-stop", UI_SCOPE_GLOBAL, "start or stop playback", cmd_play_stop },
	{ "record", UI_SCOPE_GLOBAL, "record every armed track from the playhead (JACK's "
	  "inputs), or end the take", cmd_record },
	{ "locate-start", UI_SCOPE_GLOBAL, "go to the start of the song",
		cmd_locate_start },
	{ "locate-end", UI_SCOPE_GLOBAL, "go to the end of the song",
		cmd_locate_end },
	{ "undo", UI_SCOPE_GLOBAL, "undo the last change", cmd_undo },
	{ "redo", UI_SCOPE_GLOBAL, "redo what was undone", cmd_redo },
	{ "save", UI_SCOPE_GLOBAL, "save (the old file stays as .bak)",
		cmd_save },
	{ "clear-clips", UI_SCOPE_GLOBAL, "reset the red clip indicators",
		cmd_clear_clips },
	{ "arranger", UI_SCOPE_GLOBAL, "show the arranger: tracks, clips, time",
		ui_arranger_page },
	{ "mixer", UI_SCOPE_GLOBAL, "show the mixer", cmd_page_mixer },
	{ "mastering", UI_SCOPE_GLOBAL, "show mastering: loudness, targets",
		cmd_page_mastering },
	{ "help", UI_SCOPE_GLOBAL, "this list of keys", cmd_help },
	{ "messages", UI_SCOPE_GLOBAL, "every message of the session, whole",
		ui_messages_open },
	{ "quit", UI_SCOPE_GLOBAL, "leave (asks if changes are unsaved)", cmd_quit },
	{ "redraw", UI_SCOPE_GLOBAL, "draw the whole screen again",
		cmd_redraw },
	{ "command-line", UI_SCOPE_GLOBAL, "type a command (Tab completes, Up recalls)",
		ui_cmdline_open },

	{ "track-up", UI_SCOPE_ARRANGER, "select the track above",
		ui_arranger_track_up },
	{ "track-down", UI_SCOPE_ARRANGER, "select the track below",
		ui_arranger_track_down },
	{ "clip-next", UI_SCOPE_ARRANGER, "select the next clip on the track",
		ui_arranger_clip_next },
	{ "clip-prev", UI_SCOPE_ARRANGER, "select the previous clip",
		ui_arranger_clip_prev },
	{ "clip-locate", UI_SCOPE_ARRANGER, "go to the selected clip",
		ui_arranger_clip_locate },
	{ "scroll-left", UI_SCOPE_ARRANGER, "scroll back an eighth of a screen",
		ui_arranger_scroll_left },
	{ "scroll-right", UI_SCOPE_ARRANGER,
		"scroll on an eighth of a screen", ui_arranger_scroll_right },
	{ "page-left", UI_SCOPE_ARRANGER, "scroll back a screen",
		ui_arranger_page_left },
	{ "page-right", UI_SCOPE_ARRANGER, "scroll on a screen",
		ui_arranger_page_right },
	{ "zoom-in", UI_SCOPE_ARRANGER, "zoom in (about the playhead)",
		ui_arranger_zoom_in },
	{ "zoom-out", UI_SCOPE_ARRANGER, "zoom out", ui_arranger_zoom_out },
	{ "zoom-fit", UI_SCOPE_ARRANGER, "fit the whole song to the width",
		ui_arranger_zoom_fit },
	{ "ruler", UI_SCOPE_ARRANGER, "ruler in bars|beats or min:sec",
		ui_arranger_ruler_toggle },
	{ "select-left", UI_SCOPE_MIXER, "select the strip to the left",
		cmd_select_left },
	{ "select-right", UI_SCOPE_MIXER, "select the strip to the right",
		cmd_select_right },
	{ "fader-up", UI_SCOPE_MIXER, "fader up 0.5 dB", cmd_fader_up },
	{ "fader-down", UI_SCOPE_MIXER, "fader down 0.5 dB",
		cmd_fader_down },
	{ "fader-up-coarse", UI_SCOPE_MIXER, "fader up 3 dB",
		cmd_fader_up_coarse },
	{ "fader-down-coarse", UI_SCOPE_MIXER, "fader down 3 dB",
		cmd_fader_down_coarse },
	{ "fader-reset", UI_SCOPE_MIXER, "fader to 0 dB (unity gain)",
		cmd_fader_reset },
	{ "pan-left", UI_SCOPE_MIXER, "pan 5% to the left", cmd_pan_left },
	{ "pan-right", UI_SCOPE_MIXER, "pan 5% to the right", cmd_pan_right },
	{ "mute", UI_SCOPE_MIXER | UI_SCOPE_ARRANGER, "mute or unmute the track",
		cmd_mute },
	{ "arm", UI_SCOPE_MIXER, "arm the track for recording, or disarm it (:input "
	  "chooses what it records)", cmd_arm },
	{ "pick", UI_SCOPE_MIXER, "pick the strip, or unpick it: keys then edit every "
	  "picked strip at once (one undo), and @sel names them", cmd_pick },
	{ "pick-none", UI_SCOPE_MIXER, "clear the picks", cmd_pick_none },
	{ "narrow", UI_SCOPE_MIXER, "narrow strips to see many at once (:set strip-width), "
	  "or normal ones", cmd_narrow },
	{ "find", UI_SCOPE_MIXER | UI_SCOPE_ARRANGER, "jump to a track or bus: type a part "
	  "of its name, or its number", cmd_find },
	{ "lanes", UI_SCOPE_ARRANGER | UI_SCOPE_LANE,
	  "show or hide the selected track's automation lanes", ui_lanes_toggle },
	{ "lane-up", UI_SCOPE_LANE, "the lane above", ui_lanes_up },
	{ "lane-down", UI_SCOPE_LANE, "the lane below", ui_lanes_down },
	{ "point-next", UI_SCOPE_LANE, "select the next point", ui_lanes_point_next },
	{ "point-prev", UI_SCOPE_LANE, "select the previous point",
	  ui_lanes_point_prev },
	{ "point-add", UI_SCOPE_LANE, "add a point at the playhead (the lane's value "
	  "there)", ui_lanes_point_add },
	{ "point-delete", UI_SCOPE_LANE, "delete the selected point",
	  ui_lanes_point_delete },
	{ "point-earlier", UI_SCOPE_LANE, "move the point a column earlier",
	  ui_arranger_point_earlier },
	{ "point-later", UI_SCOPE_LANE, "move the point a column later",
	  ui_arranger_point_later },
	{ "point-up", UI_SCOPE_LANE, "the point's value up a step",
	  ui_lanes_point_up },
	{ "point-down", UI_SCOPE_LANE, "the point's value down a step",
	  ui_lanes_point_down },
	{ "point-type", UI_SCOPE_LANE, "type a point (the command is filled in)",
	  ui_lanes_point_type },
	{ "lane-mode", UI_SCOPE_LANE, "the lane's mode: off, read, write, touch, latch",
	  ui_lanes_mode },
	{ "lanes-close", UI_SCOPE_LANE, "hide the lanes", ui_lanes_toggle },
	{ "strip-detail", UI_SCOPE_MIXER,
	  "open the strip: inserts, parameters, sends, EQ and compressor curves",
	  ui_strip_page_open },
	{ "detail-close", UI_SCOPE_STRIP, "back to the mixer",
	  ui_strip_page_close },
	{ "detail-up", UI_SCOPE_STRIP, "cursor up", ui_strip_page_up },
	{ "detail-down", UI_SCOPE_STRIP, "cursor down", ui_strip_page_down },
	{ "detail-page-up", UI_SCOPE_STRIP, "cursor up half a screen",
	  ui_strip_page_page_up },
	{ "detail-page-down", UI_SCOPE_STRIP, "cursor down half a screen",
	  ui_strip_page_page_down },
	{ "value-up", UI_SCOPE_STRIP,
	  "value up a fine step (an insert's name: back in)", ui_strip_page_value_up },
	{ "value-down", UI_SCOPE_STRIP,
	  "value down a fine step (an insert's name: bypass)", ui_strip_page_value_down },
	{ "value-up-coarse", UI_SCOPE_STRIP, "value up a coarse step",
	  ui_strip_page_value_up_coarse },
	{ "value-down-coarse", UI_SCOPE_STRIP, "value down a coarse step",
	  ui_strip_page_value_down_coarse },
	{ "value-default", UI_SCOPE_STRIP, "the parameter back to its default",
	  ui_strip_page_default },
	{ "value-type", UI_SCOPE_STRIP, "type the exact value (the command is "
	  "filled in)", ui_strip_page_type },
	{ "insert-bypass", UI_SCOPE_STRIP, "bypass the insert under the cursor "
	  "(click-free)", ui_strip_page_bypass },
	{ "insert-ab", UI_SCOPE_STRIP, "A/B: the insert under the cursor out and "
	  "back in, its level matched (hear the effect, not a level change)", ui_strip_page_ab },
	{ "detail-info", UI_SCOPE_STRIP, "what the control under the cursor does, "
	  "where to start, what to listen for", ui_strip_page_info },
	{ "strip-next", UI_SCOPE_STRIP, "the next strip", ui_strip_page_next },
	{ "strip-prev", UI_SCOPE_STRIP, "the previous strip",
	  ui_strip_page_prev },
	{ "mixer-info", UI_SCOPE_MIXER, "what the fader, pan and sends do, where to "
	  "start", ui_teach_mixer_info },
	{ "signal-flow", UI_SCOPE_MIXER, "the selected track's level after each stage, "
	  "clip to master; the first clipping stage marked", ui_teach_flow },
	{ "group-links", UI_SCOPE_MIXER | UI_SCOPE_ARRANGER,
	  "suspend or restore group links (grouped tracks move together)", cmd_group_links },
	{ "solo", UI_SCOPE_MIXER | UI_SCOPE_ARRANGER,
		"solo: hear only soloed tracks", cmd_solo },

	/* arranger editing (src/studio/clipedit.c); after mute and solo, which the arranger
	 * shares with the mixer, so that help shows the track keys first */
	{ "follow", UI_SCOPE_ARRANGER, "the view follows the playhead, or stays",
		ui_arranger_follow_toggle },
	{ "zoom-selection", UI_SCOPE_ARRANGER, "zoom to the selected clips",
		ui_arranger_zoom_selection },
	{ "select", UI_SCOPE_ARRANGER,
		"add the clip to the selection, or take it out (edits apply to all selected)",
		ui_clip_select_toggle },
	{ "select-none", UI_SCOPE_ARRANGER, "clear the selection",
		ui_clip_select_none },
	{ "split", UI_SCOPE_ARRANGER, "split the clip at the playhead",
		ui_clip_split },
	{ "clip-delete", UI_SCOPE_ARRANGER, "delete the clip",
		ui_clip_delete },
	{ "clip-left", UI_SCOPE_ARRANGER, "move the clip earlier by the nudge "
		"(:nudge sets it; 10 ms at first)", ui_clip_nudge_left },
	{ "clip-right", UI_SCOPE_ARRANGER, "move the clip later by the nudge",
		ui_clip_nudge_right },
	{ "clip-snap-left", UI_SCOPE_ARRANGER,
		"move the clip to the previous snap point (a beat when snap is off)",
		ui_clip_snap_left },
	{ "clip-snap-right", UI_SCOPE_ARRANGER,
		"move it to the next snap point: beat, marker, playhead, clip edge",
		ui_clip_snap_right },
	{ "snap", UI_SCOPE_ARRANGER, "snap on or off", ui_clip_snap_toggle },
	{ "trim-start", UI_SCOPE_ARRANGER, "trim the clip's start to the playhead",
		ui_clip_trim_start },
	{ "trim-end", UI_SCOPE_ARRANGER, "trim the clip's end to the playhead",
		ui_clip_trim_end },
	{ "trim-start-nudge", UI_SCOPE_ARRANGER, "trim the start later by the nudge",
		ui_clip_trim_start_nudge },
	{ "trim-end-nudge", UI_SCOPE_ARRANGER, "trim the end earlier by the nudge",
		ui_clip_trim_end_nudge },
	{ "join", UI_SCOPE_ARRANGER,
		"join the clip with the piece of its file that continues it (splice)",
		ui_clip_join },
	{ "duplicate", UI_SCOPE_ARRANGER, "a copy of the clip right after it",
		ui_clip_duplicate },
	{ "copy", UI_SCOPE_ARRANGER, "copy the selected clips", ui_clip_copy },
	{ "paste", UI_SCOPE_ARRANGER, "paste at the playhead on the selected track",
		ui_clip_paste },
	{ "clip-gain-up", UI_SCOPE_ARRANGER, "clip gain up 1 dB",
		ui_clip_gain_up },
	{ "clip-gain-down", UI_SCOPE_ARRANGER, "clip gain down 1 dB",
		ui_clip_gain_down },
	{ "fade-in", UI_SCOPE_ARRANGER, "fade the clip in up to the playhead",
		ui_clip_fade_in },
	{ "fade-out", UI_SCOPE_ARRANGER, "fade the clip out from the playhead",
		ui_clip_fade_out },
	{ "fade-in-shape", UI_SCOPE_ARRANGER,
		"fade-in shape: linear, equal-power, S-curve", ui_clip_fade_in_shape },
	{ "fade-out-shape", UI_SCOPE_ARRANGER,
		"fade-out shape: linear, equal-power, S-curve", ui_clip_fade_out_shape },
	{ "marker-add", UI_SCOPE_ARRANGER, "add a marker at the playhead",
		ui_marker_add_here },
	{ "marker-next", UI_SCOPE_ARRANGER, "go to the next marker",
		ui_marker_next },
	{ "marker-prev", UI_SCOPE_ARRANGER, "go to the previous marker",
		ui_marker_prev },
	{ "loop-toggle", UI_SCOPE_ARRANGER,
		"loop on or off (no range yet: over the selected clips)", ui_loop_toggle },


	{ "master-up", UI_SCOPE_MASTERING,
		"0.5 dB more into the master's last limiter (no limiter: the master fader)",
		ui_mastering_gain_up },
	{ "master-down", UI_SCOPE_MASTERING,
		"0.5 dB less into the master's last limiter (no limiter: the master fader)",
		ui_mastering_gain_down },
	{ "master-up-coarse", UI_SCOPE_MASTERING,
		"3 dB more into the master's last limiter (no limiter: the master fader)",
		ui_mastering_gain_up_coarse },
	{ "master-down-coarse", UI_SCOPE_MASTERING,
		"3 dB less into the master's last limiter (no limiter: the master fader)",
		ui_mastering_gain_down_coarse },
	{ "master-reset", UI_SCOPE_MASTERING,
		"the master limiter's input to 0 dB (no limiter: the master fader)",
		ui_mastering_gain_reset },
	{ "target", UI_SCOPE_MASTERING,
		"next loudness target: Spotify, Apple Music, YouTube, EBU R128, custom",
		ui_mastering_next_target },
	{ "target-down", UI_SCOPE_MASTERING, "custom target 0.5 LU lower",
		ui_mastering_target_down },
	{ "target-up", UI_SCOPE_MASTERING, "custom target 0.5 LU higher",
		ui_mastering_target_up },
	{ "loudness-reset", UI_SCOPE_MASTERING,
		"measure again from now (integrated, LRA, peaks, history)", ui_mastering_reset },
	{ "plot-zoom-out", UI_SCOPE_MASTERING,
		"loudness plot: more time a column (0.1 to 5 s)", ui_mastering_zoom_out },
	{ "plot-zoom-in", UI_SCOPE_MASTERING,
		"loudness plot: less time a column", ui_mastering_zoom_in },
	{ "render-hint", UI_SCOPE_MASTERING,
		"render the master: type :render FILE", ui_mastering_render_hint },
	{ "plot-view", UI_SCOPE_MASTERING,
		"plot: loudness history, spectrum, or the last :match", ui_mastering_next_view },
	{ "monitor-mode", UI_SCOPE_MASTERING,
		"monitor: stereo, mono, left, right, side, L/R swap (heard, never rendered)",
		ui_monitor_next_mode },
	{ "monitor-dim", UI_SCOPE_MASTERING, "monitor: dim -20 dB on or off",
		ui_monitor_toggle_dim },
	{ "monitor-crossfeed", UI_SCOPE_MASTERING,
		"monitor: headphone crossfeed off, bs2b, Chu Moy, Jan Meier",
		ui_monitor_next_crossfeed },
	{ "monitor-speaker", UI_SCOPE_MASTERING,
		"monitor: speaker simulation off, laptop, phone, earbuds",
		ui_monitor_next_speaker },
	{ "monitor-ab", UI_SCOPE_MASTERING,
		"A/B: bypass the master chain, loudness-matched", ui_monitor_toggle_ab },
	{ "match-ab", UI_SCOPE_MASTERING,
		"A/B after :match: the matched chain or the chain before it (:match ab)",
		ui_match_toggle_ab },
	{ "monitor-reference", UI_SCOPE_MASTERING,
		"monitor: the mix or the reference track (level-matched)",
		ui_monitor_toggle_reference },

	/* the arranger's marker-add on the other pages too (bound on each, so that a
	 * ttymixrc may take M back on one page), listed last on theirs */
	{ "marker-add", UI_SCOPE_MIXER | UI_SCOPE_STRIP | UI_SCOPE_MASTERING,
		"add a marker at the playhead", ui_marker_add_here },
	{ "help-up", UI_SCOPE_HELP, "scroll up", cmd_help_up },
	{ "help-down", UI_SCOPE_HELP, "scroll down", cmd_help_down },
	{ "help-page-up", UI_SCOPE_HELP, "scroll up a page", cmd_help_page_up },
	{ "help-page-down", UI_SCOPE_HELP, "scroll down a page",
		cmd_help_page_down },
	{ "help-top", UI_SCOPE_HELP, "go to the start", cmd_help_top },
	{ "help-bottom", UI_SCOPE_HELP, "go to the end (the newest message)",
		cmd_help_bottom },
	{ "help-search", UI_SCOPE_HELP, "find a word in the help (n: the next)",
		cmd_help_search },
	{ "help-next", UI_SCOPE_HELP, "find the word again, further on",
		cmd_help_next },
	{ "help-close", UI_SCOPE_HELP, "close this list",
		cmd_help_close },
};
const size_t ui_n_commands = sizeof ui_commands / sizeof ui_commands[0];

int ui_keys_normalise(int key)
{
	if (key < KEY_MIN)
		return key;
	/* ncurses names the xterm modifier variants of the arrows kUP, kDN (Shift),
	 * kUP3 (Alt), kUP5 (Ctrl); the bare ones are Shift */
	const char *name = keyname(key);
	if (name && !strcmp(name, "kUP"))
		return KEY_SR;
	if (name && !strcmp(name, "kDN"))
		return KEY_SF;
	return key;
}

bool ui_command_in_scope(const struct ui_command *c, enum ui_scope scope)
{
	return (c->scope & (unsigned)scope) != 0;
}

static const char *find(enum ui_scope scope, int key)
{
	return ui_bindings_find(ui_bindings_active(), scope, key);
}

/* The help of the commands whose step `set` changes, with the step in force. */
enum step_option { STEP_FADER, STEP_FADER_COARSE, STEP_PAN };
static const struct {
	const char *name, *fmt;
	enum step_option opt;
} step_help[] = {
	{ "fader-up", "fader up %g dB", STEP_FADER },
	{ "fader-down", "fader down %g dB", STEP_FADER },
	{ "fader-up-coarse", "fader up %g dB", STEP_FADER_COARSE },
	{ "fader-down-coarse", "fader down %g dB", STEP_FADER_COARSE },
	{ "pan-left", "pan %g%% to the left", STEP_PAN },
	{ "pan-right", "pan %g%% to the right", STEP_PAN },
};

const char *ui_command_help(const struct ui_command *c, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof step_help / sizeof step_help[0]; i++) {
		if (strcmp(step_help[i].name, c->name))
			continue;
		const double step = step_help[i].opt == STEP_FADER ? FADER_STEP_DB
			: step_help[i].opt == STEP_FADER_COARSE ? FADER_COARSE_DB
			: PAN_STEP * 100; /* said in percent */
		snprintf(buf, size, step_help[i].fmt, step);
		return buf;
	}
	return c->help;
}

void ui_keys_hint(char *buf, size_t size, enum ui_scope scope, const char *const *cmds,
	const char *label)
{
	const struct ui_bindings *b = ui_bindings_active();
	char keys[128] = "";
	for (; *cmds; cmds++) {
		char key[32];
		if (!ui_bindings_keys(b, scope, *cmds, 1, key, sizeof key)) {
			int k;
			/* a global key the page binds to something else does not run it there */
			if (scope == UI_SCOPE_GLOBAL
				|| !ui_bindings_keys(b, UI_SCOPE_GLOBAL, *cmds, 1, key, sizeof key)
				|| (ui_key_parse(key, &k) && find(scope, k)))
				continue;
		}
		const size_t len = strlen(keys);
		snprintf(keys + len, sizeof keys - len, "%s%s", len ? " " : "", key);
	}
	if (!keys[0])
		return;
	const size_t len = strlen(buf);
	snprintf(buf + len, size - len, "%s%s %s", len ? "  " : "", keys, label);
}

void ui_keys_title_right(char *buf, size_t size, enum ui_scope scope, const char *page,
	const char *back)
{
	char hints[96] = "";
	if (back)
		ui_keys_hint(hints, sizeof hints, scope, (const char *const[]){ back, NULL }, "back");
	ui_keys_hint(hints, sizeof hints, scope, (const char *const[]){ "help", NULL }, "help");
	snprintf(buf, size, "%s%s%s ", page, hints[0] ? "   " : "", hints);
}

/* A key runs its line as ':' would: one path for keys, the line and the ttymixrc. */
bool ui_keys_dispatch_only(struct ui_app *app, enum ui_scope scope, int key)
{
	const char *line = find(scope, ui_keys_normalise(key));
	if (!line)
		return false;
	ui_line_run(app, line);
	return true;
}

bool ui_keys_dispatch(struct ui_app *app, enum ui_scope scope, int key)
{
	key = ui_keys_normalise(key);
	const char *line = find(scope, key);
	if (!line && scope != UI_SCOPE_GLOBAL)
		line = find(UI_SCOPE_GLOBAL, key);
	if (!line)
		return false;
	ui_line_run(app, line);
	return true;
}

bool ui_command_run(struct ui_app *app, const char *name)
{
	for (size_t i = 0; i < ui_n_commands; i++)
		if (!strcmp(ui_commands[i].name, name)) {
			ui_commands[i].run(app);
			return true;
		}
	return false;
}
