/* The project model: plain data owned by the UI thread (or the CLI's main thread).
 * The audio side never sees it; graph_build() turns it into a render graph.
 *
 * Strings and arrays belong to the project and die with project_free(). Each object
 * keeps the JSON it was read from (the `json` members, opaque here) so that fields this
 * version does not know survive a save. Times are seconds, levels dB, pan -1..1. */
#ifndef TTYMIX_PROJECT_H
#define TTYMIX_PROJECT_H

#include <stdbool.h>

#include "audio/fx/fx.h"
#include "src/control.h"
#include "src/tempo.h"
#include "src/base/diag.h"
#include "src/base/err.h"

#define PROJECT_FORMAT "ttymix-project"
#define PROJECT_VERSION 1
#define PROJECT_FILE "project.json"

/* Ranges shared by the loader, `check` and the command line; the counts and name
 * lengths are named in one table, src/project_limits.h, which edits ask too. */
#define PROJECT_MAX_TRACKS 1024
#define PROJECT_MAX_CLIPS 65536       /* per track */
#define PROJECT_MAX_MARKERS 100000
#define PROJECT_MAX_SECONDS 86400.0   /* positions and lengths: one day */
#define PROJECT_MIN_RATE 8000
#define PROJECT_MAX_RATE 384000
#define PROJECT_MIN_GAIN_DB -144.0
#define PROJECT_MAX_GAIN_DB 24.0
#define PROJECT_MIN_PAN_LAW_DB -6.0
#define PROJECT_MAX_PAN_LAW_DB -3.0
#define PROJECT_MAX_NAME 256          /* bytes in a name */
#define PROJECT_MAX_PATH 4096         /* bytes in a clip's file */
#define PROJECT_MAX_FILE_BYTES (64L * 1024 * 1024)
#define PROJECT_MIN_SEMITONES -24     /* a clip's pitch shift */
#define PROJECT_MAX_SEMITONES 24
#define PROJECT_MIN_CENTS -100
#define PROJECT_MAX_CENTS 100

/* A fade's curve (`fade_in_shape`, `fade_out_shape`); the formulas are in docs/dsp.md
 * ("Clip gain and fades"). Same order as enum graph_fade_shape. */
enum project_fade_shape {
	PROJECT_FADE_LINEAR,       /* "linear" (the default) */
	PROJECT_FADE_EQUAL_POWER,  /* "equal_power" */
	PROJECT_FADE_S_CURVE,      /* "s_curve" */
};
#define PROJECT_N_FADE_SHAPES 3
/* The JSON name of a shape, and the shape of a name (-1: none). */
const char *project_fade_shape_name(enum project_fade_shape shape);
int project_fade_shape_of(const char *name);

/* Crossfades where clips on one track overlap (`crossfade_ms`). */
#define PROJECT_DEFAULT_CROSSFADE_MS 10.0
#define PROJECT_MAX_CROSSFADE_MS 10000.0

struct project_clip {
	char *file;          /* relative to the project folder, or absolute */
	double start;        /* timeline position, s */
	double offset;       /* into the file, s */
	double length;       /* s; < 0: up to the end of the file */
	double gain_db;
	double fade_in;      /* s */
	double fade_out;     /* s */
	enum project_fade_shape fade_in_shape, fade_out_shape;
	bool selected;       /* the arranger's multi-selection: UI state, never saved */
	int pitch_semitones; /* PROJECT_MIN/MAX_SEMITONES; src/pitch.h */
	int pitch_cents;     /* PROJECT_MIN/MAX_CENTS */
	bool varispeed;      /* pitch and speed together: the clip's timeline length is
	                        its length in the file times 2^(-shift/12) */
	void *json;
};

/* An insert on a strip (`inserts[]`): an effect from the fx table, its bypass and every
 * parameter's value (defaults where the file has none). json: the object as read
 * (NULL for a new one); fields unknown here survive a save. */
