/* ttymix master IN -o OUT --match REF: IN's master chain (eq, width, limiter) set to
 * bring it to REF's long-term spectrum, loudness and stereo width under the true-peak
 * ceiling (src/match_chain.h), then rendered and measured as `master --target` is. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/reference.h"
#include "src/cli.h"
#include "src/cli_master.h"
#include "src/render_file.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"

#define MATCH_TOLERANCE_LU 0.5
#define CEILING_SLACK_DB 0.005

/* The reference decoded at the mix's rate and measured. */
static int measure_reference(const char *path, int rate, struct match_profile *out)
{
	struct reference_track ref;
	struct err_msg msg;
	if (reference_load(path, rate, &ref, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	enum err e = match_measure(ref.frames, ref.n_frames, rate, out, &msg);
	free(ref.frames);
	if (e != ERR_OK)
		return cli_fail("%s: %s", path, msg.text);
	if (!isfinite(out->integrated_lufs))
		return cli_fail("%s: no loudness to match (silent, or shorter than 400 ms)", path);
	return 0;
}

/* The chain matched, rendered into slot's temporary file and measured. */
static int match_and_render(struct master_opts *mo, struct project *p,
	const struct match_profile *ref, const char *work, struct match_result *r,
	float *max_gr, struct loudness_result *after)
{
	struct match_chain c;
	struct err_msg msg;
	if (!match_chain_prepare(p, mo->match.ceiling_dbtp, &c))
		return cli_fail("%s: no room on the master chain", mo->in);
	if (match_chain_run(p, &c, ref, &mo->match, r, &msg) != ERR_OK)
		return cli_fail("%s: %s", mo->in, msg.text);
	int rc = cli_master_render_pass(p, work, mo->out, mo->container, max_gr);
	if (!rc && loudness_measure_file(work, after, &msg) != ERR_OK)
		rc = cli_fail("%s", msg.text);
	return rc;
}

int cli_master_match(struct master_opts *mo)
{
	render_file_catch_signals();
	struct loudness_result before, after;
	struct err_msg msg;
	if (loudness_measure_file(mo->in, &before, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	struct project *p;
	int rc = cli_project_from_files(1, (char **)&mo->in, 0, &p);
	if (rc)
		return rc;
	struct match_profile *ref = xmalloc(sizeof *ref);
	struct match_result *r = xcalloc(1, sizeof *r);
	rc = measure_reference(mo->match_ref, p->sample_rate, ref);
	struct safefile slot;
	bool open = false;
	if (!rc && safefile_open(&slot, mo->out, SAFEFILE_KEEP_MODE, &msg) != ERR_OK)
		rc = cli_fail("%s", msg.text);
	else if (!rc)
		open = true;
	float max_gr = 0.0f;
	if (!rc) {
		mo->target_lufs = ref->integrated_lufs;
		rc = match_and_render(mo, p, ref, slot.tmp_path, r, &max_gr, &after);
	}
	project_free(p);
	free(ref);
	if (!rc && render_file_caught_signal())
		rc = cli_fail("%s: master stopped by %s; %s is as it was", mo->out,
			render_file_caught_signal() == SIGINT ? "SIGINT (Ctrl-C)" : "SIGTERM", mo->out);
	if (!rc && safefile_commit(&slot, &msg) != ERR_OK)
		rc = cli_fail("%s", msg.text);
	else if (rc && open)
		safefile_abort(&slot);
	if (rc) {
		free(r);
		return rc;
	}
	bool reached = fabs(after.integrated_lufs - mo->target_lufs) <= MATCH_TOLERANCE_LU;
	const bool over = !(after.true_peak_dbtp <= mo->ceiling_dbtp + CEILING_SLACK_DB);
	cli_master_print_report(mo, &before, &after, r->gain_db, max_gr, r->passes + 1,
		reached && !over, r);
	fflush(stdout);
	free(r);
	if (over)
		return cli_fail("%s: the result's true peak, %.2f dBTP, is over the %.1f dBTP "
			"ceiling; %s is not a master to deliver", mo->in, after.true_peak_dbtp,
			mo->ceiling_dbtp, mo->out);
	if (!reached)
		return cli_fail("%s: cannot reach the reference's %.1f LUFS under a %.1f dBTP "
			"ceiling (got %.1f LUFS); %s is the closest it came", mo->in, mo->target_lufs,
			mo->ceiling_dbtp, after.integrated_lufs, mo->out);
	return 0;
}
