#include "ui/teach.h"
#include "ui/keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "src/studio/album.h"
#include "ui/arranger.h"
#include "src/studio/automation.h"
#include "src/studio/clipedit.h"
#include "src/studio/trackedit.h"
#include "ui/commands.h"
#include "ui/commands_studio.h"
#include "src/studio/edit.h"
#include "ui/lanes.h"
#include "ui/mastering.h"
#include "src/studio/monitor.h"
#include "src/studio/saving.h"
#include "src/studio/strip.h"
#include "ui/strip_page.h"

/* Fader and pan steps: fine enough to trim a balance, coarse enough to move fast. */
#define FADER_STEP_DB 0.5
#define FADER_COARSE_DB 3.0
#define PAN_STEP 0.05

/* ---- global ---- */

static void cmd_play_stop(struct ui_app *app)
{
	if (app->st->play_wanted)
		studio_transport_stop(app->st);
	else
		studio_transport_play(app->st);
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
	if (app->st->throwaway || !studio_dirty(app->st)) {
		app->quit = true;
		return;
	}
	app->asking_quit = true;
	ui_message(app, "unsaved changes: quit without saving? (y/n; Ctrl-S saves)");
}

static void cmd_help(struct ui_app *app)
{
	app->return_page = app->page;
	app->page = UI_PAGE_HELP;
	app->help_top = 0;
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

static void nudge(struct ui_app *app, enum studio_field field, double delta)
{
	int strip = studio_strip_of(app->st, app->sel.strip);
	studio_edit_set(app->st, field, strip, studio_auto_current(app->st, field, strip, 0, 0) + delta);
}

static void cmd_fader_up(struct ui_app *app) { nudge(app, STUDIO_FIELD_GAIN, FADER_STEP_DB); }
static void cmd_fader_down(struct ui_app *app) { nudge(app, STUDIO_FIELD_GAIN, -FADER_STEP_DB); }
static void cmd_fader_up_coarse(struct ui_app *app)
{
	nudge(app, STUDIO_FIELD_GAIN, FADER_COARSE_DB);
}
static void cmd_fader_down_coarse(struct ui_app *app)
{
	nudge(app, STUDIO_FIELD_GAIN, -FADER_COARSE_DB);
}
static void cmd_pan_left(struct ui_app *app) { nudge(app, STUDIO_FIELD_PAN, -PAN_STEP); }
static void cmd_pan_right(struct ui_app *app) { nudge(app, STUDIO_FIELD_PAN, PAN_STEP); }

static void cmd_fader_reset(struct ui_app *app)
{
	studio_edit_set(app->st, STUDIO_FIELD_GAIN, studio_strip_of(app->st, app->sel.strip), 0.0);
}

static void toggle(struct ui_app *app, enum studio_field field)
{
	/* the arranger shows the master's position as the last track (it has no lane) */
	const int n = app->st->project->n_tracks;
	const int position = app->page == UI_PAGE_ARRANGER && app->sel.strip >= n && n > 0
		? n - 1 : app->sel.strip;
	int strip = studio_strip_of(app->st, position);
	studio_edit_set(app->st, field, strip, studio_edit_get(app->st, field, strip) != 0 ? 0.0 : 1.0);
}

static void cmd_mute(struct ui_app *app) { toggle(app, STUDIO_FIELD_MUTE); }

static void cmd_group_links(struct ui_app *app)
{
	app->st->groups_off = !app->st->groups_off;
	ui_message(app, app->st->groups_off ? "group links suspended: tracks move alone (G links "
		"them again)" : "group links on");
}
static void cmd_solo(struct ui_app *app) { toggle(app, STUDIO_FIELD_SOLO); }

/* ---- help page ---- */

static void help_scroll(struct ui_app *app, int lines)
{
	app->help_top += lines; /* ui_help_draw clamps it to the text */
	if (app->help_top < 0)
		app->help_top = 0;
	app->need_draw = true;
}

static void cmd_help_up(struct ui_app *app) { help_scroll(app, -1); }
static void cmd_help_down(struct ui_app *app) { help_scroll(app, 1); }
static void cmd_help_page_up(struct ui_app *app) { help_scroll(app, -(LINES - 4)); }
static void cmd_help_page_down(struct ui_app *app) { help_scroll(app, LINES - 4); }

static void cmd_help_close(struct ui_app *app)
{
	app->page = app->return_page;
	app->need_draw = true;
}

const struct ui_command ui_commands[] = {
	{ "play-stop", UI_SCOPE_GLOBAL, { ' ' }, "start or stop playback", cmd_play_stop },
	{ "locate-start", UI_SCOPE_GLOBAL, { KEY_HOME }, "go to the start of the song",
		cmd_locate_start },
	{ "locate-end", UI_SCOPE_GLOBAL, { KEY_END }, "go to the end of the song",
		cmd_locate_end },
	{ "undo", UI_SCOPE_GLOBAL, { 'u' }, "undo the last change", cmd_undo },
	{ "redo", UI_SCOPE_GLOBAL, { UI_CTRL('r') }, "redo what was undone", cmd_redo },
	{ "save", UI_SCOPE_GLOBAL, { UI_CTRL('s') }, "save (the old file stays as .bak)",
		cmd_save },
	{ "clear-clips", UI_SCOPE_GLOBAL, { 'c' }, "reset the red clip indicators",
		cmd_clear_clips },
	{ "arranger", UI_SCOPE_GLOBAL, { '1' }, "show the arranger: tracks, clips, time",
		ui_arranger_page },
	{ "mixer", UI_SCOPE_GLOBAL, { '2' }, "show the mixer", cmd_page_mixer },
	{ "mastering", UI_SCOPE_GLOBAL, { '3' }, "show mastering: loudness, targets",
		cmd_page_mastering },
	{ "help", UI_SCOPE_GLOBAL, { '?', KEY_F(1) }, "this list of keys", cmd_help },
	{ "quit", UI_SCOPE_GLOBAL, { 'q' }, "leave (asks if changes are unsaved)", cmd_quit },
	{ "redraw", UI_SCOPE_GLOBAL, { UI_CTRL('l') }, "draw the whole screen again",
		cmd_redraw },
	{ "command-line", UI_SCOPE_GLOBAL, { ':' }, "type a command (Tab completes, Up recalls)",
		ui_line_open },

	{ "track-up", UI_SCOPE_ARRANGER, { KEY_UP, 'k' }, "select the track above",
		ui_arranger_track_up },
	{ "track-down", UI_SCOPE_ARRANGER, { KEY_DOWN, 'j' }, "select the track below",
		ui_arranger_track_down },
	{ "clip-next", UI_SCOPE_ARRANGER, { '\t' }, "select the next clip on the track",
		ui_arranger_clip_next },
	{ "clip-prev", UI_SCOPE_ARRANGER, { KEY_BTAB }, "select the previous clip",
		ui_arranger_clip_prev },
	{ "clip-locate", UI_SCOPE_ARRANGER, { '\r' }, "go to the selected clip",
		ui_arranger_clip_locate },
	{ "scroll-left", UI_SCOPE_ARRANGER, { KEY_LEFT, 'h' }, "scroll back an eighth of a screen",
		ui_arranger_scroll_left },
	{ "scroll-right", UI_SCOPE_ARRANGER, { KEY_RIGHT, 'l' },
		"scroll on an eighth of a screen", ui_arranger_scroll_right },
	{ "page-left", UI_SCOPE_ARRANGER, { KEY_PPAGE }, "scroll back a screen",
		ui_arranger_page_left },
	{ "page-right", UI_SCOPE_ARRANGER, { KEY_NPAGE }, "scroll on a screen",
		ui_arranger_page_right },
	{ "zoom-in", UI_SCOPE_ARRANGER, { '+', '=' }, "zoom in (about the playhead)",
		ui_arranger_zoom_in },
	{ "zoom-out", UI_SCOPE_ARRANGER, { '-' }, "zoom out", ui_arranger_zoom_out },
	{ "ruler", UI_SCOPE_ARRANGER, { 't' }, "ruler in bars|beats or min:sec",
		ui_arranger_ruler_toggle },
	{ "select-left", UI_SCOPE_MIXER, { KEY_LEFT, 'h' }, "select the strip to the left",
		cmd_select_left },
	{ "select-right", UI_SCOPE_MIXER, { KEY_RIGHT, 'l' }, "select the strip to the right",
		cmd_select_right },
	{ "fader-up", UI_SCOPE_MIXER, { KEY_UP, 'k' }, "fader up 0.5 dB", cmd_fader_up },
	{ "fader-down", UI_SCOPE_MIXER, { KEY_DOWN, 'j' }, "fader down 0.5 dB",
		cmd_fader_down },
	{ "fader-up-coarse", UI_SCOPE_MIXER, { KEY_SR, KEY_PPAGE, 'K' }, "fader up 3 dB",
		cmd_fader_up_coarse },
	{ "fader-down-coarse", UI_SCOPE_MIXER, { KEY_SF, KEY_NPAGE, 'J' }, "fader down 3 dB",
		cmd_fader_down_coarse },
	{ "fader-reset", UI_SCOPE_MIXER, { '0' }, "fader to 0 dB (unity gain)",
		cmd_fader_reset },
	{ "pan-left", UI_SCOPE_MIXER, { '<', ',' }, "pan 5% to the left", cmd_pan_left },
	{ "pan-right", UI_SCOPE_MIXER, { '>', '.' }, "pan 5% to the right", cmd_pan_right },
	{ "mute", UI_SCOPE_MIXER | UI_SCOPE_ARRANGER, { 'm' }, "mute or unmute the track",
		cmd_mute },
	{ "lanes", UI_SCOPE_ARRANGER | UI_SCOPE_LANE, { 'A' },
	  "show or hide the selected track's automation lanes", ui_lanes_toggle },
	{ "lane-up", UI_SCOPE_LANE, { KEY_UP, 'k' }, "the lane above", ui_lanes_up },
	{ "lane-down", UI_SCOPE_LANE, { KEY_DOWN, 'j' }, "the lane below", ui_lanes_down },
	{ "point-next", UI_SCOPE_LANE, { '\t' }, "select the next point", ui_lanes_point_next },
	{ "point-prev", UI_SCOPE_LANE, { KEY_BTAB }, "select the previous point",
	  ui_lanes_point_prev },
	{ "point-add", UI_SCOPE_LANE, { 'a' }, "add a point at the playhead (the lane's value "
	  "there)", ui_lanes_point_add },
	{ "point-delete", UI_SCOPE_LANE, { 'x', KEY_DC }, "delete the selected point",
	  ui_lanes_point_delete },
	{ "point-earlier", UI_SCOPE_LANE, { ',' }, "move the point a column earlier",
	  ui_lanes_point_earlier },
	{ "point-later", UI_SCOPE_LANE, { '.' }, "move the point a column later",
	  ui_lanes_point_later },
	{ "point-up", UI_SCOPE_LANE, { KEY_SR, 'K' }, "the point's value up a step",
	  ui_lanes_point_up },
	{ "point-down", UI_SCOPE_LANE, { KEY_SF, 'J' }, "the point's value down a step",
	  ui_lanes_point_down },
	{ "point-type", UI_SCOPE_LANE, { '=' }, "type a point (the command is filled in)",
	  ui_lanes_point_type },
	{ "lane-mode", UI_SCOPE_LANE, { 'm' }, "the lane's mode: off, read, write, touch, latch",
	  ui_lanes_mode },
	{ "lanes-close", UI_SCOPE_LANE, { UI_KEY_ESC }, "hide the lanes", ui_lanes_toggle },
	{ "strip-detail", UI_SCOPE_MIXER, { '\r', 'e' },
	  "open the strip: inserts, parameters, sends, EQ and compressor curves",
	  ui_strip_page_open },
	{ "detail-close", UI_SCOPE_STRIP, { UI_KEY_ESC, 'q', '\r' }, "back to the mixer",
	  ui_strip_page_close },
	{ "detail-up", UI_SCOPE_STRIP, { KEY_UP, 'k' }, "cursor up", ui_strip_page_up },
	{ "detail-down", UI_SCOPE_STRIP, { KEY_DOWN, 'j' }, "cursor down", ui_strip_page_down },
	{ "detail-page-up", UI_SCOPE_STRIP, { KEY_PPAGE }, "cursor up half a screen",
	  ui_strip_page_page_up },
	{ "detail-page-down", UI_SCOPE_STRIP, { KEY_NPAGE }, "cursor down half a screen",
	  ui_strip_page_page_down },
	{ "value-up", UI_SCOPE_STRIP, { KEY_RIGHT, 'l' },
	  "value up a fine step (an insert's name: back in)", ui_strip_page_value_up },
	{ "value-down", UI_SCOPE_STRIP, { KEY_LEFT, 'h' },
	  "value down a fine step (an insert's name: bypass)", ui_strip_page_value_down },
	{ "value-up-coarse", UI_SCOPE_STRIP, { KEY_SRIGHT, 'L' }, "value up a coarse step",
	  ui_strip_page_value_up_coarse },
	{ "value-down-coarse", UI_SCOPE_STRIP, { KEY_SLEFT, 'H' }, "value down a coarse step",
	  ui_strip_page_value_down_coarse },
	{ "value-default", UI_SCOPE_STRIP, { 'd' }, "the parameter back to its default",
	  ui_strip_page_default },
	{ "value-type", UI_SCOPE_STRIP, { '=' }, "type the exact value (the command is "
	  "filled in)", ui_strip_page_type },
	{ "insert-bypass", UI_SCOPE_STRIP, { 'b' }, "bypass the insert under the cursor "
	  "(click-free)", ui_strip_page_bypass },
	{ "insert-ab", UI_SCOPE_STRIP, { 'a' }, "A/B: the insert under the cursor out and "
	  "back in, its level matched (hear the effect, not a level change)", ui_strip_page_ab },
	{ "detail-info", UI_SCOPE_STRIP, { 'i' }, "what the control under the cursor does, "
	  "where to start, what to listen for", ui_strip_page_info },
	{ "strip-next", UI_SCOPE_STRIP, { '\t' }, "the next strip", ui_strip_page_next },
	{ "strip-prev", UI_SCOPE_STRIP, { KEY_BTAB }, "the previous strip",
	  ui_strip_page_prev },
	{ "mixer-info", UI_SCOPE_MIXER, { 'i' }, "what the fader, pan and sends do, where to "
	  "start", ui_teach_mixer_info },
	{ "signal-flow", UI_SCOPE_MIXER, { 'f' }, "the selected track's level after each stage, "
	  "clip to master; the first clipping stage marked", ui_teach_flow },
	{ "group-links", UI_SCOPE_MIXER | UI_SCOPE_ARRANGER, { 'G' },
	  "suspend or restore group links (grouped tracks move together)", cmd_group_links },
	{ "solo", UI_SCOPE_MIXER | UI_SCOPE_ARRANGER, { 's' },
		"solo: hear only soloed tracks", cmd_solo },

	/* arranger editing (ui/clipedit.c); after mute and solo, which the arranger
	 * shares with the mixer, so that help shows the track keys first */
	{ "follow", UI_SCOPE_ARRANGER, { 'f' }, "the view follows the playhead, or stays",
		ui_arranger_follow_toggle },
	{ "zoom-selection", UI_SCOPE_ARRANGER, { 'z' }, "zoom to the selected clips",
		ui_arranger_zoom_selection },
	{ "select", UI_SCOPE_ARRANGER, { 'v' },
		"add the clip to the selection, or take it out (edits apply to all selected)",
		ui_clip_select_toggle },
	{ "select-none", UI_SCOPE_ARRANGER, { 'V', UI_KEY_ESC }, "clear the selection",
		ui_clip_select_none },
	{ "split", UI_SCOPE_ARRANGER, { 'x' }, "split the clip at the playhead",
		ui_clip_split },
	{ "clip-delete", UI_SCOPE_ARRANGER, { 'd', KEY_DC }, "delete the clip",
		ui_clip_delete },
	{ "clip-left", UI_SCOPE_ARRANGER, { ',' }, "move the clip earlier by the nudge "
		"(:nudge sets it; 10 ms at first)", ui_clip_nudge_left },
	{ "clip-right", UI_SCOPE_ARRANGER, { '.' }, "move the clip later by the nudge",
		ui_clip_nudge_right },
	{ "clip-snap-left", UI_SCOPE_ARRANGER, { '<' },
		"move the clip to the previous snap point (a beat when snap is off)",
		ui_clip_snap_left },
	{ "clip-snap-right", UI_SCOPE_ARRANGER, { '>' },
		"move it to the next snap point: beat, marker, playhead, clip edge",
		ui_clip_snap_right },
	{ "snap", UI_SCOPE_ARRANGER, { 'g' }, "snap on or off", ui_clip_snap_toggle },
	{ "trim-start", UI_SCOPE_ARRANGER, { '[' }, "trim the clip's start to the playhead",
		ui_clip_trim_start },
	{ "trim-end", UI_SCOPE_ARRANGER, { ']' }, "trim the clip's end to the playhead",
		ui_clip_trim_end },
	{ "trim-start-nudge", UI_SCOPE_ARRANGER, { '{' }, "trim the start later by the nudge",
		ui_clip_trim_start_nudge },
	{ "trim-end-nudge", UI_SCOPE_ARRANGER, { '}' }, "trim the end earlier by the nudge",
		ui_clip_trim_end_nudge },
	{ "join", UI_SCOPE_ARRANGER, { 'J' },
		"join the clip with the piece of its file that continues it (splice)",
		ui_clip_join },
	{ "duplicate", UI_SCOPE_ARRANGER, { 'D' }, "a copy of the clip right after it",
		ui_clip_duplicate },
	{ "copy", UI_SCOPE_ARRANGER, { 'y' }, "copy the selected clips", ui_clip_copy },
	{ "paste", UI_SCOPE_ARRANGER, { 'p' }, "paste at the playhead on the selected track",
		ui_clip_paste },
	{ "clip-gain-up", UI_SCOPE_ARRANGER, { KEY_SR }, "clip gain up 1 dB",
		ui_clip_gain_up },
	{ "clip-gain-down", UI_SCOPE_ARRANGER, { KEY_SF }, "clip gain down 1 dB",
		ui_clip_gain_down },
	{ "fade-in", UI_SCOPE_ARRANGER, { 'i' }, "fade the clip in up to the playhead",
		ui_clip_fade_in },
	{ "fade-out", UI_SCOPE_ARRANGER, { 'o' }, "fade the clip out from the playhead",
		ui_clip_fade_out },
	{ "fade-in-shape", UI_SCOPE_ARRANGER, { 'I' },
		"fade-in shape: linear, equal-power, S-curve", ui_clip_fade_in_shape },
	{ "fade-out-shape", UI_SCOPE_ARRANGER, { 'O' },
		"fade-out shape: linear, equal-power, S-curve", ui_clip_fade_out_shape },
	{ "marker-add", UI_SCOPE_ARRANGER, { 'M' }, "add a marker at the playhead",
		ui_marker_add_here },
	{ "marker-next", UI_SCOPE_ARRANGER, { 'n' }, "go to the next marker",
		ui_marker_next },
	{ "marker-prev", UI_SCOPE_ARRANGER, { 'N' }, "go to the previous marker",
		ui_marker_prev },
	{ "loop-toggle", UI_SCOPE_ARRANGER, { 'L' },
		"loop on or off (no range yet: over the selected clips)", ui_loop_toggle },


	{ "master-up", UI_SCOPE_MASTERING, { KEY_UP, 'k' }, "master gain up 0.5 dB",
		ui_mastering_gain_up },
	{ "master-down", UI_SCOPE_MASTERING, { KEY_DOWN, 'j' }, "master gain down 0.5 dB",
		ui_mastering_gain_down },
	{ "master-up-coarse", UI_SCOPE_MASTERING, { KEY_SR, KEY_PPAGE, 'K' },
		"master gain up 3 dB", ui_mastering_gain_up_coarse },
	{ "master-down-coarse", UI_SCOPE_MASTERING, { KEY_SF, KEY_NPAGE, 'J' },
		"master gain down 3 dB", ui_mastering_gain_down_coarse },
	{ "master-reset", UI_SCOPE_MASTERING, { '0' }, "master gain to 0 dB",
		ui_mastering_gain_reset },
	{ "target", UI_SCOPE_MASTERING, { 't' },
		"next loudness target: Spotify, Apple Music, YouTube, EBU R128, custom",
		ui_mastering_next_target },
	{ "target-down", UI_SCOPE_MASTERING, { '[' }, "custom target 0.5 LU lower",
		ui_mastering_target_down },
	{ "target-up", UI_SCOPE_MASTERING, { ']' }, "custom target 0.5 LU higher",
		ui_mastering_target_up },
	{ "loudness-reset", UI_SCOPE_MASTERING, { 'x' },
		"measure again from now (integrated, LRA, peaks, history)", ui_mastering_reset },
	{ "plot-zoom-out", UI_SCOPE_MASTERING, { 'z' },
		"loudness plot: more time a column (0.1 to 5 s)", ui_mastering_zoom_out },
	{ "plot-zoom-in", UI_SCOPE_MASTERING, { 'Z' },
		"loudness plot: less time a column", ui_mastering_zoom_in },
	{ "render-hint", UI_SCOPE_MASTERING, { 'r' },
		"render the master: type :render FILE", ui_mastering_render_hint },
	{ "plot-view", UI_SCOPE_MASTERING, { 'v' },
		"plot: loudness history or spectrum", ui_mastering_next_view },
	{ "monitor-mode", UI_SCOPE_MASTERING, { 'm' },
		"monitor: stereo, mono, left, right, side, L/R swap (heard, never rendered)",
		ui_monitor_next_mode },
	{ "monitor-dim", UI_SCOPE_MASTERING, { 'd' }, "monitor: dim -20 dB on or off",
		ui_monitor_toggle_dim },
	{ "monitor-crossfeed", UI_SCOPE_MASTERING, { 'f' },
		"monitor: headphone crossfeed off, bs2b, Chu Moy, Jan Meier",
		ui_monitor_next_crossfeed },
	{ "monitor-speaker", UI_SCOPE_MASTERING, { 'p' },
		"monitor: speaker simulation off, laptop, phone, earbuds",
		ui_monitor_next_speaker },
	{ "monitor-ab", UI_SCOPE_MASTERING, { 'a' },
		"A/B: bypass the master chain, loudness-matched", ui_monitor_toggle_ab },
	{ "monitor-reference", UI_SCOPE_MASTERING, { 'R' },
		"monitor: the mix or the reference track (level-matched)",
		ui_monitor_toggle_reference },

	{ "gain TRACK DB", UI_SCOPE_LINE, { 0 }, "set the fader in dB (-144..+24)",
		ui_line_gain },
	{ "pan TRACK P", UI_SCOPE_LINE, { 0 }, "pan -1..1, or L30 C R12", ui_line_pan },
	{ "mute TRACK [on|off]", UI_SCOPE_LINE, { 0 }, "mute, unmute (or toggle) a track",
		ui_line_mute },
	{ "solo TRACK [on|off]", UI_SCOPE_LINE, { 0 }, "solo, unsolo (or toggle) a track",
		ui_line_solo },
	{ "bus add|del NAME", UI_SCOPE_LINE, { 0 }, "make or delete a bus (a strip fed by "
	  "outputs and sends)", ui_line_bus },
	{ "output STRIP BUS", UI_SCOPE_LINE, { 0 }, "where a strip plays into: a bus or master",
	  ui_line_output },
	{ "send STRIP BUS [DB|off] [pre|post]", UI_SCOPE_LINE, { 0 },
	  "send to a bus at a level (post-fader unless pre); off removes it", ui_line_send },
	{ "safe STRIP [on|off]", UI_SCOPE_LINE, { 0 },
	  "never silence this strip when others are soloed", ui_line_solo_safe },
	{ "insert STRIP ACTION [TYPE|SLOT] [TO]", UI_SCOPE_LINE, { 0 },
	  "add TYPE [SLOT], del SLOT, move SLOT TO, bypass SLOT [on|off]", ui_line_insert },
	{ "fx STRIP SLOT PARAM VALUE", UI_SCOPE_LINE, { 0 },
	  "set an insert's parameter (Tab lists them)", ui_line_fx },
	{ "auto STRIP LANE [ACTION] [T] [V]", UI_SCOPE_LINE, { 0 },
	  "automation: list, add T V, del T, mode off|read|write|touch|latch, clear",
	  ui_line_auto },
	{ "group GROUP [TRACK...]", UI_SCOPE_LINE, { 0 },
	  "link tracks' gain, mute and solo (no tracks: list the group)", ui_line_group },
	{ "ungroup TRACK...", UI_SCOPE_LINE, { 0 }, "take tracks out of their group",
	  ui_line_ungroup },
	{ "pitch SEMITONES [CENTS]", UI_SCOPE_LINE, { 0 },
		"pitch the selected clip (-24..24 st, -100..100 ct), same length", ui_line_pitch },
	{ "varispeed [on|off]", UI_SCOPE_LINE, { 0 },
		"the selected clip's pitch changes its speed too (or toggle)", ui_line_varispeed },
	{ "lesson [N]", UI_SCOPE_LINE, { 0 }, "open lesson N (ttymix lesson list); alone: "
	  "its goal and hints again", ui_line_lesson },
	{ "check", UI_SCOPE_LINE, { 0 }, "measure the open lesson: what passes, what not, "
	  "by how much", ui_line_check },
	{ "monitor MODE", UI_SCOPE_LINE, { 0 }, "monitor: stereo mono left right side swap "
	  "dim bs2b chumoy jmeier laptop phone earbuds off", ui_line_monitor },
	{ "reference FILE|off", UI_SCOPE_LINE, { 0 }, "load a reference track to compare "
	  "with (R switches; heard, never rendered)", ui_line_reference },
	{ "play", UI_SCOPE_LINE, { 0 }, "start playback", ui_line_play },
	{ "stop", UI_SCOPE_LINE, { 0 }, "stop playback", ui_line_stop },
	{ "locate SECONDS", UI_SCOPE_LINE, { 0 }, "go to a time: seconds, or m:ss",
		ui_line_locate },
	{ "clipgain DB", UI_SCOPE_LINE, { 0 }, "set the selected clips' gain in dB",
		ui_line_clipgain },
	{ "fade in|out SECONDS [linear|equal_power|s_curve]", UI_SCOPE_LINE, { 0 },
		"set the selected clips' fade and its shape", ui_line_fade },
	{ "move TIME", UI_SCOPE_LINE, { 0 }, "move the clip (and the selection) to start at TIME",
		ui_line_move },
	{ "trim start|end SECONDS", UI_SCOPE_LINE, { 0 },
		"move the clip's start or end edge by SECONDS (negative: earlier)", ui_line_trim },
	{ "nudge AMOUNT", UI_SCOPE_LINE, { 0 }, "how far , . { } go: 10ms, 480f, 0.25b",
		ui_line_nudge },
	{ "xfade MS", UI_SCOPE_LINE, { 0 },
		"crossfade length where clips on a track overlap (equal power)", ui_line_xfade },
	{ "track add|del|name|color|up|down [WORD]", UI_SCOPE_LINE, { 0 },
		"add a track after this one, remove it, name, colour or reorder it",
		ui_line_track },
	{ "marker add|name|del [NAME]", UI_SCOPE_LINE, { 0 },
		"add a marker at the playhead; rename or delete the one at or before it",
		ui_line_marker },
	{ "loop on|off|clip|markers|START END", UI_SCOPE_LINE, { 0 },
		"loop on/off, over the selected clips, between markers, or a range",
		ui_line_loop },
	{ "render FILE [BITS]", UI_SCOPE_LINE, { 0 }, "bounce to FILE: .wav .flac .ogg .aiff",
		ui_line_render },
	{ "album [DIR]", UI_SCOPE_LINE, { 0 }, "render the album: files, CUE, loudness table",
		ui_line_album },
	{ "w [DIR]", UI_SCOPE_LINE, { 0 },
		"save (as Ctrl-S); with DIR: save the project there and work on that copy",
		ui_line_write },
	{ "w!", UI_SCOPE_LINE, { 0 },
		"save over a project.json that changed on disk since this studio read it",
		ui_line_write_over },
	{ "q", UI_SCOPE_LINE, { 0 }, "quit (refuses if changes are unsaved)", ui_line_quit },
	{ "q!", UI_SCOPE_LINE, { 0 }, "quit, dropping unsaved changes", ui_line_quit_discard },
	{ "wq", UI_SCOPE_LINE, { 0 }, "save, then quit", ui_line_write_quit },
	{ "dsp [reset]", UI_SCOPE_LINE, { 0 },
		"DSP load: mean, worst, overruns, stalls, xruns (reset: count from now)",
		ui_line_dsp },
	{ "device [NAME|null]", UI_SCOPE_LINE, { 0 },
		"reopen the output: a device (see ttymix devices), null, or as started",
		ui_line_device },

	{ "help-up", UI_SCOPE_HELP, { KEY_UP, 'k' }, "scroll up", cmd_help_up },
	{ "help-down", UI_SCOPE_HELP, { KEY_DOWN, 'j' }, "scroll down", cmd_help_down },
	{ "help-page-up", UI_SCOPE_HELP, { KEY_PPAGE }, "scroll up a page", cmd_help_page_up },
	{ "help-page-down", UI_SCOPE_HELP, { KEY_NPAGE }, "scroll down a page",
		cmd_help_page_down },
	{ "help-close", UI_SCOPE_HELP, { UI_KEY_ESC, 'q', '?', KEY_F(1) }, "close this list",
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

static const struct ui_command *find(enum ui_scope scope, int key)
{
	for (size_t i = 0; i < ui_n_commands; i++) {
		if (!ui_command_in_scope(&ui_commands[i], scope))
			continue;
		for (int k = 0; k < UI_MAX_KEYS && ui_commands[i].keys[k]; k++)
			if (ui_commands[i].keys[k] == key)
				return &ui_commands[i];
	}
	return NULL;
}

bool ui_keys_dispatch_only(struct ui_app *app, enum ui_scope scope, int key)
{
	const struct ui_command *c = find(scope, ui_keys_normalise(key));
	if (!c)
		return false;
	c->run(app);
	return true;
}

bool ui_keys_dispatch(struct ui_app *app, enum ui_scope scope, int key)
{
	key = ui_keys_normalise(key);
	const struct ui_command *c = find(scope, key);
	if (!c && scope != UI_SCOPE_GLOBAL)
		c = find(UI_SCOPE_GLOBAL, key);
	if (!c)
		return false;
	c->run(app);
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

void ui_key_name(int key, char *buf, size_t size)
{
	static const struct { int key; const char *name; } names[] = {
		{ ' ', "Space" }, { UI_KEY_ESC, "Esc" }, { KEY_UP, "Up" }, { KEY_DOWN, "Down" },
		{ KEY_LEFT, "Left" }, { KEY_RIGHT, "Right" }, { KEY_HOME, "Home" },
		{ KEY_END, "End" }, { KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" },
		{ KEY_SR, "Shift-Up" }, { KEY_SF, "Shift-Down" }, { '\t', "Tab" },
		{ KEY_BTAB, "Shift-Tab" }, { '\r', "Enter" }, { KEY_SLEFT, "Shift-Left" },
		{ KEY_SRIGHT, "Shift-Right" }, { KEY_DC, "Delete" }, { KEY_IC, "Insert" },
		{ KEY_BACKSPACE, "Backspace" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return;
		}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, size, "F%d", key - KEY_F0);
	else if (key > 0 && key < 32)
		snprintf(buf, size, "Ctrl-%c", '@' + key);
	else if (key >= 32 && key < 127)
		snprintf(buf, size, "%c", key);
	else if (key >= KEY_MIN && keyname(key))
		snprintf(buf, size, "%s", keyname(key)); /* KEY_ENTER: better than a number */
	else
		snprintf(buf, size, "key %d", key);
}

const char *ui_scope_title(enum ui_scope scope)
{
	switch (scope) {
	case UI_SCOPE_GLOBAL: return "Everywhere";
	case UI_SCOPE_MIXER: return "Mixer";
	case UI_SCOPE_STRIP: return "Strip detail (Enter on a mixer strip)";
	case UI_SCOPE_LANE: return "Automation lanes (A on the arranger)";
	case UI_SCOPE_ARRANGER: return "Arranger";
	case UI_SCOPE_HELP: return "This help";
	case UI_SCOPE_LINE:
		return "Typed after :  (also any name above; TRACK: name, number or master)";
	case UI_SCOPE_MASTERING: return "Mastering";
	}
	return "";
}