struct project_insert {
	const struct fx_class *cls;
	bool bypass;
	double params[FX_MAX_PARAMS];
	void *json;
	/* An LV2 plug-in's state to restore instead of its state file's (audio/lv2/lv2.h,
	 * lv2_state_attach), as Turtle: a preset applied in the studio, which the next save
	 * writes to the file. NULL: the file's. Never in project.json. lv2_serial names it
	 * (0 with NULL), unique in the process, so a graph rebuild carries the running
	 * plug-in on only when it was restored from the same state. */
	char *lv2_state;
	unsigned lv2_serial;
	/* `sidechain`: the strip (a track's or a bus's name) whose signal after its
	 * inserts and fader keys this LV2 plug-in's sidechain inputs; NULL: the strip's
	 * own input (src/project_sidechain.c) */
	char *sidechain;
};

/* A send (`sends[]`) from a track or a bus to a bus: a copy of the strip's signal at
 * level_db, taken after the fader and pan (post) or after the inserts (pre_fader). */
struct project_send {
	char *bus;           /* the bus's name */
	double level_db;     /* <= PROJECT_MIN_GAIN_DB: silent */
	bool pre_fader;
	void *json;
};

#define PROJECT_MAX_SENDS 64          /* per strip */
#define PROJECT_MAX_LANES 64          /* automation lanes per strip */
#define PROJECT_MAX_POINTS 1000000    /* points per lane */

/* Automation (`automation` of a track or bus): per lane, breakpoints (time s, value)
 * in time order, joined by straight lines (docs/dsp.md, "Automation"), and what the
 * lane does while the song plays:
 *  - off: ignored; read: the lane sets the control;
 *  - write: while playing, the control's value is recorded over the lane;
 *  - touch: recorded while the control is being moved, then the lane takes over again;
 *  - latch: recorded from the first move until the transport stops. */
enum project_auto_mode { AUTO_OFF, AUTO_READ, AUTO_WRITE, AUTO_TOUCH, AUTO_LATCH };


struct project_auto_point {
	double time, value;
};

struct project_lane {
	char *param;                     /* the key, as in the file */
	enum project_auto_mode mode;
	struct project_auto_point *points;
	int n_points, cap_points;
};
#define PROJECT_MAX_BUSES 256
#define PROJECT_MAX_GROUPS 256
#define PROJECT_MASTER_NAME "master"  /* what an output names to play into the master */

/* The fields every mixer strip has, in a track, a bus and the master: one struct, so
 * that loading, saving, copying, building the graph and editing walk one path for
 * all three. The master uses gain_db and inserts only (name, color and output stay
 * NULL, the rest zero). */
struct project_strip {
	char *name;          /* a track's or a bus's; NULL on the master */
	char *color;         /* may be NULL */
	char *output;        /* "master" or a bus name; may be NULL (master) */
	double gain_db;
	double pan;          /* a bus's: balance */
	bool mute, solo;
	bool solo_safe;      /* never silenced by another strip's solo */
	struct project_insert inserts[FX_MAX_INSERTS];
	int n_inserts;
	struct project_send *sends;
	int n_sends;
	struct project_lane *lanes;
	int n_lanes;
};

struct project_track {
	struct project_strip strip;
	char *group;         /* a groups[] name; may be NULL */
	/* `role`: what the track is in the arrangement, words the user chose ("vox
	 * lead", "bass", "pad"); NULL: none. Only the mix review reads it (a role with
	 * "lead" makes the track more important than its fader says, src/review.h). */
	char *role;
	/* Recording (src/studio/record.h): `record_armed` (written only when true, or
	 * already in the file) and `record_input`, "1", "2" or "1-2" (written only when
	 * not the default "1", or already in the file), so an old project saves as it
	 * was. record_input is the first input, 0-based; record_channels 1 or 2. */
	bool record_armed;
	int record_input, record_channels;
	struct project_clip *clips;
	int n_clips;
	void *json;
};

/* A bus (`buses[]`): a stereo strip without clips, fed by the outputs and sends of
 * tracks and other buses. Its name is unique among buses and never "master"; its own
 * output and sends go on to the master or to buses; the routing never loops
 * (project_route_check). */
struct project_bus {
	struct project_strip strip;
	void *json;
};

/* A track group (`groups[]`): tracks whose `group` names it move together in the
 * studio: gain by the same number of dB, mute and solo to the same state, each link
 * when its flag is set. Only the studio reads it; the sound does not depend on it. */
struct project_group {
	char *name;
	bool gain, mute, solo;
	void *json;
};

struct project_marker {
	char *name;
	double time;
	void *json;
};

/* An album (`album`): songs played one after another, rendered by `ttymix album`
 * (src/album.c). A song's source is "self" (this project's mix), another project (a
 * folder or a project.json, relative to this project's folder or absolute) or a
 * stereo (or mono) audio file. Times are seconds, levels dB. */
#define PROJECT_MAX_SONGS 99          /* a CD's track limit */
#define PROJECT_ALBUM_SELF "self"
#define PROJECT_DELIVERY_KEY_MAX 23 /* bytes in a delivery target's key */
#define PROJECT_MIN_TARGET_LUFS -70.0
#define PROJECT_MAX_TARGET_LUFS 0.0

struct project_song {
	char *source;        /* "self", a project or an audio file */
	char *title;
	double gap_before_s; /* silence before it (the first song: at the start) */
	double gain_db;
	double fade_in_s, fade_out_s;
	double crossfade_s;  /* overlap into the next song; 0: none (then the next song's
	                      * gap_before_s is 0) */
	void *json;
};

struct project_album {
	char *title, *artist;           /* may be NULL */
	bool has_target;
	double target_lufs;             /* album normalization target, when has_target */
	struct project_song *songs;
	int n_songs;
	void *json;
};

struct project {
	char *dir;           /* the project folder (absolute) */
	char *path;          /* its project.json */
	char *name;
	int sample_rate;
	double pan_law_db;
	double tempo_bpm;    /* at bar 1 (`tempo_bpm`); quarter notes a minute */
	int meter_num, meter_den;    /* at bar 1 (`meter`, "4/4") */
	struct tempo_change *tempo_map; /* `tempo_map`: changes at later bars, in bar
	                                 * order (src/tempo.h) */
	int n_tempo_map;
	struct project_strip master; /* `master`: gain_db and inserts */
	struct project_track *tracks;
	int n_tracks;
	struct project_bus *buses;
	int n_buses;
	struct project_group *groups;
	int n_groups;
	struct project_marker *markers;
	int n_markers;
	int cap_markers;     /* room in markers, >= n_markers once project_add_marker grew
	                      * it; below n_markers when markers was allocated exactly */
	double loop_start, loop_end;
	bool loop_enabled;
	double crossfade_ms; /* overlapping clips on a track crossfade this long */
	/* `record_latency_frames`: a measured round trip added to what the driver
	 * reports when a take is placed (src/studio/record.c; :latency); 0 (and not
	 * written) when none was set */
	int record_latency;
	/* `delivery`: the target page 3 measures the master against, by its key
	 * ("spotify", "custom": ui/mastering.c); "" when none was chosen (older files).
	 * delivery_lufs is its integrated loudness (the custom one's own). */
	char delivery_target[PROJECT_DELIVERY_KEY_MAX + 1];
	double delivery_lufs;
	struct project_album *album;    /* NULL: none */
	void *json;          /* the whole document as read, for unknown fields */
};

#define PROJECT_MAX_RECORD_LATENCY 192000   /* frames either way: :latency */

/* An empty project in folder dir (not written). */
struct project *project_new(const char *dir, const char *name, int sample_rate);
void project_free(struct project *p); /* NULL is a no-op */
/* A deep copy, unknown JSON fields included: what project_to_json makes of it is what
 * it makes of p (src/project_copy.c). */
struct project *project_copy(const struct project *p);
/* The same for another thread to read (the autosave worker: project_autosave_json),
 * much cheaper: the JSON kept for unknown fields is shared with p, and whatever of it
 * this thread frees meanwhile (edits of p, project_free) is kept until every snapshot
 * it took is freed. Take and free on one thread (the owner of p); the snapshot is
 * read-only to the other. */
struct project *project_snapshot(const struct project *p);
void project_snapshot_free(struct project *snap); /* NULL is a no-op */

/* Append a track / a clip; returns it (valid until the next append). */
struct project_track *project_add_track(struct project *p, const char *name);
struct project_clip *project_add_clip(struct project_track *t, const char *file,
	double start);

/* Append an insert of class cls, with default parameters, to an array of FX_MAX_INSERTS
 * (a track's inserts or the master's); NULL when it is full. */
struct project_insert *project_add_insert(struct project_insert *inserts, int *n,
	const struct fx_class *cls);

/* Remove insert index from an array of n (its JSON goes too). */
void project_remove_insert(struct project_insert *inserts, int *n, int index);
/* A deep copy of clip src into *dst (its unknown JSON fields too). */
void project_clip_copy(struct project_clip *dst, const struct project_clip *src);
/* Free what a clip owns (for copies kept outside a track). */
void project_clip_deinit(struct project_clip *c);
/* Insert a copy of c at index k of track t's clips (0..n_clips); returns it (valid
 * until the next insertion). */
struct project_clip *project_insert_clip(struct project_track *t, int k,
	const struct project_clip *c);
/* Remove clip k of track t. */
void project_remove_clip(struct project_track *t, int k);
/* Order a track's clips by start (stable: equal starts keep their order). */
void project_sort_clips(struct project_track *t);

/* Remove track t; move track t to position to (the others shift). */
void project_remove_track(struct project *p, int t);
void project_move_track(struct project *p, int t, int to);

/* Add a marker (kept in time order); returns its index. Remove marker i. */
int project_add_marker(struct project *p, const char *name, double time);
void project_remove_marker(struct project *p, int i);

/* Index of the track called name, or of "N" (1-based), or -1. */
int project_find_track(const struct project *p, const char *name_or_number);
/* Index of the bus called name, or -1. */
int project_find_bus(const struct project *p, const char *name);
int project_find_group(const struct project *p, const char *name);

/* Append a bus (default settings, output to the master) / a send (post-fader, silent)
 * / a group (every link on); returns it, valid until the next append. */
struct project_bus *project_add_bus(struct project *p, const char *name);
struct project_send *project_add_send(struct project_send **sends, int *n,
	const char *bus);
struct project_group *project_add_group(struct project *p, const char *name);
/* Strip i: tracks 0..n_tracks-1, then buses n_tracks..n_tracks+n_buses-1 (the
 * numbering of src/project_route.c and of the engine), PROJECT_STRIP_MASTER the
 * master; NULL for any other number. */
#define PROJECT_STRIP_MASTER -1
struct project_strip *project_strip_at(struct project *p, int i);
const struct project_strip *project_strip_get(const struct project *p, int i);
/* Remove bus b: outputs into it go to the master, sends to it are dropped. */
void project_remove_bus(struct project *p, int b);
void project_remove_send(struct project_send *sends, int *n, int index);

/* Automation (src/project_auto.c). */
const char *project_auto_mode_name(enum project_auto_mode mode);
/* The mode called name; -1 when none is. */
int project_auto_mode_find(const char *name);
/* What a lane key ("gain_db", "pan", "mute", "send.BUS.level_db", "insert.N.PARAM",
 * N from 1) drives on a strip with these sends and inserts: the control (its id in
 * the control table, src/control.h), and for CONTROL_SEND_LEVEL the send's index, for
 * CONTROL_INSERT_PARAM the insert's index and its parameter's. false (and why, when
 * why is not NULL) when the key names nothing the strip has. */
bool project_auto_target(const char *key, const struct project_send *sends, int n_sends,
	const struct project_insert *inserts, int n_inserts, enum control_id *target,
	int *index, int *param, char *why, size_t why_size);
/* The range a lane's values must lie in (its control's). */
void project_auto_range(enum control_id target, const struct project_insert *ins,
	int param, double *min, double *max);
/* The lane called key in lanes (NULL when there is none) / a new empty one at the end. */
struct project_lane *project_lane_find(struct project_lane *lanes, int n, const char *key);
struct project_lane *project_lane_add(struct project_lane **lanes, int *n, const char *key);
void project_lane_remove(struct project_lane *lanes, int *n, int index);
/* Keep insert lanes on their insert when the chain changes: map[old slot] = its new
 * slot, or -1 when it was deleted (its lanes go). n_old: the chain's length before. */
void project_lanes_remap_inserts(struct project_lane *lanes, int *n, const int *map,
	int n_old);
/* Drop the lane of a send to bus (the send or the bus went). */
void project_lanes_drop_send(struct project_lane *lanes, int *n, const char *bus);
/* Put a point in a lane, keeping time order (after any point at the same time). */
void project_lane_insert(struct project_lane *lane, double time, double value);
/* The same, for an edit: refused (ERR_FULL, "automation points: the limit is
 * 1000000") when the lane already holds PROJECT_MAX_POINTS, so that what the studio
 * saves it can open again. */
enum err project_lane_add_point(struct project_lane *lane, double time, double value,
	struct err_msg *msg);
/* Remove the points with from < time <= to; returns how many. */
int project_lane_erase(struct project_lane *lane, double from, double to);
/* The lane's value at time: linear between points, flat before the first and after the
 * last. The lane must have points. */
double project_lane_value(const struct project_lane *lane, double time);

/* Routing (src/project_route.c). Strips are numbered tracks 0..n_tracks-1, then buses
 * n_tracks..n_tracks+n_buses-1. The destination of a strip's output: a bus index, or
 * -1 for the master; -2 when it names no bus. */
int project_output_bus(const struct project *p, const char *output);
/* Check every output and send: each names a bus that exists, no bus feeds itself
 * through any path. Every problem goes to diag as an error naming the path, e.g.
 * `buses: "verb" feeds itself: verb -> delay -> verb`. Returns the error count. */
int project_route_check(const struct project *p, const char *file, struct diag *diag);
/* The buses in an order where every bus comes after each bus feeding it (order has
 * n_buses entries). false (order undefined) when the routing has a cycle. */
bool project_route_order(const struct project *p, int *order);

/* Sidechain keys (src/project_sidechain.c). The strip a key names: a track by its
 * name, else a bus by its name (numbered as for routing), or -1. */
int project_key_source(const struct project *p, const char *name);
/* Check every insert's `sidechain`: it names a track or a bus other than its own
 * strip, it is on an LV2 plug-in with sidechain inputs and not on the master, a track
 * is keyed only by a track (the buses play after the tracks), and no key comes from a
 * strip that plays after the one it keys (a loop of keys and routing: `"pad" keys
 * "kick" and "kick" keys "pad"`). Errors go to diag, one line each; returns the
 * count. Only after project_route_check found no error (the loader and the studio's
 * routing edits call both). */
int project_sidechain_check(const struct project *p, const char *file, struct diag *diag);
/* Set (name) or clear (NULL) the key of insert slot (from 0) of strip (numbered as
 * for routing), refusing what project_sidechain_check refuses, with its line in msg
 * (the project unchanged). */
enum err project_sidechain_set(struct project *p, int strip, int slot, const char *name,
	struct err_msg *msg);
/* After a strip is renamed from `from`: the keys naming `from`, when no strip has that
 * name any more, name `to` (the key follows its strip). */
void project_sidechain_rename(struct project *p, const char *from, const char *to);
/* After a strip is removed (the studio's caller, as project_remove_bus drops the
 * sends to a bus): the keys naming no strip are dropped, their inserts hear their own
 * input again. */
void project_sidechain_prune(struct project *p);
/* The buses in the order the engine mixes them: every bus after each strip feeding it
 * and each strip keying one of its inserts (order has n_buses entries); false (order
 * undefined) when routing and keys loop. */
bool project_mix_order(const struct project *p, int *order);

/* A clip's file as a path usable with open(): absolute, or joined to p->dir. Caller
 * frees. */
char *project_clip_path(const struct project *p, const struct project_clip *c);

/* Read a project from a folder or a project.json path. Every problem found goes to
 * diag (which may hold warnings on success). Returns ERR_OK and *out, or an error and
 * NULL; the first error line in diag says what and where. */
enum err project_load(const char *path, struct project **out, struct diag *diag);

/* The same from text in memory (project_to_json's output): the project is taken to
 * live in folder dir with its file at path (neither is touched). For the edit history
 * (src/studio/edit.c), which keeps a project's shape as text. */
enum err project_from_json(const char *text, const char *dir, const char *path,
	struct project **out, struct diag *diag);

/* Write p->path atomically: a temporary file in the same folder, fsync, keep the
 * previous file as project.json.bak, rename into place, fsync the folder. On failure
 * the old file is untouched and msg says why; on success msg is empty, or holds a
 * warning (no backup could be kept). */
enum err project_save(struct project *p, struct err_msg *msg);
/* The LV2 plug-ins' states (audio/lv2/lv2.h) written to p's folder from the plug-ins
 * playing the project in folder from: project_save's (from p->dir), and `:w DIR`'s,
 * whose copy gets the states that play rather than those last saved. A file that
 * cannot be written is said in msg. */
void project_save_states_from(const struct project *p, const char *from,
	struct err_msg *msg);
/* The same to another path (whose folder must exist) and without a backup: for the
 * autosave (src/studio/autosave.c). edits_since_save >= 0 adds {"autosave":
 * {"edits_since_save": N}} to the file; project_to_json and project_save never write
 * that object, so a project restored from an autosave does not carry it on. */
enum err project_save_to(struct project *p, const char *path, int edits_since_save,
	struct err_msg *msg);
/* A loaded autosave's edits_since_save, or -1 when the file has none. */
int project_autosave_edits(const struct project *p);

/* A song's source as a path usable with open() (absolute, or joined to p->dir);
 * NULL for "self". Caller frees. */
char *project_song_path(const struct project *p, const struct project_song *s);
/* Free an album (NULL: no-op). */
void project_album_free(struct project_album *a);

/* A strip's chain alone, its inserts (parameters and bypass) and sends, as JSON text
 * in project.json's shape, {"inserts": [...], "sends": [...]} (caller frees): for
 * copy and paste between strips and chain presets (src/studio/commands_chain.c). */
char *project_chain_json(const struct project_strip *s);
/* Such text back into *out (zeroed first; its inserts and sends only), checked as
 * project_load checks a strip's: each problem goes to diag as a line naming file.
 * Whether the sends' buses exist is the caller's to check. On error *out is empty. */
enum err project_chain_parse(const char *text, const char *file, struct project_strip *out,
	struct diag *diag);
/* Free what a strip owns and zero it (a strip kept outside a project). */
void project_strip_deinit(struct project_strip *s);

/* The project as JSON text (caller frees), as project_save would write it, but for
 * the LV2 states a preset put in memory (project_insert.lv2_state), which it keeps
 * (insert keys "lv2_state" and "lv2_serial", read back by project_from_json) for the
 * studio's undo history and a render's copy; a file never has them. */
char *project_to_json(struct project *p);
/* The same with the autosave note of project_save_to (edits_since_save >= 0), for the
 * autosave worker, which writes the text itself (src/studio/autosave.c). */
char *project_autosave_json(struct project *p, int edits_since_save);
/* The same document as a tree (src/jtree.h; free with jtree_free), for readers that
 * walk every field without knowing them (src/project_diff.c). */
struct jtree;
struct jtree *project_to_tree(struct project *p);

#endif
